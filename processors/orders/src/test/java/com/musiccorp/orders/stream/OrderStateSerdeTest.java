package com.musiccorp.orders.stream;

import com.musiccorp.events.OrderPlaced;
import com.musiccorp.orders.domain.ObservedEvent;
import com.musiccorp.orders.domain.Order;
import com.musiccorp.orders.domain.OrderDecider;
import com.musiccorp.platform.streams.JsonSerde;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The store keeps exactly the state the decider left, whatever it holds. */
class OrderStateSerdeTest {

    private final JsonSerde<Order> serde = new JsonSerde<>(Order.class); // the store format orders-store uses

    @Test
    void anOrderWithFactsHistoryAndCancellationSurvivesTheStore() throws Exception {
        OrderPlaced placed = TestEvents.orderPlaced("round-trip");
        Order order = OrderDecider.initialState();
        for (SpecificRecord event : List.of(placed, TestEvents.stockInsufficient(placed))) {
            order = OrderDecider.step(order, new ObservedEvent(event), TestEvents.T0.plusSeconds(1)).state();
        }
        assertThat(order.cancellation()).isNotNull();
        assertThat(order.history()).hasSize(3); // placed, short of stock, cancelled

        byte[] json = serde.serializer().serialize("orders-store-changelog", order);
        Order read = serde.deserializer().deserialize("orders-store-changelog", json);

        assertThat(read).isEqualTo(order);
        assertThat(JsonSerde.readTree(json).has("placed")).isFalse();
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
