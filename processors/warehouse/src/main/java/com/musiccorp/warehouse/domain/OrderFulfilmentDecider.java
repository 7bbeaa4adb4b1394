package com.musiccorp.warehouse.domain;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.EventRejected;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PackedLine;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockRelease;
import com.musiccorp.events.StockReleased;
import com.musiccorp.events.StockReservation;
import com.musiccorp.events.StockReserved;
import com.musiccorp.events.StockShortfall;
import com.musiccorp.platform.decider.Decider;
import com.musiccorp.schemas.Causation;
import com.musiccorp.warehouse.domain.DispatchResult.Booked;
import com.musiccorp.warehouse.domain.DispatchResult.NoCapacity;
import com.musiccorp.warehouse.domain.FulfilmentEvent.AnswerRecorded;
import com.musiccorp.warehouse.domain.FulfilmentEvent.DispatchRetryRequested;
import com.musiccorp.warehouse.domain.FulfilmentEvent.FulfilmentOpened;
import com.musiccorp.warehouse.domain.FulfilmentEvent.Published;
import com.musiccorp.warehouse.domain.FulfilmentEvent.ReservedBySku;
import com.musiccorp.warehouse.domain.FulfilmentInput.CarrierAnswered;
import com.musiccorp.warehouse.domain.FulfilmentInput.OnOrderCancelled;
import com.musiccorp.warehouse.domain.FulfilmentInput.OnOrderPlaced;
import com.musiccorp.warehouse.domain.FulfilmentInput.OnPaymentFailed;
import com.musiccorp.warehouse.domain.FulfilmentInput.OnPaymentTaken;
import com.musiccorp.warehouse.domain.FulfilmentInput.RetryDispatch;
import com.musiccorp.warehouse.domain.LineAnswer.LineMissing;
import com.musiccorp.warehouse.domain.LineAnswer.LinePicked;
import com.musiccorp.warehouse.domain.LineAnswer.LineReserved;
import com.musiccorp.warehouse.domain.LineAnswer.LineShort;
import com.musiccorp.warehouse.domain.LineRequest.PackLine;
import com.musiccorp.warehouse.domain.LineRequest.ReleaseLine;
import com.musiccorp.warehouse.domain.LineRequest.ReserveLine;
import com.musiccorp.warehouse.domain.LineRequest.ShipLine;
import com.musiccorp.warehouse.domain.OrderFulfilment.AwaitingLines;
import com.musiccorp.warehouse.domain.OrderFulfilment.DelayedDispatch;
import com.musiccorp.warehouse.domain.OrderFulfilment.Dispatched;
import com.musiccorp.warehouse.domain.OrderFulfilment.FailedDispatch;
import com.musiccorp.warehouse.domain.OrderFulfilment.Insufficient;
import com.musiccorp.warehouse.domain.OrderFulfilment.New;
import com.musiccorp.warehouse.domain.OrderFulfilment.Packed;
import com.musiccorp.warehouse.domain.OrderFulfilment.Packing;
import com.musiccorp.warehouse.domain.OrderFulfilment.Released;
import com.musiccorp.warehouse.domain.OrderFulfilment.Reserved;
import com.musiccorp.warehouse.domain.OrderFulfilment.Stage;
import com.musiccorp.warehouse.domain.OrderFulfilment.WithOrder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of one order in the warehouse: reserve every line or none, pack once paid, hand the
 * package to a carrier with back-off, and give stock back whenever the saga fails after reserving.
 */
public final class OrderFulfilmentDecider implements Decider<FulfilmentInput, FulfilmentEvent, OrderFulfilment> {
    private static final String PRODUCER = SkuStockDecider.PRODUCER;
    /** Cancellations that find the order's stock still in the warehouse's hands. */
    private static final Set<CancellationReason> RELEASING_CANCELLATIONS =
            EnumSet.of(CancellationReason.DISPATCH_FAILED, CancellationReason.OPERATOR);

    private final DispatchPolicy policy;

    public OrderFulfilmentDecider(DispatchPolicy policy) {
        this.policy = policy;
    }

    @Override
    public OrderFulfilment initialState() {
        return OrderFulfilment.initial();
    }

