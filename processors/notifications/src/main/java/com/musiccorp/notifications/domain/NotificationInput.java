package com.musiccorp.notifications.domain;

import com.musiccorp.events.DispatchDelayed;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.schemas.Causation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What notifications reacts to: six events of other contexts, read from four topics (so in no
 * guaranteed order between topics), and the mailer's answers to the deliveries it recorded. Every
 * event is identified by its event id; an id the state has already seen is a redelivery and decides
 * nothing. An answer counts only for the attempt that is pending.
 */
public sealed interface NotificationInput {

    String orderId();

    /** Simple name of the event's type, e.g. "OrderPlaced"; NotificationSent.triggeredByEventType. */
    String typeName();

    /** The event's metadata as plain values; every message this input causes derives from it. */
    Trigger trigger();

    default UUID eventId() {
        return trigger().eventId();
    }

    /**
     * The input for an event read from another context's topic, or empty for event types
     * notifications does not react to (the topology skips those).
     */
    static Optional<NotificationInput> fromEvent(Object event) {
        return Optional.ofNullable(switch (event) {
            case OrderPlaced e -> new Placed(e);
            case OrderDispatched e -> new Dispatched(e);
            case DispatchDelayed e -> new Delayed(e);
            case OrderCancelled e -> new Cancelled(e);
            case ItemNotFound e -> new ItemMissing(e);
            case PaymentRefunded e -> new Refunded(e);
            case null, default -> null;
        });
    }

    record Placed(OrderPlaced event) implements NotificationInput {
        public String orderId() {
            return event.getOrderId();
        }

        public String typeName() {
            return "OrderPlaced";
        }

        public Trigger trigger() {
            return Trigger.of(event.getMetadata(), typeName());
        }
    }

    record Dispatched(OrderDispatched event) implements NotificationInput {
        public String orderId() {
            return event.getOrderId();
        }

        public String typeName() {
            return "OrderDispatched";
        }

        public Trigger trigger() {
            return Trigger.of(event.getMetadata(), typeName());
        }
    }

    record Delayed(DispatchDelayed event) implements NotificationInput {
        public String orderId() {
            return event.getOrderId();
        }

        public String typeName() {
            return "DispatchDelayed";
        }

        public Trigger trigger() {
            return Trigger.of(event.getMetadata(), typeName());
        }
    }

    record Cancelled(OrderCancelled event) implements NotificationInput {
        public String orderId() {
            return event.getOrderId();
        }

        public String typeName() {
            return "OrderCancelled";
        }

        public Trigger trigger() {
            return Trigger.of(event.getMetadata(), typeName());
        }
    }

    record ItemMissing(ItemNotFound event) implements NotificationInput {
        public String orderId() {
            return event.getOrderId();
        }

        public String typeName() {
            return "ItemNotFound";
        }

        public Trigger trigger() {
            return Trigger.of(event.getMetadata(), typeName());
        }
    }

    /**
     * The mailer's answer to attempt {@code attempt} of the order's {@code template} message. Not an
     * event on any topic: it decides something only while that attempt is the pending one, so a
     * repeated or stale answer decides nothing.
     *
     * @param correlationId the saga of the delivery it answers
     * @param observedAt    when the answer came (wall clock); the back-off is counted from it
     */
    record Answered(String orderId, String correlationId, NotificationTemplate template, int attempt,
            SendOutcome outcome, Instant observedAt) implements NotificationInput {

        public Answered {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(observedAt, "observedAt");
        }

        public static Answered to(Delivery delivery, SendOutcome outcome, Instant observedAt) {
            return new Answered(delivery.orderId(), delivery.trigger().correlationId(), delivery.template(),
                    delivery.attempt(), outcome, observedAt);
        }

        public String typeName() {
            return "MailerAnswered";
        }

        @Override
        public UUID eventId() {
            return Causation.deterministicId("notifications/" + orderId + "/" + template + "/answer/" + attempt);
        }

        public Trigger trigger() {
            return new Trigger(eventId(), correlationId, observedAt, "mailer", typeName());
        }
    }

    record Refunded(PaymentRefunded event) implements NotificationInput {
        public String orderId() {
            return event.getOrderId();
        }

        public String typeName() {
            return "PaymentRefunded";
        }

        public Trigger trigger() {
            return Trigger.of(event.getMetadata(), typeName());
        }
    }
}
