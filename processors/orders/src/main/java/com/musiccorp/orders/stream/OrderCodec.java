package com.musiccorp.orders.stream;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.orders.domain.Fact;
import com.musiccorp.orders.domain.Order;
import com.musiccorp.orders.domain.OrderStatus;
import com.musiccorp.orders.domain.OrderTotals;
import com.musiccorp.platform.streams.compact.CompactCodec;
import com.musiccorp.platform.streams.compact.CompactReader;
import com.musiccorp.platform.streams.compact.CompactWriter;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An order in {@code orders-store}, compact (layout 1): written on every event of the order, where
 * JSON (Smile) was a fifth of orders' stream thread (JFR, live run at 100–150 orders/s). Enums are
 * written by name, so adding a constant changes no layout; a value that may be absent starts with a
 * presence byte.
 */
final class OrderCodec implements CompactCodec<Order> {

    @Override
    public int expectedSize() {
        return 1024;
    }

    @Override
    public void write(Order order, CompactWriter out) {
        out.writeString(order.orderId()).writeString(order.status().name());
        if (out.writePresence(order.placement())) writePlacement(order.placement(), out);
        out.writeCount(order.facts().size());
        order.facts().forEach((fact, refs) -> {
            out.writeString(fact.name());
            out.writeList(refs, OrderCodec::writeEventRef);
        });
        if (out.writePresence(order.cancellation())) {
            Order.Cancellation c = order.cancellation();
            out.writeString(c.code() == null ? null : c.code().name()).writeString(c.reason()).writeInstant(c.cancelledAt());
        }
        out.writeList(List.copyOf(order.seenEventIds()), (id, o) -> o.writeUuid(id));
        out.writeList(order.history(), (h, o) -> o.writeString(h.eventType()).writeInstant(h.at())
                .writeString(h.producer()).writeString(h.note()));
        out.writeList(order.refusedCommands(), (r, o) -> {
            o.writeUuid(r.cancellationId()).writeString(r.reason());
        });
        out.writeCount(order.readBackTimes().size());
        order.readBackTimes().forEach((id, at) -> {
            out.writeUuid(id).writeInstant(at);
        });
    }

    @Override
    public Order read(CompactReader in, int version) {
        String orderId = in.readString();
        OrderStatus status = OrderStatus.valueOf(in.readString());
        Order.Placement placement = in.readPresence() ? readPlacement(in) : null;
        int kinds = in.readCount();
        Map<Fact, List<Order.EventRef>> facts = new EnumMap<>(Fact.class);
        for (int i = 0; i < kinds; i++) {
            Fact fact = Fact.valueOf(in.readString());
            facts.put(fact, in.readList(OrderCodec::readEventRef));
        }
        Order.Cancellation cancellation = null;
        if (in.readPresence()) {
            String code = in.readString();
            cancellation = new Order.Cancellation(code == null ? null : CancellationReason.valueOf(code), in.readString(),
                    in.readInstant());
        }
        Set<UUID> seen = new HashSet<>(in.readList(CompactReader::readUuid));
        List<Order.HistoryEntry> history = in.readList(r -> new Order.HistoryEntry(r.readString(), r.readInstant(),
                r.readString(), r.readString()));
        List<Order.RefusedCommand> refused = in.readList(r -> new Order.RefusedCommand(r.readUuid(), r.readString()));
        int times = in.readCount();
        Map<UUID, Instant> readBackTimes = new LinkedHashMap<>();
        for (int i = 0; i < times; i++) readBackTimes.put(in.readUuid(), in.readInstant());
        return new Order(orderId, status, placement, facts, cancellation, seen, history, refused, readBackTimes);
    }

    private static void writePlacement(Order.Placement p, CompactWriter out) {
        out.writeString(p.customerId()).writeString(p.customerName()).writeString(p.customerEmail());
        out.writeList(p.lines(), (l, o) -> o.writeLong(l.lineNumber()).writeString(l.sku()).writeString(l.title())
                .writeString(l.artist()).writeString(l.format()).writeLong(l.quantity()).writeLong(l.unitPriceMinor()));
        if (out.writePresence(p.totals())) {
            OrderTotals t = p.totals();
            out.writeLong(t.subtotalMinor()).writeLong(t.shippingCostMinor()).writeLong(t.totalMinor())
                    .writeString(t.currency());
        }
        if (out.writePresence(p.shippingAddress())) {
            Order.Address a = p.shippingAddress();
            out.writeString(a.name()).writeString(a.line1()).writeString(a.line2()).writeString(a.city())
                    .writeString(a.postalCode()).writeString(a.countryCode());
        }
        out.writeString(p.paymentMethodToken()).writeInstant(p.placedAt());
    }

    private static Order.Placement readPlacement(CompactReader in) {
        String customerId = in.readString();
        String customerName = in.readString();
        String customerEmail = in.readString();
        List<Order.Line> lines = in.readList(r -> new Order.Line(Math.toIntExact(r.readLong()), r.readString(),
                r.readString(), r.readString(), r.readString(), Math.toIntExact(r.readLong()), r.readLong()));
        OrderTotals totals = in.readPresence()
                ? new OrderTotals(in.readLong(), in.readLong(), in.readLong(), in.readString()) : null;
        Order.Address address = in.readPresence() ? new Order.Address(in.readString(), in.readString(),
                in.readString(), in.readString(), in.readString(), in.readString()) : null;
        return new Order.Placement(customerId, customerName, customerEmail, lines, totals, address, in.readString(),
                in.readInstant());
    }

    private static void writeEventRef(Order.EventRef ref, CompactWriter out) {
        out.writeString(ref.eventType()).writeUuid(ref.eventId()).writeString(ref.correlationId())
                .writeInstant(ref.occurredAt()).writeString(ref.producer()).writeString(ref.summary());
    }

    private static Order.EventRef readEventRef(CompactReader in) {
        return new Order.EventRef(in.readString(), in.readUuid(), in.readString(), in.readInstant(), in.readString(),
                in.readString());
    }
}
