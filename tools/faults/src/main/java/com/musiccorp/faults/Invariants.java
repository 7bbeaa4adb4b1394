package com.musiccorp.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPlaced;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every promise of the saga, checked at rest against the topics ({@link TopicSnapshot}), the HTTP
 * views ({@link ViewsAtRest}) and what the clients were told ({@link LoadDriver.Placement}).
 * Also counts the headline figures: lost, duplicated, ghost charges, duplicate e-mails, stuck.
 */
final class Invariants {
    static final Set<String> TERMINAL = Set.of("COMPLETED", "CANCELLED");
    /**
     * What a keyless POST /orders may be answered: orders' 400 naming the header, or, while orders is
     * killed or frozen, the api's 502/503/504, or no answer within the client's timeout (0: orders just
     * restarted, under every client's retries at once, on a loaded machine). Whatever the answer,
     * nothing may be written: the invariant "no order no client was told of" checks that on the topic,
     * so an accepted keyless order fails the run even when its answer never arrived.
     */
    static final Set<Integer> KEYLESS_REFUSALS = Set.of(0, 400, 502, 503, 504);

    /** The headline figures of a run. */
    record Headline(long lost, long duplicated, long ghostCharges, long duplicateEmails, long stuck) {
    }

    private final List<LoadDriver.Placement> placements;
    private final OrderMix mix;
    private final Map<String, Integer> received;
    private final TopicSnapshot topics;
    private final ViewsAtRest views;
    private final List<InvariantResult> results = new ArrayList<>();
    private long lost;
    private long duplicated;
    private long ghostCharges;
    private long duplicateEmails;
    private long stuck;

    Invariants(List<LoadDriver.Placement> placements, OrderMix mix, Map<String, Integer> received, TopicSnapshot topics,
               ViewsAtRest views) {
        this.placements = placements;
        this.mix = mix;
        this.received = received;
        this.topics = topics;
        this.views = views;
    }

    List<InvariantResult> results() {
        return List.copyOf(results);
    }

    Headline headline() {
        return new Headline(lost, duplicated, ghostCharges, duplicateEmails, stuck);
    }

    /** Adds a result checked elsewhere (lag, digests). */
    void add(InvariantResult r) {
        results.add(r);
    }

