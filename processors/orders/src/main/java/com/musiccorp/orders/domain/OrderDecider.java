package com.musiccorp.orders.domain;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.Customer;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.EventRejected;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.Money;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.platform.decider.Decider;
import com.musiccorp.schemas.Causation;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.musiccorp.orders.domain.Fact.CANCELLED;
import static com.musiccorp.orders.domain.Fact.COMPLETED;
import static com.musiccorp.orders.domain.Fact.DISPATCHED;
import static com.musiccorp.orders.domain.Fact.DISPATCH_FAILED;
import static com.musiccorp.orders.domain.Fact.ITEM_NOT_FOUND;
import static com.musiccorp.orders.domain.Fact.PACKAGED;
import static com.musiccorp.orders.domain.Fact.PAYMENT_FAILED;
import static com.musiccorp.orders.domain.Fact.PAYMENT_REFUNDED;
import static com.musiccorp.orders.domain.Fact.PAYMENT_TAKEN;
import static com.musiccorp.orders.domain.Fact.PLACED;
import static com.musiccorp.orders.domain.Fact.POINTS_AWARDED;
import static com.musiccorp.orders.domain.Fact.STOCK_INSUFFICIENT;
import static com.musiccorp.orders.domain.Fact.STOCK_RELEASED;
import static com.musiccorp.orders.domain.Fact.STOCK_RESERVED;

/**
 * The orders context's part of the saga, for one order. It places the order, folds every event of
 * the order from every context, and ends the saga: {@code OrderCompleted} once the order is
 * dispatched and its points awarded, {@code OrderCancelled} once a failure and its compensation
 * have both been seen, whichever arrived first.
 *
 * <p>Events of different topics arrive in any order, so decisions wait for facts, not for a
 * sequence. Each decision names a fixed cause (e.g. always the {@code PaymentFailed}, never
 * "whichever came last"), so its event id does not depend on arrival order either.
 *
 * <p>{@code evolve} skips what {@code decide} rejects, so folding every topic's events (rejected
 * ones included) from {@link #initialState()} reaches the same state as the live path.
 *
 * <p>As the platform's {@link Decider}: {@link #DECIDER} is the live path (the observed event and
 * the decisions are the facts; only decisions are published), {@link #REPLAY} a rebuild's fold.
 */
public final class OrderDecider {

    /** The producer name in every event this context writes. */
    public static final String PRODUCER = "orders";
    /** The rejected "event type" of a refused cancel. */
    static final String CANCEL_ORDER = "CancelOrder";

    /**
     * The live path: an input's facts are the event observed (if it is one) and the events decided. A
     * cancel the live state refuses (checked at the HTTP API, but something may have got there first)
     * is decided as an {@code EventRejected}, so a repeat is answered from the state at once; a cancel
     * of an order never placed can be answered to no one and throws.
     */
    public static final Decider<OrderInput, OrderFact, Order> DECIDER = new OrderFacts<>() {
        @Override
        public List<OrderFact> decide(OrderInput input, Order state, Instant decidedAt) {
            try {
                return facts(input, OrderDecider.decide(input, state, decidedAt));
            } catch (OrderCommandRefused refused) {
                if (refused.kind() == OrderCommandRefused.Kind.CONFLICT && input instanceof CancelOrder cancel) {
                    return List.of(new OrderFact.Decided(cancelRejected(cancel, state, refused.getMessage(), decidedAt)));
                }
                throw refused;
            }
        }
    };

    /**
     * A rebuild from the topics: {@link #replay}, one observed event at a time; nothing is decided anew.
     * It ignores its clock: a re-derived decision takes the time recorded in its copy on orders.events
     * ({@link OrderFact.ReadBack}), read before or after it; until that copy is read, its cause's time.
     */
    public static final Decider<ObservedEvent, OrderFact, Order> REPLAY = new OrderFacts<>() {
        @Override
        public List<OrderFact> decide(ObservedEvent observed, Order state, Instant clock) {
            if (isReDerived(observed.event())) {
                return List.of(new OrderFact.ReadBack(observed.event()));
            }
            List<SpecificRecord> decided = OrderDecider.decide(observed, state,
                    OrderEvents.metadata(observed.event()).getOccurredAt());
            List<SpecificRecord> recorded = new ArrayList<>();
            for (SpecificRecord event : decided) {
                Instant readBack = state.readBackTimes().get(OrderEvents.metadata(event).getEventId());
                recorded.add(readBack == null ? event : atTime(observed, state, event, readBack));
            }
            return facts(observed, recorded);
        }
    };