    @Override
    public List<FulfilmentEvent> decide(FulfilmentInput input, OrderFulfilment state, Instant decidedAt) {
        if (state.hasHandled(input.metadata().getEventId())) {
            return List.of(); // a redelivery: everything it caused was decided the first time
        }
        Stage stage = state.stage();
        return switch (input) {
            case OnOrderPlaced placed -> !(stage instanceof New) ? rejected(input, state, decidedAt, "")
                    : OrderLimits.problemOf(placed.event()).map(problem -> rejected(input, state, decidedAt, problem))
                            .orElseGet(() -> reserveEveryLine(placed.event(), decidedAt));
            case LineReserved answer -> stage instanceof AwaitingLines awaiting
                    ? gatherReservation(answer, answer.lineNumber(), awaiting, decidedAt)
                    : List.of();
            case LineShort answer -> stage instanceof AwaitingLines awaiting
                    ? gatherReservation(answer, answer.lineNumber(), awaiting, decidedAt)
                    : List.of();
            case LineMissing missing -> recordMissing(missing, state);
            case LinePicked answer -> stage instanceof Packing packing ? gatherPick(answer, packing, decidedAt) : List.of();
            case OnPaymentTaken paid -> reservationPaidFor(stage, paid.event().getMetadata())
                    .map(reserved -> packEverySku(paid.event(), reserved, decidedAt))
                    .orElseGet(() -> rejected(input, state, decidedAt, "payment is expected once, after stock is reserved"));
            case OnPaymentFailed failed -> reservationPaidFor(stage, failed.event().getMetadata())
                    .map(reserved -> releaseUnpaid(failed.event(), reserved, decidedAt))
                    .orElseGet(() -> rejected(input, state, decidedAt, ""));
            case CarrierAnswered answered -> carrierAnswered(answered, state, decidedAt);
            case RetryDispatch retry -> retryRefusal(state)
                    .map(why -> rejected(input, state, decidedAt, why))
                    .orElseGet(() -> List.of(new DispatchRetryRequested(retry.orderId(), Causation.causedBy(
                            inSaga(retry.metadata(), ((FailedDispatch) stage).order()), PRODUCER,
                            "DispatchRetryRequested", 0, decidedAt))));
            case OnOrderCancelled cancelled -> orderCancelled(cancelled, state, decidedAt);
        };
    }

    /**
     * Why an operator retry cannot be granted now, if it cannot: only a failed dispatch is retried,
     * and at most {@value DispatchPolicy#MAX_OPERATOR_RETRIES} times per order. The HTTP API answers a
     * request with this before writing the command; the topology decides it again on the live state.
     */
    public static Optional<String> retryRefusal(OrderFulfilment state) {
        if (!(state.stage() instanceof FailedDispatch failed)) {
            return Optional.of("only a failed dispatch can be retried");
        }
        if (failed.extraAttempts() >= DispatchPolicy.MAX_OPERATOR_RETRIES) {
            return Optional.of("an order is retried at most " + DispatchPolicy.MAX_OPERATOR_RETRIES
                    + " times by an operator; cancel it instead");
        }
        return Optional.empty();
    }

    /**
     * A cancellation after dispatch failed, or by an operator, finds the order's stock still held here
     * (reserved, or packed and waiting for a carrier): all of it goes back and no carrier is tried
     * again. Other cancellations come after the warehouse itself released (or never reserved), so
     * they change nothing. Nothing can be given back once the package left.
     */
    private static List<FulfilmentEvent> orderCancelled(OnOrderCancelled cancelled, OrderFulfilment state,
            Instant decidedAt) {
        OrderCancelled event = cancelled.event();
        boolean releases = RELEASING_CANCELLATIONS.contains(event.getReasonCode());
        String reason = "order cancelled (" + event.getReasonCode() + "): " + event.getReason();
        return switch (state.stage()) {
            case Dispatched dispatched -> rejected(cancelled, state, decidedAt, "the order already left with "
                    + dispatched.carrier() + " (" + dispatched.trackingNumber() + "); its stock cannot be given back");
            case New ignored -> List.of();
            case Insufficient ignored -> List.of();
            case Released ignored -> List.of();
            case WithOrder holding when releases -> release(holding.order(), event.getMetadata(), reason,
                    packedUnits(holding), decidedAt);
            case WithOrder ignored -> List.of();
        };
    }

    /**
     * The reservation a payment's outcome is for: the order's, or the one the SKU of an order of one
     * line published while the order still waits for that SKU's answer. The answer and the SKU's
     * {@code StockReserved} are one transaction, but the answer travels the warehouse's own topic and
     * the payment that the event caused travels payments', and nothing orders the two: a payment can
     * come first (the fault suite's restarts made it common). Payments decides an outcome only on a
     * {@code StockReserved} and names it as the cause, and the id of the one this order's SKU would
     * publish follows from the order alone, so a payment naming it proves the units are held: it is
     * decided as if the answer had come, and the answer, when it comes, finds the order moved on.
     */
    private static Optional<Reserved> reservationPaidFor(Stage stage, EventMetadata payment) {
        return switch (stage) {
            case Reserved reserved -> Optional.of(reserved);
            case AwaitingLines awaiting when awaiting.order().getLines().size() == 1
                    && StockReservedEvent.idPublishedBySku(awaiting.order()).toString().equals(String.valueOf(payment.getCausationId())) ->
                    Optional.of(reserved(awaiting));
            default -> Optional.empty();
        };
    }