    Invariants checkAll() {
        Map<String, List<TopicSnapshot.Event>> byOrder = topics.byKey();
        Map<String, LoadDriver.Placement> accepted = new HashMap<>();
        for (LoadDriver.Placement p : placements) if (p.accepted()) accepted.put(p.orderId, p);

        var sentAccepted = new InvariantResult.Tally("every order a client sent was accepted, retrying through faults");
        var perKey = new InvariantResult.Tally("at most one order per idempotency key (retries with the key get the same order)");
        var keyless = new InvariantResult.Tally("POST /orders without an Idempotency-Key is never accepted"
                + " (400 from orders; 502/503/504 from the api while orders is down, or no answer; never a 2xx)");
        for (LoadDriver.Placement p : placements) {
            sentAccepted.check(p.accepted(), p.key + ": " + (p.gaveUp ? "gave up after " : "refused after ")
                    + p.attempts.get() + " attempts: " + p.lastProblem);
            if (!p.accepted()) lost++;
            perKey.check(p.orderIdsAnswered.size() <= 1, p.key + " answered " + p.orderIdsAnswered);
            duplicated += Math.max(0, p.orderIdsAnswered.size() - 1);
            if (p.keylessStatus != null) {
                keyless.check(KEYLESS_REFUSALS.contains(p.keylessStatus), p.key + " without key: " + p.keylessStatus);
            }
        }

        var onePlaced = new InvariantResult.Tally("each accepted order has exactly one OrderPlaced");
        var oneEnd = new InvariantResult.Tally("each accepted order has exactly one ending (OrderCompleted or OrderCancelled)");
        var terminal = new InvariantResult.Tally("every saga terminal in saga-status (COMPLETED or CANCELLED), none STALLED");
        var agrees = new InvariantResult.Tally("saga-status's ending is the ending on orders.events");
        var path = new InvariantResult.Tally("each saga ends as its path says (complete, declined, short, cancelled by an operator)");
        var oneCapture = new InvariantResult.Tally("at most one capture per order (PaymentTaken and the gateway's ledger)");
        var completedPaid = new InvariantResult.Tally("COMPLETED = one capture and no refund");
        var cancelledNets = new InvariantResult.Tally("CANCELLED nets to zero (every capture refunded, in events and ledger)");
        var ledgerEqualsEvents = new InvariantResult.Tally("the gateway's ledger equals the events (captures, refunds, amounts)");
        var points = new InvariantResult.Tally("one PointsAwarded per dispatched order, none otherwise");
        var emails = new InvariantResult.Tally("one NotificationSent per order and template");
        Map<String, Long> shippedByEvents = new HashMap<>();

        for (var entry : accepted.entrySet()) {
            String orderId = entry.getKey();
            LoadDriver.Placement p = entry.getValue();
            List<TopicSnapshot.Event> own = byOrder.getOrDefault(orderId, List.of());
            long placed = count(own, "OrderPlaced");
            long completed = count(own, "OrderCompleted");
            long cancelled = count(own, "OrderCancelled");
            long taken = count(own, "PaymentTaken");
            long refunded = count(own, "PaymentRefunded");
            long dispatched = count(own, "OrderDispatched");
            long awarded = count(own, "PointsAwarded");
            String which = orderId + " (" + p.kind + ", " + p.key + ")";

            onePlaced.check(placed == 1, which + ": " + placed + " OrderPlaced");
            if (placed == 0) lost++;
            duplicated += Math.max(0, placed - 1);
            oneEnd.check(completed + cancelled == 1, which + ": " + completed + " OrderCompleted, " + cancelled + " OrderCancelled");
            if (completed + cancelled == 0) lost++;
            duplicated += Math.max(0, completed + cancelled - 1);

            JsonNode saga = views.sagaByOrder().get(orderId);
            String status = saga == null ? "UNKNOWN" : saga.path("status").asText();
            terminal.check(TERMINAL.contains(status), which + ": saga-status says " + status
                    + (saga == null ? "" : ", awaiting " + saga.path("awaiting")));
            if (!TERMINAL.contains(status)) stuck++;
            String byEvents = completed == 1 && cancelled == 0 ? "COMPLETED" : cancelled == 1 && completed == 0 ? "CANCELLED" : "NONE";
            agrees.check(status.equals(byEvents), which + ": saga-status " + status + ", events " + byEvents);
            path.check(p.kind.expectedEnds().contains(status), which + ": expected " + p.kind.expectedEnds() + ", ended "
                    + status + (saga == null ? "" : " (" + saga.path("failureReason").asText("") + ")"));

            JsonNode ledger = views.ledgerByOrder().get(orderId);
            long captured = 0;
            long capturedNotRefunded = 0;
            long refundedInLedger = 0;
            long capturedAmount = 0;
            if (ledger != null) {
                for (JsonNode c : ledger.path("charges")) {
                    if (!c.path("status").asText().equals("APPROVED")) continue;
                    captured++;
                    capturedAmount += c.path("amountMinor").asLong();
                    if (c.hasNonNull("refundKey")) refundedInLedger++;
                    else capturedNotRefunded++;
                }
            }
            oneCapture.check(taken <= 1 && captured <= 1, which + ": " + taken + " PaymentTaken, " + captured + " captured in the ledger");
            duplicated += Math.max(0, taken - 1);
            if (status.equals("COMPLETED")) {
                completedPaid.check(taken == 1 && refunded == 0 && captured == 1 && refundedInLedger == 0,
                        which + ": taken " + taken + ", refunded " + refunded + "; ledger captured " + captured
                                + ", refunded " + refundedInLedger);
            }
            if (status.equals("CANCELLED")) {
                cancelledNets.check(taken == refunded && capturedNotRefunded == 0, which + ": taken " + taken + ", refunded "
                        + refunded + "; ledger captured and not refunded " + capturedNotRefunded);
                ghostCharges += capturedNotRefunded;
            }
            long takenAmount = own.stream().filter(e -> e.type().equals("PaymentTaken"))
                    .mapToLong(e -> ((com.musiccorp.events.Money) e.field("amount")).getAmountMinor()).sum();
            ledgerEqualsEvents.check(ledger != null && captured == taken && refundedInLedger == refunded
                            && capturedAmount == takenAmount,
                    which + ": ledger " + (ledger == null ? "unreadable" : "captured " + captured + " (" + capturedAmount
                            + "), refunded " + refundedInLedger) + "; events taken " + taken + " (" + takenAmount
                            + "), refunded " + refunded);
            ghostCharges += Math.max(0, captured - taken);

            points.check(awarded == dispatched && dispatched <= 1, which + ": " + dispatched + " OrderDispatched, "
                    + awarded + " PointsAwarded");
            duplicated += Math.max(0, awarded - 1);

            Map<String, Long> perTemplate = new HashMap<>();
            own.stream().filter(e -> e.type().equals("NotificationSent"))
                    .forEach(e -> perTemplate.merge(String.valueOf(e.field("template")), 1L, Long::sum));
            for (var t : perTemplate.entrySet()) {
                emails.check(t.getValue() == 1, which + ": " + t.getValue() + " × " + t.getKey());
                duplicateEmails += t.getValue() - 1;
            }

            if (dispatched >= 1) {
                own.stream().filter(e -> e.type().equals("OrderPlaced")).findFirst().ifPresent(e -> {
                    for (OrderLine line : ((OrderPlaced) e.value()).getLines()) {
                        shippedByEvents.merge(line.getSku(), (long) line.getQuantity(), Long::sum);
                    }
                });
            }
        }

        var noStranger = new InvariantResult.Tally("no order on orders.events that no client was answered for");
        for (TopicSnapshot.Event e : topics.events()) {
            if (!e.type().equals("OrderPlaced")) continue;
            OrderPlaced placed = (OrderPlaced) e.value();
            if (!mix.isOurCustomer(placed.getCustomer().getCustomerId())) continue;
            noStranger.check(accepted.containsKey(e.key()), e.key() + " placed for " + placed.getCustomer().getCustomerId()
                    + ", no client was told of it");
        }

        var counts = new InvariantResult.Tally("saga counts: every saga COMPLETED or CANCELLED, as many as accepted orders");
        JsonNode c = views.sagaCounts();
        long total = c == null ? -1 : c.path("total").asLong(-1);
        long ended = c == null ? 0 : c.path("counts").path("COMPLETED").asLong() + c.path("counts").path("CANCELLED").asLong();
        counts.check(total == accepted.size() && ended == total, "GET /sagas/counts: " + c + "; accepted " + accepted.size());

        var stock = new InvariantResult.Tally("stock: nothing negative, reserved 0 at rest, on hand = received − shipped, shipped = units dispatched");
        for (var r : received.entrySet()) {
            JsonNode s = views.stockBySku().get(r.getKey());
            if (s == null) {
                stock.check(false, r.getKey() + ": GET /stock unreadable");
                continue;
            }
            long onHand = s.path("onHand").asLong();
            long available = s.path("available").asLong();
            long reserved = s.path("reserved").asLong();
            long shipped = s.path("shipped").asLong();
            long dispatchedUnits = shippedByEvents.getOrDefault(r.getKey(), 0L);
            stock.check(onHand >= 0 && available >= 0 && reserved == 0 && shipped >= 0
                            && onHand == r.getValue() - shipped && shipped == dispatchedUnits && available + reserved == onHand,
                    r.getKey() + ": received " + r.getValue() + ", " + s + ", units dispatched by events " + dispatchedUnits);
        }

        var dlq = new InvariantResult.Tally("no dead letters (every <context>.dlq and rebuild dead-letter topic empty)");
        topics.deadLetters().forEach((topic, n) -> dlq.check(n == 0, topic + ": " + n + " records"));
        var readable = new InvariantResult.Tally("every event on the event topics is readable with its registered schema");
        readable.check(topics.unreadable() == 0, topics.unreadable() + " records unreadable");

        for (var t : List.of(sentAccepted, perKey, keyless, noStranger, onePlaced, oneEnd, terminal, counts, agrees, path,
                oneCapture, completedPaid, cancelledNets, ledgerEqualsEvents, stock, points, emails, dlq, readable)) {
            results.add(t.result());
        }
        return this;
    }

    private static long count(List<TopicSnapshot.Event> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }
}