    /** The decision {@code event} re-made at {@code at}: the same id, the time its recorded copy has. */
    private static SpecificRecord atTime(ObservedEvent observed, Order state, SpecificRecord event, Instant at) {
        UUID id = OrderEvents.metadata(event).getEventId();
        return OrderDecider.decide(observed, state, at).stream()
                .filter(e -> OrderEvents.metadata(e).getEventId().equals(id))
                .findFirst().orElse(event);
    }

    /** What both deciders share: every fact, observed or decided, is folded by {@link #evolve}. */
    private abstract static class OrderFacts<I> implements Decider<I, OrderFact, Order> {
        @Override
        public Order evolve(Order state, OrderFact fact) {
            if (fact instanceof OrderFact.ReadBack readBack) {
                return OrderDecider.readBack(state, readBack.event());
            }
            UUID id = OrderEvents.metadata(fact.event()).getEventId();
            return OrderDecider.evolve(state, fact.event()).withoutReadBackTime(id);
        }

        @Override
        public Order initialState() {
            return Order.initial();
        }
    }

    private OrderDecider() {
    }

    public static Order initialState() {
        return Order.initial();
    }

    /**
     * One step of the live path: what to emit, every event to record in order (the observed input,
     * then the emitted events), and the state after folding them.
     */
    public record Step(List<SpecificRecord> emitted, List<SpecificRecord> recorded, Order state) {
    }

    public static Step step(Order state, OrderInput input, Instant decidedAt) {
        List<SpecificRecord> emitted = decide(input, state, decidedAt);
        List<OrderFact> facts = facts(input, emitted);
        return new Step(emitted, facts.stream().map(OrderFact::event).toList(), DECIDER.evolveAll(state, facts));
    }

    /** The input observed, if it is an event, then the events decided for it. */
    private static List<OrderFact> facts(OrderInput input, List<SpecificRecord> decided) {
        List<OrderFact> facts = new ArrayList<>();
        if (input instanceof ObservedEvent observed) {
            facts.add(new OrderFact.Observed(observed.event()));
        }
        decided.forEach(event -> facts.add(new OrderFact.Decided(event)));
        return facts;
    }

    // ---------------------------------------------------------------- decide

    /**
     * The events this context emits for {@code input}; empty for a duplicate or when nothing is to be
     * decided yet. Commands that cannot be carried out throw {@link OrderCommandRefused}. What it
     * decides happens at {@code decidedAt} (an order is placed at its command's {@code placedAt}, when
     * the HTTP API decided it).
     */
    public static List<SpecificRecord> decide(OrderInput input, Order state, Instant decidedAt) {
        if (state.orderId() != null && !state.orderId().equals(input.orderId())) {
            throw new IllegalArgumentException("input for order " + input.orderId()
                    + " given the state of order " + state.orderId());
        }
        return switch (input) {
            case PlaceOrder command -> placeOrder(command, state);
            case CancelOrder command -> cancelOrder(command, state, decidedAt);
            case ObservedEvent observed -> react(observed.event(), state, decidedAt);
        };
    }

    private static List<SpecificRecord> placeOrder(PlaceOrder command, Order state) {
        if (state.isPlaced()) {
            if (command.sameOrderAs(state.placement())) {
                return List.of(); // a retried POST: the order already exists
            }
            throw new OrderCommandRefused(OrderCommandRefused.Kind.CONFLICT, command.orderId(),
                    "order " + command.orderId() + " was already placed with different contents;"
                            + " an idempotency key may only be reused for a retry of the same order");
        }
        return List.of(orderPlaced(command));
    }

    /** What an order decided on an operator's cancel: it cancelled the order, or refused, saying why. */
    public sealed interface CancelOutcome {
        record Cancelled() implements CancelOutcome {
        }

        record Refused(String reason) implements CancelOutcome {
        }
    }

    /**
     * The order's decision on the cancel named {@code commandId}, as recorded in its state; empty while
     * it has not decided it. A repeat of a decided command is answered from this, never decided again.
     */
    public static Optional<CancelOutcome> cancelOutcome(Order state, String commandId) {
        UUID cancellationId = Causation.fromCommand(commandId, "", Instant.EPOCH, PRODUCER, "OrderCancelled").getEventId();
        if (state.has(CANCELLED) && state.first(CANCELLED).eventId().equals(cancellationId)) {
            return Optional.of(new CancelOutcome.Cancelled());
        }
        return state.refusalOf(cancellationId).map(CancelOutcome.Refused::new);
    }

