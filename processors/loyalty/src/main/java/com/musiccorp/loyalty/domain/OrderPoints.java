package com.musiccorp.loyalty.domain;

import com.musiccorp.schemas.SeenInputs;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Loyalty's state for one order (key: order id).
 *
 * @param orderId null until the first fact
 * @param terms   customer and total of the order; null until it is credited (set from OrderPlaced
 *                in states written before OrderDispatched carried them)
 * @param stage   where the order is in loyalty's part of the saga
 * @param seen    ids of the inputs already handled (a redelivery decides nothing)
 */
public record OrderPoints(String orderId, OrderTerms terms, Stage stage, List<UUID> seen) {

    public OrderPoints {
        Objects.requireNonNull(stage, "stage");
        seen = List.copyOf(seen);
    }

    public static OrderPoints initial() {
        return new OrderPoints(null, null, new Stage.New(), List.of());
    }

    public boolean hasSeen(UUID inputId) {
        return seen.contains(inputId);
    }

    OrderPoints withOrderId(String id) {
        if (orderId != null && !orderId.equals(id)) {
            throw new IllegalArgumentException("fact for order " + id + " given the state of order " + orderId);
        }
        return new OrderPoints(id, terms, stage, seen);
    }

    OrderPoints withTerms(OrderTerms newTerms) {
        return new OrderPoints(orderId, newTerms, stage, seen);
    }

    OrderPoints withStage(Stage newStage) {
        return new OrderPoints(orderId, terms, newStage, seen);
    }

    OrderPoints seeing(UUID inputId) {
        List<UUID> next = SeenInputs.with(seen, inputId);
        return next == seen ? this : new OrderPoints(orderId, terms, stage, next);
    }

    /**
     * The stages of one order: NEW → CREDITED. AWAITING_DISPATCH and DISPATCHED_BEFORE_ORDER are
     * entered no more: they are read from stores written when loyalty still read OrderPlaced.
     */
    public sealed interface Stage {

        String label();

        /** Nothing known about the order yet. */
        record New() implements Stage {
            public String label() {
                return "NEW";
            }
        }

        /** OrderPlaced was read (by an earlier version): the terms are known; the dispatch credits them. */
        record AwaitingDispatch() implements Stage {
            public String label() {
                return "AWAITING_DISPATCH";
            }
        }

        /**
         * OrderDispatched overtook OrderPlaced when loyalty still waited for the total from it (an
         * earlier version). That OrderPlaced is not read any more: such an order is not credited.
         */
        record DispatchedBeforeOrder(Cause dispatch) implements Stage {
            public DispatchedBeforeOrder {
                Objects.requireNonNull(dispatch, "dispatch");
            }

            public String label() {
                return "DISPATCHED_BEFORE_ORDER";
            }
        }

        /** The credit was handed to the customer's balance; final. */
        record Credited(CreditPoints credit) implements Stage {
            public Credited {
                Objects.requireNonNull(credit, "credit");
            }

            public String label() {
                return "CREDITED";
            }
        }
    }
}