    /** Fan out: one reservation request per line, each to the SKU that owns the units. */
    private static List<FulfilmentEvent> reserveEveryLine(OrderPlaced order, Instant decidedAt) {
        EventMetadata cause = order.getMetadata();
        var events = new ArrayList<FulfilmentEvent>();
        events.add(new FulfilmentOpened(order, causedBy(cause, "FulfilmentOpened", 0, decidedAt)));
        boolean onlyLine = order.getLines().size() == 1;
        int index = 0;
        for (OrderLine line : order.getLines()) {
            events.add(new ReserveLine(order.getOrderId(), line.getLineNumber(), line.getSku(), line.getQuantity(),
                    onlyLine, causedBy(cause, StockReservedEvent.RESERVE_LINE, index++, decidedAt)));
        }
        return events;
    }

    /**
     * Fan in: once every line answered, all reserved or nothing (the held lines are given back). An
     * order of one line held was published as reserved by its SKU already: recorded, not published again.
     */
    private static List<FulfilmentEvent> gatherReservation(LineAnswer answer, int lineNumber, AwaitingLines awaiting,
            Instant decidedAt) {
        OrderPlaced order = awaiting.order();
        boolean isLineOfOrder = order.getLines().stream().anyMatch(line -> line.getLineNumber() == lineNumber);
        if (!isLineOfOrder || awaiting.answers().containsKey(lineNumber)) {
            return List.of();
        }
        var answers = new LinkedHashMap<>(awaiting.answers());
        answers.put(lineNumber, answer);
        if (answers.size() < order.getLines().size()) {
            return List.of(new AnswerRecorded(answer));
        }
        List<LineShort> shortLines = answers.values().stream()
                .filter(LineShort.class::isInstance).map(LineShort.class::cast)
                .sorted(Comparator.comparingInt(LineShort::lineNumber))
                .toList();
        EventMetadata cause = answer.metadata();
        if (shortLines.isEmpty()) {
            return answer instanceof LineReserved reserved && reserved.published()
                    // The order's only line: its SKU published the event with the answer, at the answer's time.
                    ? List.of(new ReservedBySku(stockReserved(order, cause, cause.getOccurredAt())))
                    : List.of(new Published(stockReserved(order, cause, decidedAt)));
        }
        var events = new ArrayList<FulfilmentEvent>();
        var heldSkus = new LinkedHashSet<String>();
        order.getLines().stream()
                .filter(line -> answers.get(line.getLineNumber()) instanceof LineReserved)
                .forEach(line -> heldSkus.add(line.getSku()));
        int index = 0;
        for (String sku : heldSkus) {
            events.add(new ReleaseLine(order.getOrderId(), sku, "stock insufficient", 0,
                    causedBy(cause, "ReleaseLine", index++, decidedAt)));
        }
        events.add(new Published(stockInsufficient(order, shortLines, cause, decidedAt)));
        return events;
    }

    /**
     * Units of a SKU a shelf count found missing from the order's reservation: remembered until the
     * order is paid. Told once the order packed (it had not heard of the count yet), they change
     * nothing here: the SKU takes the count back for the units the package took.
     */
    private static List<FulfilmentEvent> recordMissing(LineMissing missing, OrderFulfilment state) {
        boolean remembered = switch (state.stage()) {
            case AwaitingLines awaiting -> hasSku(awaiting.order(), missing.sku());
            case Reserved reserved -> hasSku(reserved.order(), missing.sku());
            default -> false;
        };
        return remembered ? List.of(new AnswerRecorded(missing)) : List.of();
    }

