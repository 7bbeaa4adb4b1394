package com.musiccorp.sagastatus.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Orders a saga's steps whatever order the topics delivered them in: by event time; within equal
 * times (a reaction inherits its cause's time) causes before their effects; then by event id, so
 * the result depends only on the set of steps.
 *
 * <p>Every event has at most one cause, so the steps form a forest: a step becomes eligible once
 * its cause is placed (or when its cause is not in the saga), and the eligible step with the
 * smallest (time, usual stage, event id) goes next. For consistent data (no effect earlier than its cause) that
 * is exactly "time, then causes first".
 */
final class TimelineOrder {

    /**
     * Where a step usually stands in the saga. Only a tie-break among steps of equal time whose
     * causes are not in the saga (a context may derive an event from a private input, e.g. the
     * warehouse's line answers or carrier booking), so they do not fall into event-id order.
     */
    private static final Map<String, Integer> STAGE = Map.ofEntries(
            Map.entry("OrderPlaced", 0),
            Map.entry("StockReserved", 1), Map.entry("StockInsufficient", 1),
            Map.entry("PaymentTaken", 2), Map.entry("PaymentFailed", 2),
            Map.entry("OrderPackaged", 3), Map.entry("ItemNotFound", 3), Map.entry("StockReleased", 4),
            Map.entry("PaymentRefunded", 5), Map.entry("DispatchDelayed", 6), Map.entry("DispatchFailed", 7),
            Map.entry("OrderDispatched", 8), Map.entry("PointsAwarded", 9),
            Map.entry("OrderCompleted", 10), Map.entry("OrderCancelled", 10));
    private static final int UNRANKED = 50; // notifications, rejections, event types added later

    static final Comparator<Step> BY_TIME_THEN_ID = Comparator.comparing(Step::occurredAt)
            .thenComparing(s -> STAGE.getOrDefault(s.eventType(), UNRANKED))
            .thenComparing(Step::eventId);

    private TimelineOrder() {
    }

    /**
     * The steps in timeline order, each with its time since the previous one. Sorted by
     * {@link #BY_TIME_THEN_ID} first, so the first step whose cause is placed (or not in the saga) is
     * always the one to place next; arrays, not a priority queue and maps: it runs on every event
     * folded, for a few dozen steps at most (a queue and maps were 7 % of a replaying stream thread).
     */
    static List<Step> sort(List<Step> steps) {
        int n = steps.size();
        Step[] byKey = steps.toArray(new Step[0]);
        Arrays.sort(byKey, BY_TIME_THEN_ID);
        int[] causeAt = new int[n]; // where in byKey the step's cause is, or -1 when it is not a step here
        for (int i = 0; i < n; i++) {
            causeAt[i] = -1;
            String cause = byKey[i].causationId();
            if (cause == null || cause.equals(byKey[i].eventId())) continue;
            for (int j = 0; j < n; j++) {
                if (cause.equals(byKey[j].eventId())) {
                    causeAt[i] = j;
                    break;
                }
            }
        }
        boolean[] placed = new boolean[n];
        List<Step> ordered = new ArrayList<>(n);
        for (int next = nextToPlace(causeAt, placed); next >= 0; next = nextToPlace(causeAt, placed)) {
            placed[next] = true;
            ordered.add(byKey[next]);
        }
        for (int i = 0; i < n; i++) { // a causation cycle (corrupt data): keep every step anyway
            if (!placed[i]) ordered.add(byKey[i]);
        }
        List<Step> timed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long since = i == 0 ? 0 : ordered.get(i).occurredAt().toEpochMilli()
                    - ordered.get(i - 1).occurredAt().toEpochMilli();
            timed.add(ordered.get(i).withSincePrevious(since));
        }
        return List.copyOf(timed);
    }

    /** The first step not placed whose cause is placed or not a step here; -1 when none is left. */
    private static int nextToPlace(int[] causeAt, boolean[] placed) {
        for (int i = 0; i < placed.length; i++) {
            if (!placed[i] && (causeAt[i] < 0 || placed[causeAt[i]])) return i;
        }
        return -1;
    }
}
