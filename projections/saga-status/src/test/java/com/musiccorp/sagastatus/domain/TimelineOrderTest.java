package com.musiccorp.sagastatus.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline's order is the rule's, for any set of steps, however they relate and arrive. */
class TimelineOrderTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<String> TYPES = List.of("OrderPlaced", "StockReserved", "PaymentTaken", "OrderPackaged",
            "OrderDispatched", "PointsAwarded", "OrderCompleted", "OrderCancelled", "NotificationSent", "EventRejected");

    @Test
    void everySetOfStepsIsOrderedAsTheRuleSaysWhateverOrderItCameIn() {
        for (long seed = 1; seed <= 5_000; seed++) {
            Random random = new Random(seed);
            List<Step> steps = randomSteps(random, 1 + random.nextInt(random.nextInt(8) == 0 ? 40 : 12));
            List<Step> expected = byTheRule(steps);
            Collections.shuffle(steps, random);
            assertThat(TimelineOrder.sort(steps)).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    void aCauseArrivingAfterItsEffectGoesBeforeItAndEachStepKnowsTheTimeSinceThePrevious() {
        Step reserved = new Step("r", "StockReserved", "warehouse", "p", T.plusMillis(200), 0, "reserved", null);
        Step placed = new Step("p", "OrderPlaced", "orders", null, T, 0, "placed", null);

        List<Step> timeline = TimelineOrder.sort(List.of(reserved, placed));

        assertThat(timeline).extracting(Step::eventId).containsExactly("p", "r");
        assertThat(timeline).extracting(Step::sincePreviousMillis).containsExactly(0L, 200L);
    }

    /**
     * The rule as a priority queue: the eligible step (its cause placed, or not in the saga) with the
     * smallest (time, usual stage, event id) goes next; steps of a causation cycle go last, by that key.
     */
    private static List<Step> byTheRule(List<Step> steps) {
        Set<String> ids = new HashSet<>();
        steps.forEach(s -> ids.add(s.eventId()));
        Map<String, List<Step>> effectsOf = new HashMap<>();
        PriorityQueue<Step> eligible = new PriorityQueue<>(TimelineOrder.BY_TIME_THEN_ID);
        for (Step s : steps) {
            if (s.causationId() != null && ids.contains(s.causationId()) && !s.causationId().equals(s.eventId())) {
                effectsOf.computeIfAbsent(s.causationId(), k -> new ArrayList<>()).add(s);
            } else {
                eligible.add(s);
            }
        }
        List<Step> ordered = new ArrayList<>();
        while (!eligible.isEmpty()) {
            Step next = eligible.poll();
            ordered.add(next);
            eligible.addAll(effectsOf.getOrDefault(next.eventId(), List.of()));
        }
        steps.stream().filter(s -> !ordered.contains(s)).sorted(TimelineOrder.BY_TIME_THEN_ID).forEach(ordered::add);
        List<Step> timed = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            long since = i == 0 ? 0 : ordered.get(i).occurredAt().toEpochMilli() - ordered.get(i - 1).occurredAt().toEpochMilli();
            timed.add(ordered.get(i).withSincePrevious(since));
        }
        return timed;
    }

    /**
     * Distinct steps with few distinct times (ties), causes among them, outside them, themselves, and
     * in cycles (corrupt data), so every branch of the rule is met.
     */
    private static List<Step> randomSteps(Random random, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) ids.add(Integer.toHexString(random.nextInt(1 << 16)) + "-" + i);
        List<Step> steps = new ArrayList<>();
        for (String id : ids) {
            String cause = switch (random.nextInt(5)) {
                case 0 -> null;
                case 1 -> "outside-" + random.nextInt(3);
                case 2 -> id;
                default -> ids.get(random.nextInt(ids.size()));
            };
            steps.add(new Step(id, TYPES.get(random.nextInt(TYPES.size())), "ctx", cause,
                    T.plusMillis(random.nextInt(4) * 100L), 0, id, null));
        }
        return steps;
    }
}
