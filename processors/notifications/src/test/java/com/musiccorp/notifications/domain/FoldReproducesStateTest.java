package com.musiccorp.notifications.domain;

import static com.musiccorp.events.CancellationReason.INSUFFICIENT_STOCK;
import static com.musiccorp.events.CancellationReason.ITEM_NOT_FOUND;
import static com.musiccorp.events.NotificationTemplate.ORDER_CANCELLED;
import static com.musiccorp.events.NotificationTemplate.ORDER_CONFIRMATION;
import static com.musiccorp.events.NotificationTemplate.ORDER_PROBLEM_APOLOGY;
import static com.musiccorp.notifications.domain.Events.dispatchDelayed;
import static com.musiccorp.notifications.domain.Events.itemNotFound;
import static com.musiccorp.notifications.domain.Events.orderCancelled;
import static com.musiccorp.notifications.domain.Events.orderDispatched;
import static com.musiccorp.notifications.domain.Events.orderPlaced;
import static com.musiccorp.notifications.domain.Events.paymentRefunded;
import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.events.NotificationTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live path (decide + evolve) and a rebuild (evolve only, over the recorded facts) must agree in
 * every path, including duplicates, parking and out-of-order arrival: that is what lets the
 * topology restore from a changelog or replay without sending anything.
 */
class FoldReproducesStateTest {

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("happy path", List.of(orderPlaced(), dispatchDelayed(1), orderDispatched())),
                Arguments.of("insufficient stock", List.of(orderPlaced(), orderCancelled(INSUFFICIENT_STOCK))),
                Arguments.of("item not found", List.of(orderPlaced(), itemNotFound("1"), itemNotFound("2"),
                        paymentRefunded(), orderCancelled(ITEM_NOT_FOUND))),
                Arguments.of("cancellation first", List.of(orderCancelled(INSUFFICIENT_STOCK), orderPlaced())),
                Arguments.of("parked then sent", List.of(dispatchDelayed(1), orderDispatched(), paymentRefunded(),
                        orderPlaced())),
                Arguments.of("parked then dropped", List.of(orderDispatched(), orderCancelled(ITEM_NOT_FOUND),
                        orderPlaced())),
                Arguments.of("duplicates", List.of(orderPlaced(), orderPlaced(), itemNotFound("1"),
                        itemNotFound("1"), orderCancelled(ITEM_NOT_FOUND), orderCancelled(ITEM_NOT_FOUND))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void foldingTheRecordedFactsRebuildsTheLiveState(String name, List<NotificationInput> inputs) {
        Saga saga = new Saga();
        saga.given(inputs.toArray(NotificationInput[]::new));

        assertThat(saga.decider.fold(saga.log)).isEqualTo(saga.state);
    }

    /**
     * Every arrival order of the item-not-found saga's events (with a redelivery and a second
     * ItemNotFound): the state always rebuilds, each template is sent at most once, the cancellation
     * always goes out, and no confirmation ever follows it.
     */
    @Test
    void inEveryArrivalOrderTheRulesHoldAndTheFoldAgrees() {
        List<NotificationInput> events = List.of(orderPlaced(), itemNotFound("1"), itemNotFound("2"),
                paymentRefunded(), orderCancelled(ITEM_NOT_FOUND), orderPlaced());
        List<List<NotificationInput>> orders = permutations(events);
        assertThat(orders).hasSize(720);

        for (List<NotificationInput> order : orders) {
            Saga saga = new Saga();
            saga.given(order.toArray(NotificationInput[]::new));
            List<NotificationTemplate> sent = saga.templates();

            assertThat(saga.decider.fold(saga.log)).isEqualTo(saga.state);
            assertThat(sent).doesNotHaveDuplicates().contains(ORDER_CANCELLED);
            assertThat(saga.state.parked()).isEmpty();
            if (sent.contains(ORDER_CONFIRMATION)) {
                assertThat(sent.indexOf(ORDER_CONFIRMATION)).isLessThan(sent.indexOf(ORDER_CANCELLED));
                assertThat(sent).contains(ORDER_PROBLEM_APOLOGY);
            } else {
                assertThat(sent).doesNotContain(ORDER_PROBLEM_APOLOGY);
            }
        }
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> one = new ArrayList<>();
                one.add(first);
                one.addAll(tail);
                all.add(one);
            }
        }
        return all;
    }
}
