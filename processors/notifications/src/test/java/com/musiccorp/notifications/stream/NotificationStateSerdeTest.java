package com.musiccorp.notifications.stream;

import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.notifications.domain.Delivery;
import com.musiccorp.notifications.domain.Message;
import com.musiccorp.notifications.domain.NotificationFact.Parked;
import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.notifications.domain.Recipient;
import com.musiccorp.notifications.domain.Trigger;
import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.platform.streams.compact.CompactSerde;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every part of an order's notifications survives the store's compact format, and its earlier JSON, unchanged. */
class NotificationStateSerdeTest {

    static final Instant AT = Instant.parse("2026-12-06T10:15:30.123Z");
    static final Recipient RECIPIENT = new Recipient("cust-1", "Ada", "ada@example.com");
    static final Trigger TRIGGER = new Trigger(UUID.randomUUID(), "corr-1", AT, "warehouse", "OrderDispatched");

    final Serde<OrderNotifications> serde = NotificationStateSerde.create();

    @Test
    void everyPartComesBackAsItWasWritten() {
        Message dispatched = new Message(NotificationTemplate.ORDER_DISPATCHED, "On its way", "Tracking 1Z");
        Message delayed = new Message(NotificationTemplate.ORDER_DELAYED, "Delayed", "Soon");
        OrderNotifications full = new OrderNotifications("order-1", RECIPIENT,
                Set.of(NotificationTemplate.ORDER_CONFIRMATION, NotificationTemplate.ORDER_DISPATCHED),
                Map.of(NotificationTemplate.ORDER_DELAYED, new Parked("order-1", delayed, TRIGGER)), true,
                List.of(UUID.randomUUID(), UUID.randomUUID()),
                Map.of(NotificationTemplate.ORDER_DISPATCHED,
                        new Delivery("order-1", RECIPIENT, dispatched, TRIGGER, 2, AT.plusSeconds(5))),
                Map.of(NotificationTemplate.REFUND_ISSUED, "mailbox full"));

        for (OrderNotifications state : List.of(OrderNotifications.initial(), full)) {
            byte[] bytes = serde.serializer().serialize("t", state);
            assertThat(CompactSerde.isCompact(bytes)).isTrue();
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(state);
            // A value the store held in the JSON (Smile) format it had before is still read.
            byte[] smile = new JsonSerde<>(OrderNotifications.class).serializer().serialize("t", state);
            assertThat(serde.deserializer().deserialize("t", smile)).isEqualTo(state);
        }
    }

    @Test
    void equalStatesAreEqualBytesWhateverTheOrderTheirSetsWereBuiltIn() {
        OrderNotifications one = new OrderNotifications("order-1", RECIPIENT,
                Set.of(NotificationTemplate.ORDER_CONFIRMATION, NotificationTemplate.ORDER_CANCELLED), Map.of(), false,
                List.of(), Map.of(), Map.of());
        OrderNotifications other = new OrderNotifications("order-1", RECIPIENT,
                Set.of(NotificationTemplate.ORDER_CANCELLED, NotificationTemplate.ORDER_CONFIRMATION), Map.of(), false,
                List.of(), Map.of(), Map.of());

        assertThat(serde.serializer().serialize("t", one)).isEqualTo(serde.serializer().serialize("t", other));
    }
}
