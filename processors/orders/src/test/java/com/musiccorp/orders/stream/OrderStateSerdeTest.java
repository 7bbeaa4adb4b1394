package com.musiccorp.orders.stream;

import com.musiccorp.events.OrderPlaced;
import com.musiccorp.orders.domain.ObservedEvent;
import com.musiccorp.orders.domain.Order;
import com.musiccorp.orders.domain.OrderDecider;
import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.platform.streams.compact.CompactSerde;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The store keeps exactly the state the decider left, whatever it holds. */
class OrderStateSerdeTest {

    private final CompactSerde<Order> serde = OrdersTopology.stateSerde(); // the store format orders-store uses
    private final JsonSerde<Order> earlier = new JsonSerde<>(Order.class); // the format it had before

    @Test
    void anOrderWithFactsHistoryAndCancellationSurvivesTheStore() throws Exception {
        OrderPlaced placed = TestEvents.orderPlaced("round-trip");
        Order order = OrderDecider.initialState();
        for (SpecificRecord event : List.of(placed, TestEvents.stockInsufficient(placed))) {
            order = OrderDecider.step(order, new ObservedEvent(event), TestEvents.T0.plusSeconds(1)).state();
        }
        assertThat(order.cancellation()).isNotNull();
        assertThat(order.history()).hasSize(3); // placed, short of stock, cancelled

        byte[] bytes = serde.serializer().serialize("orders-store-changelog", order);

        assertThat(CompactSerde.isCompact(bytes)).isTrue();
        assertThat(serde.deserializer().deserialize("orders-store-changelog", bytes)).isEqualTo(order);
        byte[] smile = earlier.serializer().serialize("orders-store-changelog", order);
        assertThat(serde.deserializer().deserialize("orders-store-changelog", smile)).as("a value written before").isEqualTo(order);
        assertThat(bytes.length).as("compact vs Smile").isLessThan(smile.length);
    }

    @Test
    void everyFieldOfACompletedOrderWithRefusalsAndReadBackTimesSurvivesTheStore() {
        OrderPlaced placed = TestEvents.orderPlaced("every-field");
        Order order = OrderDecider.initialState();
        SpecificRecord reserved = TestEvents.stockReserved(placed);
        SpecificRecord taken = TestEvents.paymentTaken(reserved);
        SpecificRecord packaged = TestEvents.orderPackaged(taken);
        SpecificRecord dispatched = TestEvents.orderDispatched(packaged);
        for (SpecificRecord event : List.of(placed, reserved, taken, packaged, dispatched, TestEvents.pointsAwarded(dispatched))) {
            order = OrderDecider.step(order, new ObservedEvent(event), TestEvents.T0.plusSeconds(1)).state();
        }
        assertThat(order.placement().shippingAddress()).isNotNull();
        assertThat(order.placement().totals()).isNotNull();
        Order full = new Order(order.orderId(), order.status(), order.placement(), order.facts(), order.cancellation(),
                order.seenEventIds(), order.history(),
                List.of(new Order.RefusedCommand(UUID.randomUUID(), "already dispatched"), new Order.RefusedCommand(null, null)),
                Map.of(UUID.randomUUID(), TestEvents.T0.plusNanos(123_456_789)));

        Order read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", full));

        assertThat(read).isEqualTo(full);
        assertThat(read.facts()).isEqualTo(full.facts());
        assertThat(read.history()).isEqualTo(full.history());
    }

    @Test
    void aStateStoredBeforeRefusedCommandsWereRecordedStillReads() throws Exception {
        Order order = OrderDecider.step(OrderDecider.initialState(),
                new ObservedEvent(TestEvents.orderPlaced("older-state")), TestEvents.T0).state();
        String json = JsonSerde.mapper().writeValueAsString(order); // JSON text, as earlier versions stored it
        assertThat(json).contains(",\"refusedCommands\":[]");

        Order read = serde.deserializer().deserialize("orders-store-changelog",
                json.replace(",\"refusedCommands\":[]", "").getBytes());

        assertThat(read).isEqualTo(order);
    }
}