    /**
     * Paid: the order packs what every SKU holds for it, in the same step (each SKU is told, not
     * asked: {@link PackLine}), unless a shelf count found units of it missing; then each line short
     * is ItemNotFound and every SKU gives back what it holds.
     */
    private static List<FulfilmentEvent> packEverySku(PaymentTaken payment, Reserved reserved, Instant decidedAt) {
        OrderPlaced order = reserved.order();
        EventMetadata cause = payment.getMetadata();
        Map<String, Integer> unitsBySku = OrderFulfilment.unitsBySku(order);
        var events = new ArrayList<FulfilmentEvent>();
        if (reserved.missing().isEmpty()) {
            events.add(new Published(orderPackaged(order, cause, cause.getEventId().toString(), decidedAt)));
            int index = 0;
            for (var units : unitsBySku.entrySet()) {
                events.add(new PackLine(order.getOrderId(), units.getKey(), units.getValue(),
                        causedBy(cause, "PackLine", index++, decidedAt)));
            }
            return events;
        }
        int index = 0;
        for (var shortSku : reserved.missing().entrySet()) {
            int missing = Math.min(shortSku.getValue(), unitsBySku.getOrDefault(shortSku.getKey(), 0));
            String why = shortSku.getValue() + " unit(s) of " + shortSku.getKey() + " missing from the shelf when packing";
            for (OrderLine line : linesOf(order, shortSku.getKey())) {
                int missingHere = Math.min(missing, line.getQuantity());
                if (missingHere > 0) {
                    events.add(new Published(itemNotFound(order, line, missingHere, why,
                            causedBy(cause, "ItemNotFound", index++, decidedAt))));
                    missing -= missingHere;
                }
            }
        }
        String reason = "item not found while packing";
        int releaseIndex = 0;
        var found = new ArrayList<StockRelease>();
        for (var units : unitsBySku.entrySet()) {
            events.add(new ReleaseLine(order.getOrderId(), units.getKey(), reason, 0,
                    causedBy(cause, "ReleaseLine", releaseIndex++, decidedAt)));
            int held = units.getValue() - reserved.missing().getOrDefault(units.getKey(), 0);
            if (held > 0) {
                found.add(new StockRelease(units.getKey(), held));
            }
        }
        events.add(new Published(stockReleased(order.getOrderId(), found, reason,
                causedBy(cause, "StockReleased", 0, decidedAt))));
        return events;
    }

    private static boolean hasSku(OrderPlaced order, String sku) {
        return order.getLines().stream().anyMatch(line -> line.getSku().equals(sku));
    }

    /**
     * An earlier version's packing: every SKU found all its units, one package; any SKU short,
     * ItemNotFound, and everything goes back.
     */
    private static List<FulfilmentEvent> gatherPick(LinePicked answer, Packing packing, Instant decidedAt) {
        OrderPlaced order = packing.order();
        Map<String, Integer> unitsBySku = OrderFulfilment.unitsBySku(order);
        if (!unitsBySku.containsKey(answer.sku()) || packing.picks().containsKey(answer.sku())) {
            return List.of();
        }
        var picks = new LinkedHashMap<>(packing.picks());
        picks.put(answer.sku(), answer);
        if (picks.size() < unitsBySku.size()) {
            return List.of(new AnswerRecorded(answer));
        }
        EventMetadata cause = answer.metadata();
        if (picks.values().stream().allMatch(pick -> pick.missing() == 0)) {
            return List.of(new Published(orderPackaged(order, cause, packing.paidBy(), decidedAt)));
        }
        var events = new ArrayList<FulfilmentEvent>();
        int index = 0;
        for (LinePicked pick : picks.values()) {
            int missing = pick.missing();
            for (OrderLine line : linesOf(order, pick.sku())) {
                int missingHere = Math.min(missing, line.getQuantity());
                if (missingHere > 0) {
                    events.add(new Published(itemNotFound(order, line, missingHere, pick.missing() + " unit(s) of "
                            + pick.sku() + " missing from the shelf when packing",
                            linked(cause, packing.paidBy(), "ItemNotFound", index++, decidedAt))));
                    missing -= missingHere;
                }
            }
        }
        String reason = "item not found while packing";
        int releaseIndex = 0;
        for (String sku : unitsBySku.keySet()) {
            events.add(new ReleaseLine(order.getOrderId(), sku, reason, packedUnits(picks.get(sku)),
                    causedBy(cause, "ReleaseLine", releaseIndex++, decidedAt)));
        }
        List<StockRelease> found = picks.values().stream()
                .filter(pick -> pick.picked() > 0)
                .map(pick -> new StockRelease(pick.sku(), pick.picked()))
                .toList();
        events.add(new Published(stockReleased(order.getOrderId(), found, reason,
                linked(cause, packing.paidBy(), "StockReleased", 0, decidedAt))));
        return events;
    }