    private static List<SpecificRecord> cancelOrder(CancelOrder command, Order state, Instant decidedAt) {
        String orderId = command.orderId();
        if (!state.isPlaced()) {
            throw new OrderCommandRefused(OrderCommandRefused.Kind.NOT_FOUND, orderId, "no order " + orderId);
        }
        if (cancelOutcome(state, command.commandId()).isPresent()) {
            return List.of(); // the same cancel, repeated: decided once
        }
        EventMetadata metadata = Causation.fromCommand(command.commandId(), state.correlationId(), decidedAt,
                PRODUCER, "OrderCancelled");
        return switch (state.status()) {
            case CANCELLED -> throw conflict(orderId, "the order is already cancelled (" + state.cancellation().reason() + ")");
            case COMPLETED -> throw conflict(orderId, "the order is already completed");
            case DISPATCHED -> throw conflict(orderId, "the order is already with the carrier; arrange a return instead");
            case CANCELLING -> throw conflict(orderId, "the order is already being cancelled");
            case NEEDS_ATTENTION -> List.of(orderCancelled(state, metadata, CancellationReason.DISPATCH_FAILED,
                    "Dispatch failed (" + state.last(DISPATCH_FAILED).map(Order.EventRef::summary).orElse("")
                            + "); cancelled by an operator: " + command.reason()));
            // Mid-saga another context may be charging or reserving at this very moment; cancelling
            // then would race its step. Only a failed dispatch is a resting state a person resolves.
            case NOT_PLACED, PLACED, RESERVED, PAID, PACKED -> throw conflict(orderId, "the order is still in progress ("
                    + state.status() + "); an operator may cancel only an order whose dispatch failed");
        };
    }

    private static OrderCommandRefused conflict(String orderId, String message) {
        return new OrderCommandRefused(OrderCommandRefused.Kind.CONFLICT, orderId,
                "order " + orderId + " cannot be cancelled: " + message);
    }

    private static List<SpecificRecord> react(SpecificRecord event, Order state, Instant decidedAt) {
        if (state.hasSeen(OrderEvents.metadata(event).getEventId())) {
            return List.of();
        }
        Fact fact = Fact.of(event);
        if (fact == null) {
            return List.of(); // EventRejected of any context, or an event orders does not fold
        }
        String illegal = illegalTransition(state, event, fact);
        if (illegal != null) {
            return List.of(eventRejected(event, illegal, decidedAt));
        }
        return outcome(evolve(state, event), decidedAt);
    }

    /** Why {@code event} cannot be applied to {@code state}, or null when it can. */
    static String illegalTransition(Order state, SpecificRecord event, Fact fact) {
        String type = OrderEvents.type(event);
        if (state.status() == OrderStatus.COMPLETED && !fact.partOfEveryCompletion
                || state.status() == OrderStatus.CANCELLED && fact.forbiddenAfterCancellation) {
            return type + " in state " + state.status();
        }
        if (fact.onceOnly && state.has(fact)) {
            return type + " already recorded as event " + state.first(fact).eventId();
        }
        // A context writes its events of one order to one partition, in order; so a fact that
        // follows another on the same topic can never legitimately arrive before it.
        return switch (fact) {
            case STOCK_RESERVED -> after(state, STOCK_INSUFFICIENT, type, "StockInsufficient");
            case STOCK_INSUFFICIENT -> after(state, STOCK_RESERVED, type, "StockReserved");
            case PAYMENT_TAKEN -> after(state, PAYMENT_FAILED, type, "PaymentFailed");
            case PAYMENT_FAILED -> after(state, PAYMENT_TAKEN, type, "PaymentTaken");
            case PAYMENT_REFUNDED -> before(state, PAYMENT_TAKEN, type, "PaymentTaken");
            case PACKAGED -> before(state, STOCK_RESERVED, type, "StockReserved");
            case ITEM_NOT_FOUND -> state.has(PACKAGED) ? type + " after OrderPackaged"
                    : before(state, STOCK_RESERVED, type, "StockReserved");
            case DISPATCH_DELAYED, DISPATCH_FAILED -> state.has(DISPATCHED) ? type + " after OrderDispatched"
                    : before(state, PACKAGED, type, "OrderPackaged");
            case DISPATCHED -> before(state, PACKAGED, type, "OrderPackaged");
            case COMPLETED -> state.has(DISPATCHED) && state.has(POINTS_AWARDED) ? null
                    : type + " before OrderDispatched and PointsAwarded";
            case PLACED, STOCK_RELEASED, POINTS_AWARDED, CANCELLED -> null;
        };
    }

