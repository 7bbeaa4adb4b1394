package com.musiccorp.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.events.Customer;
import com.musiccorp.events.Money;
import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.PointsAwarded;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The invariants are not vacuous: a clean run holds them all, and each kind of damage is named and counted. */
class InvariantsTest {
    private final OrderMix mix = new OrderMix("t", 100);
    private final String sku = mix.plentiful(0);

    @Test
    void aCleanRunHoldsEveryInvariantWithAZeroHeadline() throws Exception {
        List<TopicSnapshot.Event> events = new ArrayList<>(completedOrder("o1"));
        events.addAll(declinedOrder("o2"));
        Invariants inv = check(events, Map.of("o1", "COMPLETED", "o2", "CANCELLED"),
                Map.of("o1", ledger("o1", false), "o2", "{\"orderId\":\"o2\",\"captured\":0,\"charges\":[]}"),
                stock(0), Map.of());

        assertThat(inv.results()).allMatch(InvariantResult::holds);
        assertThat(inv.headline()).isEqualTo(new Invariants.Headline(0, 0, 0, 0, 0));
    }

    @Test
    void doubleCapturesGhostChargesDuplicateMailsStuckSagasLeftReservationsAndDeadLettersAreCaught() throws Exception {
        List<TopicSnapshot.Event> events = new ArrayList<>(completedOrder("o1"));
        events.add(event("o1", taken("o1")));        // a second capture
        events.add(event("o1", mail("o1", NotificationTemplate.ORDER_CONFIRMATION))); // a second confirmation
        events.add(event("o2", placed("o2")));       // o2 never ends
        Invariants inv = check(events, Map.of("o1", "COMPLETED", "o2", "IN_PROGRESS"),
                Map.of("o1", ledger("o1", false), "o2", ledger("o2", false)), stock(1),
                Map.of("payments.dlq", 1L));

        assertThat(inv.headline()).isEqualTo(new Invariants.Headline(1, 1, 1, 1, 1));
        assertThat(inv.results()).filteredOn(r -> !r.holds()).extracting(InvariantResult::name).contains(
                "at most one capture per order (PaymentTaken and the gateway's ledger)",
                "COMPLETED = one capture and no refund",
                "one NotificationSent per order and template",
                "every saga terminal in saga-status (COMPLETED or CANCELLED), none STALLED",
                "each accepted order has exactly one ending (OrderCompleted or OrderCancelled)",
                "the gateway's ledger equals the events (captures, refunds, amounts)",
                "no dead letters (every <context>.dlq and rebuild dead-letter topic empty)");
        assertThat(inv.results()).filteredOn(r -> r.name().startsWith("stock:")).first()
                .satisfies(r -> assertThat(r.examples().get(0)).contains("\"reserved\":1"));
    }

    @Test
    void aKeylessPostMayGoUnansweredButNeverAcceptedAndAnOrderItLeftIsCaughtOnTheTopic() throws Exception {
        List<TopicSnapshot.Event> events = new ArrayList<>(completedOrder("o1"));
        events.addAll(declinedOrder("o2"));
        Map<String, String> statuses = Map.of("o1", "COMPLETED", "o2", "CANCELLED");
        Map<String, String> ledgers = Map.of("o1", ledger("o1", false),
                "o2", "{\"orderId\":\"o2\",\"captured\":0,\"charges\":[]}");
        String keyless = "POST /orders without an Idempotency-Key is never accepted";

        Invariants unanswered = check(events, statuses, ledgers, stock(0), Map.of(), 0);
        assertThat(unanswered.results()).allMatch(InvariantResult::holds);

        Invariants accepted = check(events, statuses, ledgers, stock(0), Map.of(), 202);
        assertThat(accepted.results()).filteredOn(r -> !r.holds()).extracting(InvariantResult::name)
                .singleElement().asString().startsWith(keyless);

        // Unanswered, yet an order was written for it: no client knows that order.
        List<TopicSnapshot.Event> withStranger = new ArrayList<>(events);
        withStranger.add(event("o3", placed("o3")));
        Invariants stranger = check(withStranger, statuses, ledgers, stock(0), Map.of(), 0);
        assertThat(stranger.results()).filteredOn(r -> !r.holds()).extracting(InvariantResult::name)
                .contains("no order on orders.events that no client was answered for");
    }

    private Invariants check(List<TopicSnapshot.Event> events, Map<String, String> statuses, Map<String, String> ledgers,
                             String stock, Map<String, Long> deadLetters) throws Exception {
        return check(events, statuses, ledgers, stock, deadLetters, null);
    }

