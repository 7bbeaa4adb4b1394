package com.musiccorp.loyalty.domain;

import com.musiccorp.events.EventRejected;
import com.musiccorp.loyalty.domain.OrderFact.Rejected;
import com.musiccorp.loyalty.domain.OrderPoints.Stage;
import com.musiccorp.platform.decider.Decider;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Loyalty's part of the order saga, per order (key: order id): OrderDispatched means the order has
 * earned its points, so decide one {@link CreditPoints} for the customer's balance (points = the
 * order's total in major units, rounded down; the dispatch names the customer and the total).
 * <p>
 * An input whose id was already seen decides nothing; a second OrderDispatched (another event id)
 * decides one {@code EventRejected} and leaves the stage as it was, so an order is credited at most
 * once. So is a dispatch without a total (written before OrderDispatched v3), unless an earlier
 * version of loyalty read the order's OrderPlaced (stage AWAITING_DISPATCH) and knows it.
 */
public final class OrderPointsDecider implements Decider<OrderInput, OrderFact, OrderPoints> {

    /** The producer name in the metadata of every event loyalty emits. */
    public static final String PRODUCER = "loyalty";

    @Override
    public OrderPoints initialState() {
        return OrderPoints.initial();
    }

    @Override
    public List<OrderFact> decide(OrderInput dispatch, OrderPoints state, Instant decidedAt) {
        if (state.orderId() != null && !state.orderId().equals(dispatch.orderId())) {
            throw new IllegalArgumentException(
                    "input for order " + dispatch.orderId() + " given the state of order " + state.orderId());
        }
        if (state.hasSeen(dispatch.inputId())) {
            return List.of();
        }
        return switch (state.stage()) {
            case Stage.New ignored -> dispatch.terms()
                    .<List<OrderFact>>map(terms -> List.of(CreditPoints.forDispatch(dispatch.orderId(), terms, dispatch.cause())))
                    .orElseGet(() -> reject(dispatch, state, decidedAt, "it carries no orderTotal (written before"
                            + " OrderDispatched v3), so the order's points are not known"));
            case Stage.AwaitingDispatch ignored ->
                    List.of(CreditPoints.forDispatch(dispatch.orderId(), state.terms(), dispatch.cause()));
            case Stage.DispatchedBeforeOrder parked -> reject(dispatch, state, decidedAt,
                    "the order was already dispatched (event " + parked.dispatch().eventId() + ")");
            case Stage.Credited credited -> reject(dispatch, state, decidedAt, "points were already awarded for this order"
                    + " (dispatch " + credited.credit().cause().eventId() + ")");
        };
    }

    private static List<OrderFact> reject(OrderInput input, OrderPoints state, Instant decidedAt, String why) {
        EventRejected rejected = EventRejected.newBuilder()
                .setMetadata(input.cause().derive("EventRejected", 0, decidedAt))
                .setOrderId(input.orderId())
                .setRejectedEventId(input.inputId().toString())
                .setRejectedEventType(input.typeName())
                .setReason(input.typeName() + " in state " + state.stage().label() + ": " + why)
                .build();
        return List.of(new Rejected(rejected));
    }

    @Override
    public OrderPoints evolve(OrderPoints state, OrderFact fact) {
        OrderPoints current = state.withOrderId(fact.orderId());
        return switch (fact) {
            case CreditPoints credit -> {
                if (!(current.stage() instanceof Stage.New || current.stage() instanceof Stage.AwaitingDispatch)) {
                    throw illegal(current, fact);
                }
                yield current.withTerms(new OrderTerms(credit.customerId(), credit.orderTotal()))
                        .withStage(new Stage.Credited(credit)).seeing(credit.cause().eventId());
            }
            case Rejected rejected -> current.seeing(UUID.fromString(rejected.event().getRejectedEventId()));
        };
    }

    /** A fact decide could not have produced for this state: the fact log is corrupt or out of order. */
    private static IllegalStateException illegal(OrderPoints state, OrderFact fact) {
        return new IllegalStateException(fact.getClass().getSimpleName() + " cannot apply to order "
                + state.orderId() + " in state " + state.stage().label());
    }
}