    private static String after(Order state, Fact contradicted, String type, String contradictedType) {
        return state.has(contradicted) ? type + " after " + contradictedType : null;
    }

    private static String before(Order state, Fact required, String type, String requiredType) {
        return state.has(required) ? null : type + " before " + requiredType;
    }

    /** The saga's ending, once the facts it needs are all in; nothing while they are not. */
    private static List<SpecificRecord> outcome(Order state, Instant decidedAt) {
        if (!state.isPlaced() || state.status().isTerminal()) {
            return List.of();
        }
        if (state.has(STOCK_INSUFFICIENT)) {
            Order.EventRef cause = state.first(STOCK_INSUFFICIENT);
            return List.of(orderCancelled(state, causedBy(cause, "OrderCancelled", decidedAt),
                    CancellationReason.INSUFFICIENT_STOCK, "Not enough stock: " + cause.summary()));
        }
        if (state.has(PAYMENT_FAILED) && state.has(STOCK_RELEASED)) {
            Order.EventRef cause = state.first(PAYMENT_FAILED);
            return List.of(orderCancelled(state, causedBy(cause, "OrderCancelled", decidedAt),
                    CancellationReason.PAYMENT_DECLINED, "Payment could not be taken: " + cause.summary()));
        }
        if (state.has(ITEM_NOT_FOUND) && state.has(PAYMENT_REFUNDED)) {
            String missing = state.all(ITEM_NOT_FOUND).stream().map(Order.EventRef::summary)
                    .collect(Collectors.joining("; "));
            return List.of(orderCancelled(state, causedBy(state.first(PAYMENT_REFUNDED), "OrderCancelled", decidedAt),
                    CancellationReason.ITEM_NOT_FOUND,
                    "An item could not be found while packing: " + missing + "; the payment has been refunded"));
        }
        if (state.has(DISPATCHED) && state.has(POINTS_AWARDED)) {
            EventMetadata metadata = causedBy(state.first(POINTS_AWARDED), "OrderCompleted", decidedAt);
            return List.of(OrderCompleted.newBuilder()
                    .setMetadata(metadata)
                    .setOrderId(state.orderId())
                    .setCustomerId(state.placement().customerId())
                    .setCompletedAt(metadata.getOccurredAt())
                    .build());
        }
        return List.of();
    }

    private static EventMetadata causedBy(Order.EventRef cause, String eventType, Instant decidedAt) {
        return Causation.causedBy(cause.asCause(), PRODUCER, eventType, 0, decidedAt);
    }

    private static OrderPlaced orderPlaced(PlaceOrder command) {
        String currency = command.totals().currency();
        List<OrderLine> lines = command.lines().stream()
                .map(l -> OrderLine.newBuilder()
                        .setLineNumber(l.lineNumber())
                        .setSku(l.sku())
                        .setTitle(l.title())
                        .setArtist(l.artist())
                        .setFormat(MediaFormat.valueOf(l.format()))
                        .setQuantity(l.quantity())
                        .setUnitPrice(money(l.unitPriceMinor(), currency))
                        .build())
                .toList();
        Order.Address a = command.shippingAddress();
        return OrderPlaced.newBuilder()
                .setMetadata(Causation.fromCommand(command.commandId(), command.correlationId(), command.placedAt(),
                        PRODUCER, "OrderPlaced"))
                .setOrderId(command.orderId())
                .setCustomer(Customer.newBuilder()
                        .setCustomerId(command.customerId())
                        .setName(command.customerName())
                        .setEmail(command.customerEmail())
                        .build())
                .setLines(lines)
                .setSubtotal(money(command.totals().subtotalMinor(), currency))
                .setShippingCost(money(command.totals().shippingCostMinor(), currency))
                .setTotal(money(command.totals().totalMinor(), currency))
                .setCurrency(currency)
                .setShippingAddress(com.musiccorp.events.Address.newBuilder()
                        .setName(a.name())
                        .setLine1(a.line1())
                        .setLine2(a.line2())
                        .setCity(a.city())
                        .setPostalCode(a.postalCode())
                        .setCountryCode(a.countryCode())
                        .build())
                .setPaymentMethodToken(command.paymentMethodToken())
                .setPlacedAt(command.placedAt())
                .build();
    }