    /**
     * The units of each SKU in the order's package, as far as the stage knows: every unit once packed;
     * while packing, a SKU's units if its pick found them all or is still on its way (a pick that
     * found units missing keeps the SKU's hold, which its release gives back); none before.
     */
    private static Map<String, Integer> packedUnits(WithOrder stage) {
        Map<String, Integer> units = OrderFulfilment.unitsBySku(stage.order());
        return switch (stage) {
            case Packed ignored -> units;
            case DelayedDispatch ignored -> units;
            case FailedDispatch ignored -> units;
            case Packing packing -> {
                var packed = new LinkedHashMap<String, Integer>();
                units.forEach((sku, requested) -> packed.put(sku,
                        packing.picks().containsKey(sku) ? packedUnits(packing.picks().get(sku)) : requested));
                yield packed;
            }
            default -> Map.of();
        };
    }

    /** The units a pick put in the package if it found them all; 0 when some were missing (the hold stays). */
    private static int packedUnits(LinePicked pick) {
        return pick != null && pick.missing() == 0 ? pick.picked() : 0;
    }

    private static List<FulfilmentEvent> releaseUnpaid(PaymentFailed failure, Reserved reserved, Instant decidedAt) {
        return release(reserved.order(), failure.getMetadata(), "payment failed: " + failure.getReason(), Map.of(),
                decidedAt);
    }

    /**
     * Compensation: every SKU gives back what the order holds, and the saga hears it once. A SKU that
     * packed the order's units whole keeps them in its totals only, so its release names them
     * ({@code packedUnits}, by SKU).
     */
    private static List<FulfilmentEvent> release(OrderPlaced order, EventMetadata cause, String reason,
            Map<String, Integer> packedUnits, Instant decidedAt) {
        var events = new ArrayList<FulfilmentEvent>();
        var releases = new ArrayList<StockRelease>();
        int index = 0;
        for (var units : OrderFulfilment.unitsBySku(order).entrySet()) {
            events.add(new ReleaseLine(order.getOrderId(), units.getKey(), reason,
                    packedUnits.getOrDefault(units.getKey(), 0), causedBy(cause, "ReleaseLine", index++, decidedAt)));
            releases.add(new StockRelease(units.getKey(), units.getValue()));
        }
        events.add(new Published(stockReleased(order.getOrderId(), releases, reason,
                causedBy(cause, "StockReleased", 0, decidedAt))));
        return events;
    }

    private List<FulfilmentEvent> carrierAnswered(CarrierAnswered answer, OrderFulfilment state,
            Instant decidedAt) {
        int expectedAttempt;
        int extraAttempts;
        OrderPlaced order;
        EventMetadata scheduledBy;
        switch (state.stage()) {
            case Packed packed -> {
                expectedAttempt = 1;
                extraAttempts = 0;
                order = packed.order();
                scheduledBy = packed.packedBy();
            }
            case DelayedDispatch delayed -> {
                expectedAttempt = delayed.failedAttempts() + 1;
                extraAttempts = delayed.extraAttempts();
                order = delayed.order();
                scheduledBy = delayed.scheduledBy();
            }
            case Dispatched ignored -> {
                return List.of(); // a late answer to an attempt already settled
            }
            case FailedDispatch ignored -> {
                return List.of();
            }
            case Released released -> {
                return rejected(answer, state, decidedAt, "the order's stock was given back (" + released.reason() + ")");
            }
            default -> {
                return rejected(answer, state, decidedAt, "dispatch before the order is packed");
            }
        }
        if (answer.attempt() != expectedAttempt) {
            return List.of(); // stale: that attempt was already answered
        }
        EventMetadata cause = answer.metadata();
        Instant attemptedAt = answer.observedAt(); // when the carrier answered: the time of what it decided
        return switch (answer.result()) {
            case Booked booked -> {
                var events = new ArrayList<FulfilmentEvent>();
                int index = 0;
                for (var units : OrderFulfilment.unitsBySku(order).entrySet()) {
                    events.add(new ShipLine(order.getOrderId(), units.getKey(), units.getValue(),
                            causedBy(cause, "ShipLine", index++, attemptedAt)));
                }
                events.add(new Published(OrderDispatched.newBuilder()
                        .setMetadata(answered(cause, scheduledBy, "OrderDispatched", attemptedAt))
                        .setOrderId(order.getOrderId())
                        .setCarrier(booked.carrier())
                        .setTrackingNumber(booked.trackingNumber())
                        .setShippingAddress(order.getShippingAddress())
                        .setDispatchedAt(attemptedAt)
                        .setCustomerId(order.getCustomer().getCustomerId())
                        .setOrderTotal(order.getTotal())
                        .build()));
                yield events;
            }
            case NoCapacity noCapacity when answer.attempt() < policy.maxAttempts() + extraAttempts ->
                    List.of(new Published(com.musiccorp.events.DispatchDelayed.newBuilder()
                            .setMetadata(answered(cause, scheduledBy, "DispatchDelayed", attemptedAt))
                            .setOrderId(order.getOrderId())
                            .setAttempt(answer.attempt())
                            .setReason(noCapacity.reason())
                            .setNextAttemptAt(attemptedAt.plus(policy.backoff(answer.attempt())))
                            .build()));
            case NoCapacity noCapacity -> List.of(new Published(com.musiccorp.events.DispatchFailed.newBuilder()
                    .setMetadata(answered(cause, scheduledBy, "DispatchFailed", attemptedAt))
                    .setOrderId(order.getOrderId())
                    .setAttempts(answer.attempt())
                    .setReason(noCapacity.reason())
                    .build()));
        };
    }

