package com.musiccorp.orders.domain;

import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockReserved;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static com.musiccorp.orders.domain.Saga.itemNotFound;
import static com.musiccorp.orders.domain.Saga.orderDispatched;
import static com.musiccorp.orders.domain.Saga.orderPackaged;
import static com.musiccorp.orders.domain.Saga.paymentRefunded;
import static com.musiccorp.orders.domain.Saga.paymentTaken;
import static com.musiccorp.orders.domain.Saga.pointsAwarded;
import static com.musiccorp.orders.domain.Saga.stockReleased;
import static com.musiccorp.orders.domain.Saga.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild reads the topics, where orders' own decisions can come before the facts that caused
 * them (events of different topics have no defined order). {@link OrderDecider#replay} must reach
 * the live state anyway, whichever order the topics give.
 */
class OrderReplayTest {

    @Test
    void a_completion_read_before_the_points_that_caused_it_still_rebuilds_the_completed_order() {
        Saga saga = completed().saga();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.COMPLETED);

        assertThat(replay(ownDecisionsFirst(saga.log))).isEqualTo(saga.state);
        assertThat(replay(saga.log)).isEqualTo(saga.state);
        // The completion was decided an hour after its causes; the rebuild takes that time from its copy on
        // the topic, read before (kept until re-derived) or after (corrected), never from a clock.
        assertThat(replay(ownDecisionsFirst(saga.log)).facts().get(Fact.COMPLETED).getFirst().occurredAt())
                .isEqualTo(Saga.DECIDED_AT)
                .isEqualTo(replay(saga.log).facts().get(Fact.COMPLETED).getFirst().occurredAt());
        assertThat(replay(saga.log).readBackTimes()).as("every read-back time was used").isEmpty();
        assertThat(OrderDecider.rebuild(ownDecisionsFirst(saga.log)).status())
                .as("folding in topic order alone would refuse the early completion")
                .isNotEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void points_read_before_the_payment_and_dispatch_still_rebuild_the_same_facts() {
        Completed completed = completed();
        Saga saga = completed.saga();
        SpecificRecord points = completed.points();
        List<SpecificRecord> topicOrder = new ArrayList<>(saga.log);
        topicOrder.remove(points);
        topicOrder.add(2, points);

        Order rebuilt = replay(topicOrder);

        assertThat(rebuilt.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(rebuilt.facts()).isEqualTo(saga.state.facts());
        assertThat(rebuilt.seenEventIds()).isEqualTo(saga.state.seenEventIds());
        assertThat(withoutHistory(rebuilt)).isEqualTo(withoutHistory(saga.state));
        assertThat(rebuilt.history()).containsExactlyInAnyOrderElementsOf(saga.state.history());
    }

    @Test
    void a_payment_read_after_the_completion_decided_on_the_dispatch_and_points_is_late_not_illegal() {
        Completed completed = completed();
        Saga saga = completed.saga();
        SpecificRecord taken = completed.taken();
        // the payment (payments.events) read last: the warehouse's and loyalty's events came first
        List<SpecificRecord> topicOrder = new ArrayList<>(saga.log);
        topicOrder.remove(taken);
        topicOrder.add(taken);

        Order rebuilt = replay(topicOrder);

        assertThat(withoutHistory(rebuilt)).isEqualTo(withoutHistory(saga.state));
        assertThat(rebuilt.history()).containsExactlyInAnyOrderElementsOf(saga.state.history());
        assertThat(rebuilt.history()).extracting(Order.HistoryEntry::eventType).doesNotContain("EventRejected");
    }

    @Test
    void a_cancellation_read_before_the_refund_it_waited_for_still_rebuilds_the_cancelled_order() {
        Saga saga = new Saga();
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        PaymentTaken taken = paymentTaken(reserved);
        ItemNotFound missing = itemNotFound(taken);
        for (SpecificRecord e : List.of(reserved, taken, missing, paymentRefunded(missing), stockReleased(missing))) {
            saga.when(e);
        }
        assertThat(saga.state.status()).isEqualTo(OrderStatus.CANCELLED);

        Order rebuilt = replay(ownDecisionsFirst(saga.log));

        assertThat(rebuilt.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(rebuilt.facts()).isEqualTo(saga.state.facts());
        assertThat(rebuilt.seenEventIds()).isEqualTo(saga.state.seenEventIds());
        assertThat(rebuilt.cancellation()).isEqualTo(saga.state.cancellation());
    }

    @Test
    void replaying_the_log_twice_changes_nothing_the_second_time() {
        Saga saga = new Saga();
        OrderPlaced placed = saga.placed();
        saga.when(Saga.stockInsufficient(placed));
        Order once = replay(saga.log);
        List<SpecificRecord> twice = new ArrayList<>(saga.log);
        twice.addAll(saga.log);
        assertThat(replay(twice)).isEqualTo(once).isEqualTo(saga.state);
    }

    /** A saga run live to its completion, with the events the tests move around. */
    private record Completed(Saga saga, PaymentTaken taken, SpecificRecord points) {
    }

    private static Completed completed() {
        Saga saga = new Saga();
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        PaymentTaken taken = paymentTaken(reserved);
        OrderPackaged packaged = orderPackaged(taken);
        OrderDispatched dispatched = orderDispatched(packaged);
        SpecificRecord points = pointsAwarded(dispatched);
        for (SpecificRecord e : List.of(reserved, taken, packaged, dispatched, points)) {
            saga.when(e);
        }
        return new Completed(saga, taken, points);
    }

    private static Order withoutHistory(Order o) {
        return new Order(o.orderId(), o.status(), o.placement(), o.facts(), o.cancellation(), o.seenEventIds(), List.of(), o.refusedCommands(),
                o.readBackTimes());
    }

    private static Order replay(List<SpecificRecord> log) {
        Order state = OrderDecider.initialState();
        for (SpecificRecord event : log) {
            state = OrderDecider.replay(state, event);
        }
        return state;
    }

    /** The log with orders' decisions caused by other events moved to the front (except OrderPlaced). */
    private static List<SpecificRecord> ownDecisionsFirst(List<SpecificRecord> log) {
        List<SpecificRecord> reordered = new ArrayList<>(log);
        reordered.sort(Comparator.comparing(e -> {
            var m = OrderEvents.metadata(e);
            return OrderDecider.PRODUCER.equals(m.getProducer()) && m.getCausationId() != null ? 0 : 1;
        }));
        return reordered;
    }
}