    private static OrderCancelled orderCancelled(Order state, EventMetadata metadata, CancellationReason code,
            String reason) {
        Order.Placement placement = state.placement();
        return OrderCancelled.newBuilder()
                .setMetadata(metadata)
                .setOrderId(state.orderId())
                .setCustomerId(placement.customerId())
                .setCustomerName(placement.customerName())
                .setCustomerEmail(placement.customerEmail())
                .setReason(reason)
                .setReasonCode(code)
                .setCancelledAt(metadata.getOccurredAt())
                .build();
    }

    /**
     * A cancel the HTTP API accepted but the order's live state refuses (another request or event got
     * there first): recorded, so the operator sees why in the order's history, instead of lost.
     */
    public static EventRejected cancelRejected(CancelOrder command, Order state, String reason, Instant decidedAt) {
        String correlationId = state.isPlaced() ? state.correlationId() : command.orderId();
        EventMetadata metadata = Causation.fromCommand(command.commandId(), correlationId, decidedAt,
                PRODUCER, "EventRejected");
        return EventRejected.newBuilder()
                .setMetadata(metadata)
                .setOrderId(command.orderId())
                .setRejectedEventId(Causation.fromCommand(command.commandId(), correlationId, command.requestedAt(),
                        PRODUCER, "OrderCancelled").getEventId().toString())
                .setRejectedEventType(CANCEL_ORDER)
                .setReason(reason)
                .build();
    }

    private static EventRejected eventRejected(SpecificRecord event, String reason, Instant decidedAt) {
        EventMetadata cause = OrderEvents.metadata(event);
        return EventRejected.newBuilder()
                .setMetadata(Causation.causedBy(cause, PRODUCER, "EventRejected", 0, decidedAt))
                .setOrderId(OrderEvents.orderId(event))
                .setRejectedEventId(cause.getEventId().toString())
                .setRejectedEventType(OrderEvents.type(event))
                .setReason(reason)
                .build();
    }

    private static Money money(long amountMinor, String currency) {
        return Money.newBuilder().setAmountMinor(amountMinor).setCurrency(currency).build();
    }

    // ---------------------------------------------------------------- rebuild

    /**
     * One event of a rebuild from the topics: the live step with the event as observed, and nothing
     * forwarded. Events of other contexts arrive in an order Kafka does not define across topics,
     * so orders' own decisions read back from orders.events (those caused by another event) are not
     * folded where they happen to be read: the step re-derives each one right after the facts it
     * needs, with the same deterministic id, and the copy read from the topic is a duplicate. Events
     * orders wrote for a command (OrderPlaced, an operator's cancel, a refused cancel) have no cause
     * event to re-derive them from, and are folded as read.
     */
    public static Order replay(Order state, SpecificRecord event) {
        return REPLAY.decision(new ObservedEvent(event), state, Instant.EPOCH).state(); // REPLAY reads no clock
    }

    /**
     * A rebuild reads back one of orders' re-derived decisions: re-derived already, the state takes its
     * recorded time; not yet, the time waits in {@link Order#readBackTimes()} for the re-derivation.
     */
    static Order readBack(Order state, SpecificRecord event) {
        EventMetadata metadata = OrderEvents.metadata(event);
        if (!state.hasSeen(metadata.getEventId())) {
            return state.withReadBackTime(metadata.getEventId(), metadata.getOccurredAt());
        }
        String note = event instanceof EventRejected rejected
                ? rejected.getRejectedEventType() + " rejected: " + rejected.getReason()
                : OrderEvents.summary(event);
        return state.retimed(metadata.getEventId(), OrderEvents.type(event), metadata.getProducer(), note,
                metadata.getOccurredAt());
    }

    /** An orders decision caused by another event: a rebuild re-derives it after its cause. */
    private static boolean isReDerived(SpecificRecord event) {
        EventMetadata metadata = OrderEvents.metadata(event);
        return PRODUCER.equals(metadata.getProducer()) && metadata.getCausationId() != null;
    }

    /** A state rebuilt from every event recorded for it, folded in the live path's own order. */
    public static Order rebuild(List<? extends SpecificRecord> recorded) {
        return DECIDER.fold(recorded.stream().<OrderFact>map(OrderFact.Observed::new).toList());
    }

    // ---------------------------------------------------------------- evolve