    /**
     * An event the carrier's answer decided: its id derives from the attempt, its time is when the
     * carrier answered ({@code answeredAt}), and its cause is
     * the published fact that scheduled the attempt (OrderPackaged, or the DispatchDelayed before a
     * retry), so the choreography and the timeline link it to an event anyone can see rather than to
     * the warehouse's internal dispatch trigger.
     */
    private static EventMetadata answered(EventMetadata answer, EventMetadata scheduledBy, String eventType,
            Instant answeredAt) {
        return linked(answer, scheduledBy.getEventId().toString(), eventType, 0, answeredAt);
    }

    /**
     * A published event that gathers the warehouse's internal answers (every line reserved, every
     * SKU picked): its id derives from the answer that completed it, as before, but its cause is the
     * published fact the warehouse was answering (OrderPlaced, PaymentTaken), so the choreography
     * and the timeline link it to an event anyone can see rather than to an internal record.
     * {@code publishedCause} null (a state kept before the cause was) links to the answer.
     */
    private static EventMetadata linked(EventMetadata answer, String publishedCause, String eventType, int index,
            Instant decidedAt) {
        EventMetadata own = causedBy(answer, eventType, index, decidedAt);
        return publishedCause == null ? own : EventMetadata.newBuilder(own).setCausationId(publishedCause).build();
    }

    /** An illegal transition: recorded as EventRejected, the order's stage unchanged. */
    private static List<FulfilmentEvent> rejected(FulfilmentInput input, OrderFulfilment state, Instant decidedAt,
            String why) {
        String reason = input.typeName() + " in state " + state.status() + (why.isEmpty() ? "" : ": " + why);
        EventMetadata cause = state.stage() instanceof WithOrder withOrder
                ? inSaga(input.metadata(), withOrder.order())
                : input.metadata();
        return List.of(new Published(EventRejected.newBuilder()
                .setMetadata(causedBy(cause, "EventRejected", 0, decidedAt))
                .setOrderId(input.orderId())
                .setRejectedEventId(input.metadata().getEventId().toString())
                .setRejectedEventType(input.typeName())
                .setReason(reason)
                .build()));
    }

    /**
     * The cause as part of the order's saga: a command names the order, but the saga's correlation id
     * is the one OrderPlaced carried (it is not the order id), so what it causes takes that one.
     */
    private static EventMetadata inSaga(EventMetadata cause, OrderPlaced order) {
        String correlationId = order.getMetadata().getCorrelationId();
        return correlationId.equals(cause.getCorrelationId()) ? cause
                : EventMetadata.newBuilder(cause).setCorrelationId(correlationId).build();
    }

    /**
     * The dispatch attempt the order waits for, if any: attempt 1 once packed, attempt n+1 after a
     * delay or an operator's retry. Its trigger is derived from the fact that scheduled it, with the
     * due time as event time, so booking it never reads the wall clock.
     */
    public static Optional<DispatchRequest> pendingDispatch(OrderFulfilment state) {
        return switch (state.stage()) {
            case Packed packed -> Optional.of(dispatchRequest(packed.order(), 1,
                    packed.packedBy().getOccurredAt(), packed.packedBy()));
            case DelayedDispatch delayed -> Optional.of(dispatchRequest(delayed.order(), delayed.failedAttempts() + 1,
                    delayed.nextAttemptAt(), delayed.scheduledBy()));
            default -> Optional.empty();
        };
    }

