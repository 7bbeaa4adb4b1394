package com.musiccorp.payments.domain;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.PaymentFailureReason;
import com.musiccorp.schemas.SeenInputs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Payments' state for one order (the aggregate is keyed by order id).
 *
 * @param orderId  null until the first fact
 * @param terms    null until OrderPlaced has been read
 * @param stage    where the order's payment is
 * @param seen     ids of the latest inputs handled (accepted or rejected), for de-duplication ({@link SeenInputs})
 * @param cancelled null unless OrderCancelled has been read: then nothing is charged any more, and
 *                  a charge that is taken anyway is refunded
 */
public record Payment(String orderId, OrderTerms terms, Stage stage, List<UUID> seen, Cancellation cancelled) {

    public Payment {
        Objects.requireNonNull(stage, "stage");
        seen = List.copyOf(seen);
    }

    public static Payment initial() {
        return new Payment(null, null, new Stage.New(), List.of(), null);
    }

    /** The gateway call that is recorded and not answered yet, if any: the one to (re-)execute. */
    public Optional<PaymentFact.GatewayCall> pendingCall() {
        return switch (stage) {
            case Stage.Charging charging -> Optional.of(charging.intent());
            case Stage.Refunding refunding -> Optional.of(refunding.intent());
            case Stage.LookingUpCharge lookingUp -> Optional.of(lookingUp.lookup());
            default -> Optional.empty();
        };
    }

    public boolean hasSeen(UUID inputId) {
        return seen.contains(inputId);
    }

    Payment withOrderId(String id) {
        return orderId != null ? this : new Payment(id, terms, stage, seen, cancelled);
    }

    Payment withTerms(OrderTerms newTerms) {
        return new Payment(orderId, newTerms, stage, seen, cancelled);
    }

    Payment withStage(Stage newStage) {
        return new Payment(orderId, terms, newStage, seen, cancelled);
    }

    public boolean hasBeenCancelled() {
        return cancelled != null;
    }

    Payment withCancellation(Cancellation cancellation) {
        return new Payment(orderId, terms, stage, seen, cancellation);
    }

    Payment seeing(UUID inputId) {
        List<UUID> more = SeenInputs.with(seen, inputId);
        return more == seen ? this : new Payment(orderId, terms, stage, more, cancelled);
    }

    /** A captured charge, as the rest of the saga knows it from PaymentTaken. */
    public record Receipt(String paymentId, UUID chargeKey, String gatewayReference, Amount amount,
            String customerId, Instant takenAt) {
    }

    /**
     * The order was cancelled (OrderCancelled). {@code cause} is that event: a refund the
     * cancellation makes necessary derives its PaymentRefunded from it.
     */
    public record Cancellation(CancellationReason code, String reason, Cause cause) {

        /**
         * Whether the cancellation itself owes the customer a refund of a taken payment. An
         * ITEM_NOT_FOUND cancellation does not: orders cancels after the warehouse's ItemNotFound,
         * which payments also reads and which starts (and names) that refund.
         */
        public boolean refundsPayment() {
            return code != CancellationReason.ITEM_NOT_FOUND;
        }
    }

    public sealed interface Stage {
        /** Name used in rejection reasons, e.g. "PaymentTaken outcome in state PAID". */
        String label();

        /** Nothing known about the order yet. */
        record New() implements Stage {
            public String label() {
                return "NEW";
            }
        }

        /** Terms known; the warehouse has not decided yet. Nothing may be charged. */
        record AwaitingReservation() implements Stage {
            public String label() {
                return "AWAITING_RESERVATION";
            }
        }

        /** Stock reserved, but the order's terms have not arrived yet: the charge waits for them. */
        record ReservedBeforeOrder(Cause reservation) implements Stage {
            public String label() {
                return "RESERVED_BEFORE_ORDER";
            }
        }

        /** Stock was insufficient: this order is never charged. */
        record NotCharged(String reason) implements Stage {
            public String label() {
                return "NOT_CHARGED";
            }
        }

        /** A charge is recorded and awaits the gateway's answer (first attempt or a retry). */
        record Charging(ChargeIntent intent) implements Stage {
            public String label() {
                return "CHARGING";
            }
        }

        /**
         * The charge's last attempt went unanswered (a timeout, a 5xx): it may have captured or not.
         * Payments asks the gateway by the charge's key before deciding, for as long as it takes.
         */
        record LookingUpCharge(ChargeLookup lookup) implements Stage {
            public String label() {
                return "LOOKING_UP_CHARGE";
            }
        }

        record Paid(Receipt receipt) implements Stage {
            public String label() {
                return "PAID";
            }
        }

        record Failed(PaymentFailureReason reasonCode, int attempts, String reason) implements Stage {
            public String label() {
                return "FAILED";
            }
        }

        /** A refund is recorded and awaits the gateway's answer. */
        record Refunding(Receipt receipt, RefundIntent intent) implements Stage {
            public String label() {
                return "REFUNDING";
            }
        }

        record Refunded(Receipt receipt, String reason) implements Stage {
            public String label() {
                return "REFUNDED";
            }
        }

        /** The gateway refused the refund; a person has to resolve it. */
        record RefundBlocked(Receipt receipt, RefundIntent intent, String reason) implements Stage {
            public String label() {
                return "REFUND_BLOCKED";
            }
        }
    }
}
