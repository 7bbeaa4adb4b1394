package com.musiccorp.sagastatus.domain;

import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockReserved;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever order and however often the topics deliver, the saga is the same. */
class OrderingAndDuplicatesTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final Events order = Events.forOrder("order-7");

    @Test
    void anyDeliveryOrderGivesTheSameSagaAsTheContextsWroteIt() {
        List<SagaEvent> inOrder = Events.read(order.happyPath());
        Saga expected = SagaProjection.foldAll(inOrder, NOW);
        for (long seed = 1; seed <= 50; seed++) {
            List<SagaEvent> shuffled = new ArrayList<>(inOrder);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(SagaProjection.foldAll(shuffled, NOW)).as("delivery order %s", shuffled).isEqualTo(expected);
        }
        assertThat(expected.status()).isEqualTo(SagaStatus.COMPLETED);
    }

    @Test
    void anEffectThatArrivesBeforeItsCauseMovesBehindIt() {
        OrderPlaced placed = order.placed();
        StockReserved reserved = order.reserved(placed);
        Saga early = SagaProjection.foldAll(Events.read(List.of(reserved)), NOW);
        assertThat(early.status()).isEqualTo(SagaStatus.IN_PROGRESS);
        assertThat(early.orderId()).isEqualTo(order.orderId);
        assertThat(early.awaiting()).containsExactly(new Awaited("orders", List.of("OrderPlaced")));

        Saga both = SagaProjection.fold(early, Events.read(placed), NOW).saga();
        assertThat(both.steps()).extracting(Step::eventType).containsExactly("OrderPlaced", "StockReserved");
    }

    @Test
    void stepsOfOneTimeWhoseCausesArePrivateToAContextStillFollowTheSagasStages() {
        // As the warehouse does: OrderPackaged and OrderDispatched derive from its private inputs
        // (line answers, the carrier's booking), so their causes are not in the saga; all at one time.
        Instant t = Events.PLACED_AT;
        List<Step> steps = new ArrayList<>(List.of(
                step("f0", "OrderCompleted", "e0", t), step("a1", "OrderDispatched", "private-2", t),
                step("b2", "OrderPackaged", "private-1", t), step("c3", "PaymentTaken", "d4", t),
                step("d4", "StockReserved", "ff", t), step("e0", "PointsAwarded", "a1", t),
                step("ff", "OrderPlaced", null, t), step("0a", "NotificationSent", "ff", t)));
        for (long seed = 1; seed <= 20; seed++) {
            Collections.shuffle(steps, new Random(seed));
            assertThat(TimelineOrder.sort(steps)).extracting(Step::eventType).containsExactly("OrderPlaced",
                    "StockReserved", "PaymentTaken", "OrderPackaged", "OrderDispatched", "PointsAwarded",
                    "OrderCompleted", "NotificationSent");
        }
    }

    private static Step step(String id, String type, String cause, Instant at) {
        return new Step(id, type, "ctx", cause, at, 0, type, null);
    }

    @Test
    void distinctEventTimesOrderTheTimelineAndGiveTheTimeSincePreviousStep() {
        // An operator's cancel is caused from outside, at its own (later) time; delivered first here.
        Saga saga = SagaProjection.foldAll(Events.read(List.of(
                order.cancelledByOperator(Events.PLACED_AT.plusSeconds(30), "operator"), order.placed())), NOW);
        assertThat(saga.steps()).extracting(Step::eventType).containsExactly("OrderPlaced", "OrderCancelled");
        assertThat(saga.steps()).extracting(Step::sincePreviousMillis).containsExactly(0L, 30_000L);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        OrderPlaced placed = order.placed();
        StockReserved reserved = order.reserved(placed);
        Saga saga = SagaProjection.foldAll(Events.read(List.of(placed, reserved)), NOW);

        SagaProjection.Folded again = SagaProjection.fold(saga, Events.read(placed), NOW.plusSeconds(60));
        assertThat(again.changed()).isFalse();
        assertThat(again.saga()).isSameAs(saga);
        assertThat(again.transitions()).isEmpty();
        assertThat(again.saga().version()).isEqualTo(2);
        assertThat(again.saga().lastProgressAt()).as("a duplicate is not progress").isEqualTo(NOW);
    }

    @Test
    void foldingEveryDistinctEventRebuildsTheLiveState() {
        // The live path: out of order, with redeliveries, each folded when it arrived.
        List<SagaEvent> events = Events.read(order.happyPath());
        List<SagaEvent> delivered = new ArrayList<>(events);
        delivered.addAll(events.subList(2, 5));
        Collections.shuffle(delivered, new Random(42));
        Saga live = null;
        for (SagaEvent e : delivered) {
            live = SagaProjection.fold(live, e, NOW).saga();
        }
        // A rebuild: the distinct events in the live timeline's order.
        List<SagaEvent> timeline = live.steps().stream()
                .map(s -> events.stream().filter(e -> e.eventId().equals(s.eventId())).findFirst().orElseThrow())
                .toList();
        assertThat(SagaProjection.foldAll(timeline, NOW)).isEqualTo(live);
    }

    @Test
    void everyCauseEffectPairIsReportedOnceWhicheverArrivesFirst() {
        List<SagaEvent> events = Events.read(order.happyPath());
        for (long seed = 1; seed <= 20; seed++) {
            List<SagaEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new Random(seed));
            shuffled.addAll(events); // every event redelivered once
            List<Transition> reported = new ArrayList<>();
            Saga saga = null;
            for (SagaEvent e : shuffled) {
                SagaProjection.Folded folded = SagaProjection.fold(saga, e, NOW);
                reported.addAll(folded.transitions());
                saga = folded.saga();
            }
            assertThat(reported).extracting(Transition::key).containsExactlyInAnyOrder(
                    "OrderPlaced->NotificationSent", "OrderPlaced->StockReserved", "StockReserved->PaymentTaken",
                    "PaymentTaken->OrderPackaged", "OrderPackaged->OrderDispatched",
                    "OrderDispatched->NotificationSent", "OrderDispatched->PointsAwarded",
                    "PointsAwarded->OrderCompleted");
            assertThat(reported).as("each reaction was decided 250 ms after its cause")
                    .extracting(Transition::latencyMillis).containsOnly(Events.REACTION.toMillis());
        }
    }
}