    private static DispatchRequest dispatchRequest(OrderPlaced order, int attempt, Instant dueAt,
            EventMetadata scheduledBy) {
        EventMetadata trigger = Causation.causedBy(scheduledBy, PRODUCER, "DispatchDue", attempt, dueAt);
        return new DispatchRequest(order.getOrderId(), order.getShippingAddress(), attempt, dueAt, trigger);
    }

    @Override
    public OrderFulfilment evolve(OrderFulfilment state, FulfilmentEvent event) {
        Stage stage = state.stage();
        Stage next = switch (event) {
            case FulfilmentOpened opened -> new AwaitingLines(opened.order(), Map.of());
            case AnswerRecorded(LinePicked pick) when stage instanceof Packing packing -> {
                var picks = new LinkedHashMap<>(packing.picks());
                picks.put(pick.sku(), pick);
                yield new Packing(packing.order(), packing.paymentId(), packing.paidBy(), picks);
            }
            case AnswerRecorded(LineReserved reserved) when stage instanceof AwaitingLines awaiting ->
                    withAnswer(awaiting, reserved.lineNumber(), reserved);
            case AnswerRecorded(LineShort lineShort) when stage instanceof AwaitingLines awaiting ->
                    withAnswer(awaiting, lineShort.lineNumber(), lineShort);
            case AnswerRecorded(LineMissing missing) when stage instanceof AwaitingLines awaiting ->
                    new AwaitingLines(awaiting.order(), awaiting.answers(), plus(awaiting.missing(), missing));
            case AnswerRecorded(LineMissing missing) when stage instanceof Reserved reserved ->
                    new Reserved(reserved.order(), plus(reserved.missing(), missing));
            case AnswerRecorded ignored -> stage;
            case DispatchRetryRequested retry when stage instanceof FailedDispatch failed -> new DelayedDispatch(
                    failed.order(), failed.packageId(), failed.attempts(), retry.metadata().getOccurredAt(),
                    failed.reason(), retry.metadata(), failed.extraAttempts() + 1);
            case DispatchRetryRequested ignored -> stage;
            case LineRequest ignored -> stage; // what the SKUs were asked changes nothing here until they answer
            case Published(StockReserved ignored) -> reserved(stage);
            case ReservedBySku ignored -> reserved(stage);
            case Published(StockInsufficient insufficient) ->
                    new Insufficient(orderOf(stage), insufficient.getShortLines());
            case Published(OrderPackaged packaged) ->
                    new Packed(orderOf(stage), packaged.getPackageId(), packaged.getMetadata());
            case Published(com.musiccorp.events.DispatchDelayed delayed) -> new DelayedDispatch(orderOf(stage),
                    packageIdOf(stage), delayed.getAttempt(), delayed.getNextAttemptAt(), delayed.getReason(),
                    delayed.getMetadata(), extraAttemptsOf(stage));
            case Published(com.musiccorp.events.DispatchFailed failed) -> new FailedDispatch(orderOf(stage),
                    packageIdOf(stage), failed.getAttempts(), failed.getReason(), extraAttemptsOf(stage));
            case Published(OrderDispatched dispatched) -> new Dispatched(orderOf(stage), dispatched.getCarrier(),
                    dispatched.getTrackingNumber(), attemptsMadeBefore(stage) + 1);
            case Published(StockReleased released) -> new Released(orderOf(stage), released.getReason());
            case Published ignored -> stage; // ItemNotFound, EventRejected: the stage stays as it is
        };
        var retries = new ArrayList<>(state.operatorRetries());
        if (event instanceof DispatchRetryRequested && stage instanceof FailedDispatch) {
            retries.add(FulfilmentEvent.inputIdOf(event)); // bounded: retryRefusal grants at most MAX_OPERATOR_RETRIES
        }
        return new OrderFulfilment(state.orderId() != null ? state.orderId() : orderIdOf(event), next,
                state.handledInputs(), retries).handling(FulfilmentEvent.inputIdOf(event));
    }

    private static AwaitingLines withAnswer(AwaitingLines awaiting, int lineNumber, LineAnswer answer) {
        var answers = new LinkedHashMap<>(awaiting.answers());
        answers.put(lineNumber, answer);
        return new AwaitingLines(awaiting.order(), answers, awaiting.missing());
    }

    /** The units found missing so far, with {@code missing}'s added to its SKU's. */
    private static Map<String, Integer> plus(Map<String, Integer> before, LineMissing missing) {
        var after = new LinkedHashMap<>(before);
        after.merge(missing.sku(), missing.units(), Integer::sum);
        return after;
    }

