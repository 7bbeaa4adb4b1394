package com.musiccorp.notifications.stream;

import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.notifications.domain.Delivery;
import com.musiccorp.notifications.domain.Message;
import com.musiccorp.notifications.domain.NotificationFact.Parked;
import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.notifications.domain.Recipient;
import com.musiccorp.notifications.domain.Trigger;
import com.musiccorp.platform.streams.compact.CompactCodec;
import com.musiccorp.platform.streams.compact.CompactReader;
import com.musiccorp.platform.streams.compact.CompactWriter;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * An order's notifications in {@code notifications-store}, compact (layout 1): written when a
 * message is queued and when the mailer took it, where Jackson was an eighth of notifications'
 * stream thread (JFR at 200 orders/s). Templates by name, in their declared order, so equal states
 * are equal bytes; an optional part starts with a presence byte.
 */
final class OrderNotificationsCodec implements CompactCodec<OrderNotifications> {

    @Override
    public int expectedSize() {
        return 1024;
    }

    @Override
    public void write(OrderNotifications n, CompactWriter out) {
        out.writeString(n.orderId());
        if (out.writePresence(n.recipient())) writeRecipient(n.recipient(), out);
        out.writeList(List.copyOf(new TreeSet<>(n.sent())), (template, w) -> w.writeString(template.name()));
        writeMap(n.parked(), out, (parked, w) -> {
            w.writeString(parked.orderId());
            writeMessage(parked.message(), w);
            writeTrigger(parked.trigger(), w);
        });
        out.writeByte(n.itemMissing() ? 1 : 0);
        out.writeList(n.seen(), (id, w) -> w.writeUuid(id));
        writeMap(n.pending(), out, (d, w) -> {
            w.writeString(d.orderId());
            writeRecipient(d.recipient(), w);
            writeMessage(d.message(), w);
            writeTrigger(d.trigger(), w);
            w.writeLong(d.attempt()).writeInstant(d.notBefore());
        });
        writeMap(n.undeliverable(), out, (reason, w) -> w.writeString(reason));
    }

    @Override
    public OrderNotifications read(CompactReader in, int version) {
        String orderId = in.readString();
        Recipient recipient = in.readPresence() ? readRecipient(in) : null;
        Set<NotificationTemplate> sent = EnumSet.noneOf(NotificationTemplate.class);
        sent.addAll(in.readList(r -> NotificationTemplate.valueOf(r.readString())));
        Map<NotificationTemplate, Parked> parked = readMap(in,
                r -> new Parked(r.readString(), readMessage(r), readTrigger(r)));
        boolean itemMissing = in.readByte() == 1;
        var seen = in.readList(CompactReader::readUuid);
        Map<NotificationTemplate, Delivery> pending = readMap(in, r -> new Delivery(r.readString(), readRecipient(r),
                readMessage(r), readTrigger(r), Math.toIntExact(r.readLong()), r.readInstant()));
        Map<NotificationTemplate, String> undeliverable = readMap(in, CompactReader::readString);
        return new OrderNotifications(orderId, recipient, sent, parked, itemMissing, seen, pending, undeliverable);
    }

    private static <V> void writeMap(Map<NotificationTemplate, V> map, CompactWriter out,
            BiConsumer<V, CompactWriter> value) {
        out.writeList(List.copyOf(new TreeMap<>(map).entrySet()), (e, w) -> {
            w.writeString(e.getKey().name());
            value.accept(e.getValue(), w);
        });
    }

    private static <V> Map<NotificationTemplate, V> readMap(CompactReader in, Function<CompactReader, V> value) {
        Map<NotificationTemplate, V> map = new EnumMap<>(NotificationTemplate.class);
        int size = in.readCount();
        for (int i = 0; i < size; i++) map.put(NotificationTemplate.valueOf(in.readString()), value.apply(in));
        return map;
    }

    private static void writeRecipient(Recipient r, CompactWriter out) {
        out.writeString(r.customerId()).writeString(r.name()).writeString(r.email());
    }

    private static Recipient readRecipient(CompactReader in) {
        return new Recipient(in.readString(), in.readString(), in.readString());
    }

    private static void writeMessage(Message m, CompactWriter out) {
        out.writeString(m.template().name()).writeString(m.subject()).writeString(m.text());
    }

    private static Message readMessage(CompactReader in) {
        return new Message(NotificationTemplate.valueOf(in.readString()), in.readString(), in.readString());
    }

    private static void writeTrigger(Trigger t, CompactWriter out) {
        out.writeUuid(t.eventId()).writeString(t.correlationId()).writeInstant(t.occurredAt()).writeString(t.producer())
                .writeString(t.eventType());
    }

    private static Trigger readTrigger(CompactReader in) {
        return new Trigger(in.readUuid(), in.readString(), in.readInstant(), in.readString(), in.readString());
    }
}
