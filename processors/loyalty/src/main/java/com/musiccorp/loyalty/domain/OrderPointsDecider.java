package com.musiccorp.loyalty.domain;

import com.musiccorp.events.EventRejected;
import com.musiccorp.loyalty.domain.OrderFact.DispatchParked;
import com.musiccorp.loyalty.domain.OrderFact.OrderTermsRecorded;
import com.musiccorp.loyalty.domain.OrderFact.Rejected;
import com.musiccorp.loyalty.domain.OrderInput.Dispatched;
import com.musiccorp.loyalty.domain.OrderInput.Placed;
import com.musiccorp.loyalty.domain.OrderPoints.Stage;
import com.musiccorp.platform.decider.Decider;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Loyalty's part of the order saga, per order (key: order id):
 * <ul>
 *   <li>OrderPlaced: remember the customer and the total. Award nothing yet.</li>
 *   <li>OrderDispatched: the order has earned its points: decide one {@link CreditPoints} for the
 *       customer's balance (points = total in major units, rounded down). If OrderPlaced has not
 *       arrived yet, park the dispatch and credit as soon as it does.</li>
 * </ul>
 * An input whose id was already seen decides nothing; a second OrderDispatched (another event id)
 * or a second OrderPlaced decides one {@code EventRejected} and leaves the stage as it was, so an
 * order is credited at most once.
 */
public final class OrderPointsDecider implements Decider<OrderInput, OrderFact, OrderPoints> {

    /** The producer name in the metadata of every event loyalty emits. */
    public static final String PRODUCER = "loyalty";

    @Override
    public OrderPoints initialState() {
        return OrderPoints.initial();
    }

    @Override
    public List<OrderFact> decide(OrderInput input, OrderPoints state, Instant decidedAt) {
        if (state.orderId() != null && !state.orderId().equals(input.orderId())) {
            throw new IllegalArgumentException(
                    "input for order " + input.orderId() + " given the state of order " + state.orderId());
        }
        if (state.hasSeen(input.inputId())) {
            return List.of();
        }
        return switch (input) {
            case Placed placed -> rememberTerms(placed, state, decidedAt);
            case Dispatched dispatched -> creditForDispatch(dispatched, state, decidedAt);
        };
    }

    private static List<OrderFact> rememberTerms(Placed placed, OrderPoints state, Instant decidedAt) {
        var recorded = new OrderTermsRecorded(placed.orderId(), OrderTerms.of(placed.event()), placed.cause());
        return switch (state.stage()) {
            case Stage.New ignored -> List.of(recorded);
            case Stage.DispatchedBeforeOrder waiting -> List.of(recorded,
                    CreditPoints.forDispatch(placed.orderId(), recorded.terms(), waiting.dispatch()));
            default -> reject(placed, state, decidedAt, "the order's terms are already known");
        };
    }

    private static List<OrderFact> creditForDispatch(Dispatched dispatched, OrderPoints state, Instant decidedAt) {
        return switch (state.stage()) {
            // Orders and warehouse events travel on different topics: a dispatch may overtake its
            // order. Waiting for the total loses nothing; rejecting would lose the points.
            case Stage.New ignored -> List.of(new DispatchParked(dispatched.orderId(), dispatched.cause()));
            case Stage.AwaitingDispatch ignored ->
                    List.of(CreditPoints.forDispatch(dispatched.orderId(), state.terms(), dispatched.cause()));
            case Stage.DispatchedBeforeOrder parked -> reject(dispatched, state, decidedAt,
                    "the order was already dispatched (event " + parked.dispatch().eventId() + ")");
            case Stage.Credited credited -> reject(dispatched, state, decidedAt, "points were already awarded for this order"
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
            case OrderTermsRecorded recorded -> {
                if (current.terms() != null || current.stage() instanceof Stage.Credited) {
                    throw illegal(current, fact);
                }
                OrderPoints next = current.withTerms(recorded.terms()).seeing(recorded.cause().eventId());
                yield next.stage() instanceof Stage.New ? next.withStage(new Stage.AwaitingDispatch()) : next;
            }
            case DispatchParked parked -> {
                if (!(current.stage() instanceof Stage.New)) {
                    throw illegal(current, fact);
                }
                yield current.withStage(new Stage.DispatchedBeforeOrder(parked.dispatch()))
                        .seeing(parked.dispatch().eventId());
            }
            case CreditPoints credit -> {
                boolean legal = current.terms() != null
                        && (current.stage() instanceof Stage.AwaitingDispatch
                                || current.stage() instanceof Stage.DispatchedBeforeOrder);
                if (!legal) {
                    throw illegal(current, fact);
                }
                yield current.withStage(new Stage.Credited(credit)).seeing(credit.cause().eventId());
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