    /**
     * The state after {@code event}. Duplicates and events {@code decide} would reject leave the
     * state as it is; an {@code EventRejected} of this context marks the rejected event as seen.
     */
    public static Order evolve(Order state, SpecificRecord event) {
        EventMetadata metadata = OrderEvents.metadata(event);
        if (state.hasSeen(metadata.getEventId())) {
            return state;
        }
        String orderId = OrderEvents.orderId(event);
        if (event instanceof EventRejected rejected) {
            return rejection(state, orderId, metadata, rejected);
        }
        Fact fact = Fact.of(event);
        if (fact == null || illegalTransition(state, event, fact) != null) {
            return state;
        }
        if (!fact.onceOnly && state.all(fact).size() >= Order.MAX_REPEATS) {
            return state; // more than any order has lines or tries: it stays on its topic, the state stays bounded
        }
        String summary = OrderEvents.summary(event);
        Order next = state.withOrderId(orderId)
                .withSeen(metadata.getEventId())
                .withFact(fact, new Order.EventRef(OrderEvents.type(event), metadata.getEventId(),
                        metadata.getCorrelationId(), metadata.getOccurredAt(), metadata.getProducer(), summary))
                .withHistory(new Order.HistoryEntry(OrderEvents.type(event), OrderEvents.time(event),
                        metadata.getProducer(), summary));
        if (event instanceof OrderPlaced placed) {
            next = next.withPlacement(placement(placed));
        } else if (event instanceof OrderCancelled cancelled) {
            next = next.withCancellation(new Order.Cancellation(cancelled.getReasonCode(), cancelled.getReason(),
                    cancelled.getCancelledAt()));
        }
        return next.withStatus(status(next));
    }

    private static Order rejection(Order state, String orderId, EventMetadata metadata, EventRejected rejected) {
        if (state.rejections() >= Order.MAX_REJECTIONS) {
            return state; // flooded with rejections: they stay on their topics, the state stays bounded
        }
        Order next = state.withOrderId(orderId).withSeen(metadata.getEventId()).withHistory(new Order.HistoryEntry(
                "EventRejected", metadata.getOccurredAt(), metadata.getProducer(),
                rejected.getRejectedEventType() + " rejected: " + rejected.getReason()));
        if (!PRODUCER.equals(metadata.getProducer())) {
            return next; // another context's judgement: orders still judges the event itself
        }
        UUID rejectedId = UUID.fromString(rejected.getRejectedEventId());
        next = next.withSeen(rejectedId);
        return CANCEL_ORDER.equals(rejected.getRejectedEventType())
                ? next.withRefused(new Order.RefusedCommand(rejectedId, rejected.getReason()))
                : next;
    }

    /** The status the facts add up to. */
    private static OrderStatus status(Order state) {
        if (state.has(CANCELLED)) {
            return OrderStatus.CANCELLED;
        }
        if (state.has(COMPLETED)) {
            return OrderStatus.COMPLETED;
        }
        if (!state.isPlaced()) {
            return OrderStatus.NOT_PLACED;
        }
        if (state.has(STOCK_INSUFFICIENT) || state.has(PAYMENT_FAILED) || state.has(ITEM_NOT_FOUND)
                || state.has(PAYMENT_REFUNDED) || state.has(STOCK_RELEASED)) {
            return OrderStatus.CANCELLING;
        }
        if (state.has(DISPATCHED)) {
            return OrderStatus.DISPATCHED;
        }
        if (state.has(DISPATCH_FAILED)) {
            return OrderStatus.NEEDS_ATTENTION;
        }
        if (state.has(PACKAGED)) {
            return OrderStatus.PACKED;
        }
        if (state.has(PAYMENT_TAKEN)) {
            return OrderStatus.PAID;
        }
        if (state.has(STOCK_RESERVED)) {
            return OrderStatus.RESERVED;
        }
        return OrderStatus.PLACED;
    }

    private static Order.Placement placement(OrderPlaced placed) {
        List<Order.Line> lines = placed.getLines().stream()
                .map(l -> new Order.Line(l.getLineNumber(), l.getSku(), l.getTitle(), l.getArtist(),
                        l.getFormat().name(), l.getQuantity(), l.getUnitPrice().getAmountMinor()))
                .toList();
        com.musiccorp.events.Address a = placed.getShippingAddress();
        Customer customer = placed.getCustomer();
        return new Order.Placement(
                customer.getCustomerId(),
                customer.getName(),
                customer.getEmail(),
                lines,
                new OrderTotals(placed.getSubtotal().getAmountMinor(), placed.getShippingCost().getAmountMinor(),
                        placed.getTotal().getAmountMinor(), placed.getCurrency()),
                new Order.Address(a.getName(), a.getLine1(), a.getLine2(), a.getCity(), a.getPostalCode(),
                        a.getCountryCode()),
                placed.getPaymentMethodToken(),
                placed.getPlacedAt());
    }
}
