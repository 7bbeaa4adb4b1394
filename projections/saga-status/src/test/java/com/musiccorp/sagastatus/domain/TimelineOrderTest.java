package com.musiccorp.sagastatus.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A step added to a timeline lands where sorting every step would put it, however the steps relate. */
class TimelineOrderTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<String> TYPES = List.of("OrderPlaced", "StockReserved", "PaymentTaken", "OrderPackaged",
            "OrderDispatched", "PointsAwarded", "OrderCompleted", "OrderCancelled", "NotificationSent", "EventRejected");

    @Test
    void aStepAddedToASortedTimelineGivesWhatSortingThemAllGives() {
        for (long seed = 1; seed <= 5_000; seed++) {
            Random random = new Random(seed);
            List<Step> steps = randomSteps(random, 1 + random.nextInt(12));
            Step next = steps.removeLast();
            List<Step> timeline = TimelineOrder.sort(steps);

            List<Step> all = new ArrayList<>(steps);
            all.add(next);
            assertThat(TimelineOrder.withNext(timeline, next)).as("seed %d", seed).isEqualTo(TimelineOrder.sort(all));
        }
    }

    @Test
    void aTimelineNotInSortedOrderIsSortedWithTheNewStep() {
        // A timeline stored by an earlier version, or in another order: the result is still the sort's.
        for (long seed = 1; seed <= 2_000; seed++) {
            Random random = new Random(seed);
            List<Step> steps = randomSteps(random, 2 + random.nextInt(10));
            Step next = steps.removeLast();
            List<Step> stored = new ArrayList<>(steps);
            Collections.shuffle(stored, random);

            List<Step> all = new ArrayList<>(steps);
            all.add(next);
            assertThat(TimelineOrder.withNext(stored, next)).as("seed %d", seed).isEqualTo(TimelineOrder.sort(all));
        }
    }

    @Test
    void aSagasEventsFoldedInTheOrderTheyHappenedAreAppended() {
        Step placed = new Step("p", "OrderPlaced", "orders", null, T, 0, "placed", null);
        Step reserved = new Step("r", "StockReserved", "warehouse", "p", T.plusMillis(200), 0, "reserved", null);
        List<Step> timeline = TimelineOrder.sort(List.of(placed));

        List<Step> after = TimelineOrder.withNext(timeline, reserved);

        assertThat(after).extracting(Step::eventId).containsExactly("p", "r");
        assertThat(after).extracting(Step::sincePreviousMillis).containsExactly(0L, 200L);
        assertThat(after.getFirst()).as("kept as it was, not sorted again").isSameAs(timeline.getFirst());
    }

    @Test
    void aCauseArrivingAfterItsEffectMovesBeforeIt() {
        Step reserved = new Step("r", "StockReserved", "warehouse", "p", T, 0, "reserved", null);
        Step placed = new Step("p", "OrderPlaced", "orders", null, T, 0, "placed", null);

        assertThat(TimelineOrder.withNext(TimelineOrder.sort(List.of(reserved)), placed))
                .extracting(Step::eventId).containsExactly("p", "r");
    }

    /**
     * Steps with few distinct times (ties), causes among them, outside them, themselves, and in
     * cycles (corrupt data), so every branch of the order is met.
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