    /** @param keylessStatus what the keyless POST sent beside o1 was answered (0: nothing), or null if none was sent */
    private Invariants check(List<TopicSnapshot.Event> events, Map<String, String> statuses, Map<String, String> ledgers,
                             String stock, Map<String, Long> deadLetters, Integer keylessStatus) throws Exception {
        LoadDriver.Placement o1 = placement(0, "o1");   // index 0: a plain order
        o1.keylessStatus = keylessStatus;
        LoadDriver.Placement o2 = placement(84, "o2");  // index 84: declined
        Map<String, JsonNode> sagas = new java.util.HashMap<>();
        statuses.forEach((id, s) -> sagas.put(id, json("{\"status\":\"" + s + "\"}")));
        Map<String, JsonNode> ledgerNodes = new java.util.HashMap<>();
        for (var l : ledgers.entrySet()) ledgerNodes.put(l.getKey(), json(l.getValue()));
        long ended = statuses.values().stream().filter(Invariants.TERMINAL::contains).count();
        JsonNode counts = json("{\"counts\":{\"COMPLETED\":" + ended + "},\"total\":2}");
        ViewsAtRest views = new ViewsAtRest(sagas, counts, Map.of(sku, json(stock)), ledgerNodes);
        return new Invariants(List.of(o1, o2), mix, Map.of(sku, 10), new TopicSnapshot(events, deadLetters, 0), views)
                .checkAll();
    }

    private LoadDriver.Placement placement(int index, String orderId) {
        LoadDriver.Placement p = new LoadDriver.Placement(index, mix.idempotencyKey(index), 0);
        p.orderId = orderId;
        p.orderIdsAnswered.add(orderId);
        p.attempts.incrementAndGet();
        return p;
    }

    private List<TopicSnapshot.Event> completedOrder(String id) {
        return List.of(event(id, placed(id)), event(id, taken(id)), event(id, dispatched(id)), event(id, points(id)),
                event(id, mail(id, NotificationTemplate.ORDER_CONFIRMATION)),
                event(id, mail(id, NotificationTemplate.ORDER_DISPATCHED)), event(id, completed(id)));
    }

    private List<TopicSnapshot.Event> declinedOrder(String id) {
        OrderCancelled c = new OrderCancelled();
        c.setOrderId(id);
        return List.of(event(id, placed(id)), event(id, c));
    }

    private static TopicSnapshot.Event event(String key, SpecificRecord value) {
        return new TopicSnapshot.Event("topic", key, value);
    }

    private OrderPlaced placed(String id) {
        OrderPlaced p = new OrderPlaced();
        p.setOrderId(id);
        Customer c = new Customer();
        c.setCustomerId(mix.customer(0));
        p.setCustomer(c);
        OrderLine line = new OrderLine();
        line.setSku(sku);
        line.setQuantity(1);
        p.setLines(List.of(line));
        return p;
    }

    private static PaymentTaken taken(String id) {
        PaymentTaken t = new PaymentTaken();
        t.setOrderId(id);
        t.setAmount(new Money(1999L, "GBP"));
        return t;
    }

    private static OrderDispatched dispatched(String id) {
        OrderDispatched d = new OrderDispatched();
        d.setOrderId(id);
        return d;
    }

    private static PointsAwarded points(String id) {
        PointsAwarded p = new PointsAwarded();
        p.setOrderId(id);
        return p;
    }

    private static NotificationSent mail(String id, NotificationTemplate template) {
        NotificationSent n = new NotificationSent();
        n.setOrderId(id);
        n.setTemplate(template);
        return n;
    }

    private static OrderCompleted completed(String id) {
        OrderCompleted c = new OrderCompleted();
        c.setOrderId(id);
        return c;
    }

    private static String ledger(String id, boolean refunded) {
        return "{\"orderId\":\"" + id + "\",\"captured\":1,\"charges\":[{\"idempotencyKey\":\"k-" + id
                + "\",\"status\":\"APPROVED\",\"amountMinor\":1999" + (refunded ? ",\"refundKey\":\"r\"" : "") + "}]}";
    }

    /** On hand 9 of 10 received, one shipped (o1's line), {@code reserved} left reserved. */
    private static String stock(int reserved) {
        return "{\"onHand\":9,\"available\":" + (9 - reserved) + ",\"reserved\":" + reserved + ",\"shipped\":1}";
    }

    private static JsonNode json(String s) {
        try {
            return Http.JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