    /** Every line held: the order, and the units a shelf count found missing while it waited for its answers. */
    private static Reserved reserved(Stage stage) {
        return new Reserved(orderOf(stage), stage instanceof AwaitingLines awaiting ? awaiting.missing() : Map.of());
    }

    private static OrderPlaced orderOf(Stage stage) {
        if (stage instanceof WithOrder withOrder) {
            return withOrder.order();
        }
        throw new IllegalStateException("no order known in stage " + stage.status());
    }

    private static String packageIdOf(Stage stage) {
        return switch (stage) {
            case Packed packed -> packed.packageId();
            case DelayedDispatch delayed -> delayed.packageId();
            case FailedDispatch failed -> failed.packageId();
            default -> null;
        };
    }

    private static int attemptsMadeBefore(Stage stage) {
        return stage instanceof DelayedDispatch delayed ? delayed.failedAttempts() : 0;
    }

    private static int extraAttemptsOf(Stage stage) {
        return switch (stage) {
            case DelayedDispatch delayed -> delayed.extraAttempts();
            case FailedDispatch failed -> failed.extraAttempts();
            default -> 0;
        };
    }

    private static String orderIdOf(FulfilmentEvent event) {
        return switch (event) {
            case Published published -> published.orderId();
            case LineRequest request -> request.orderId();
            case FulfilmentOpened opened -> opened.order().getOrderId();
            case AnswerRecorded recorded -> recorded.answer().orderId();
            case ReservedBySku reserved -> reserved.event().getOrderId();
            case DispatchRetryRequested retry -> retry.orderId();
        };
    }

    /** One package per order, so its id is the order's. */
    static String packageIdFor(String orderId) {
        return "PKG-" + orderId;
    }

    private static List<OrderLine> linesOf(OrderPlaced order, String sku) {
        return order.getLines().stream().filter(line -> line.getSku().equals(sku)).toList();
    }

    private static EventMetadata causedBy(EventMetadata cause, String eventType, int index, Instant at) {
        return Causation.causedBy(cause, PRODUCER, eventType, index, at);
    }

    private static StockReserved stockReserved(OrderPlaced order, EventMetadata cause, Instant decidedAt) {
        return StockReservedEvent.of(order.getOrderId(), order.getLines().stream()
                        .map(line -> new StockReservation(line.getLineNumber(), line.getSku(), line.getQuantity()))
                        .toList(),
                cause, order.getMetadata().getEventId().toString(), decidedAt);
    }

    private static StockInsufficient stockInsufficient(OrderPlaced order, List<LineShort> shortLines,
            EventMetadata cause, Instant decidedAt) {
        return StockInsufficient.newBuilder()
                .setMetadata(linked(cause, order.getMetadata().getEventId().toString(), "StockInsufficient", 0, decidedAt))
                .setOrderId(order.getOrderId())
                .setShortLines(shortLines.stream()
                        .map(line -> new StockShortfall(line.lineNumber(), line.sku(), line.requested(),
                                line.available(), line.shortBy()))
                        .toList())
                .setLines(order.getLines())
                .setTotal(order.getTotal())
                .setCustomerId(order.getCustomer().getCustomerId())
                .setCustomerName(order.getCustomer().getName())
                .setCustomerEmail(order.getCustomer().getEmail())
                .build();
    }

    private static OrderPackaged orderPackaged(OrderPlaced order, EventMetadata cause, String paidBy, Instant decidedAt) {
        return OrderPackaged.newBuilder()
                .setMetadata(linked(cause, paidBy, "OrderPackaged", 0, decidedAt))
                .setOrderId(order.getOrderId())
                .setPackageId(packageIdFor(order.getOrderId()))
                .setLines(order.getLines().stream()
                        .map(line -> new PackedLine(line.getLineNumber(), line.getSku(), line.getQuantity()))
                        .toList())
                .setPackedAt(decidedAt)
                .build();
    }

    private static ItemNotFound itemNotFound(OrderPlaced order, OrderLine line, int missing, String reason,
            EventMetadata metadata) {
        return ItemNotFound.newBuilder()
                .setMetadata(metadata)
                .setOrderId(order.getOrderId())
                .setSku(line.getSku())
                .setLineNumber(line.getLineNumber())
                .setMissingQuantity(missing)
                .setReason(reason)
                .build();
    }

    private static StockReleased stockReleased(String orderId, List<StockRelease> releases, String reason,
            EventMetadata metadata) {
        return StockReleased.newBuilder()
                .setMetadata(metadata)
                .setOrderId(orderId)
                .setReleases(releases)
                .setReason(reason)
                .build();
    }
}
