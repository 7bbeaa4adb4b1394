package com.musiccorp.sagastatus.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

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

    /** The steps in timeline order, each with its time since the previous one. */
    static List<Step> sort(List<Step> steps) {
        Set<String> ids = new HashSet<>();
        steps.forEach(s -> ids.add(s.eventId()));
        Map<String, List<Step>> effectsOf = new HashMap<>();
        PriorityQueue<Step> eligible = new PriorityQueue<>(BY_TIME_THEN_ID);
        for (Step s : steps) {
            if (s.causationId() != null && ids.contains(s.causationId()) && !s.causationId().equals(s.eventId())) {
                effectsOf.computeIfAbsent(s.causationId(), k -> new ArrayList<>()).add(s);
            } else {
                eligible.add(s);
            }
        }
        List<Step> ordered = new ArrayList<>(steps.size());
        while (!eligible.isEmpty()) {
            Step next = eligible.poll();
            ordered.add(next);
            eligible.addAll(effectsOf.getOrDefault(next.eventId(), List.of()));
        }
        if (ordered.size() < steps.size()) { // a causation cycle (corrupt data): keep every step anyway
            steps.stream().filter(s -> !ordered.contains(s)).sorted(BY_TIME_THEN_ID).forEach(ordered::add);
        }
        List<Step> timed = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            long since = i == 0 ? 0 : ordered.get(i).occurredAt().toEpochMilli()
                    - ordered.get(i - 1).occurredAt().toEpochMilli();
            timed.add(ordered.get(i).withSincePrevious(since));
        }
        return List.copyOf(timed);
    }
}
