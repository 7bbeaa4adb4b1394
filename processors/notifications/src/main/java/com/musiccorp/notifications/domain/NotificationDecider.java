package com.musiccorp.notifications.domain;

import static com.musiccorp.events.NotificationTemplate.ORDER_CANCELLED;
import static com.musiccorp.events.NotificationTemplate.ORDER_CONFIRMATION;
import static com.musiccorp.events.NotificationTemplate.ORDER_DISPATCHED;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.NotificationChannel;
import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.notifications.domain.NotificationFact.GaveUp;
import com.musiccorp.notifications.domain.NotificationFact.ItemMissingNoted;
import com.musiccorp.notifications.domain.NotificationFact.Parked;
import com.musiccorp.notifications.domain.NotificationFact.ParkedDropped;
import com.musiccorp.notifications.domain.NotificationFact.Queued;
import com.musiccorp.notifications.domain.NotificationFact.RecipientKnown;
import com.musiccorp.notifications.domain.NotificationFact.Sent;
import com.musiccorp.notifications.domain.NotificationFact.Skipped;
import com.musiccorp.notifications.domain.NotificationInput.Answered;
import com.musiccorp.notifications.domain.NotificationInput.Cancelled;
import com.musiccorp.notifications.domain.NotificationInput.Delayed;
import com.musiccorp.notifications.domain.NotificationInput.Dispatched;
import com.musiccorp.notifications.domain.NotificationInput.ItemMissing;
import com.musiccorp.notifications.domain.NotificationInput.Placed;
import com.musiccorp.notifications.domain.NotificationInput.Refunded;
import com.musiccorp.platform.decider.Decider;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Notifications' part of the order saga, per order: it tells the customer, by (simulated) e-mail,
 * what the events say happened, at most once per (order, template).
 * <ul>
 *   <li>OrderPlaced: ORDER_CONFIRMATION, unless the cancellation was already sent or an item is
 *       already known to be missing (the order is about to be cancelled).</li>
 *   <li>OrderDispatched: ORDER_DISPATCHED, unless the order was cancelled.</li>
 *   <li>DispatchDelayed: ORDER_DELAYED on the first delay only, unless the order is already on its
 *       way or cancelled.</li>
 *   <li>OrderCancelled: ORDER_CANCELLED, to the address the OrderCancelled itself carries (so it
 *       does not wait for OrderPlaced). If the reason is ITEM_NOT_FOUND and a confirmation was
 *       sent, also ORDER_PROBLEM_APOLOGY.</li>
 *   <li>ItemNotFound: ORDER_PROBLEM_APOLOGY if a confirmation was sent (the confirmation cannot be
 *       unsent and the order will be cancelled); otherwise remember it, so no confirmation follows.</li>
 *   <li>PaymentRefunded: REFUND_ISSUED.</li>
 * </ul>
 * OrderDispatched, DispatchDelayed and PaymentRefunded carry no address: read before the recipient
 * is known, their message is {@link Parked} and sent (or dropped, if no longer apt) as soon as
 * OrderPlaced or OrderCancelled arrives. An input whose id was already seen decides nothing; an
 * input that sends nothing is recorded as {@link Skipped}, so it counts as seen.
 *
 * <p>"Send" means: record a {@link Queued} delivery (the intent, committed before the mailer is
 * called). The mailer's answer is an input too: taken gives the {@link Sent} fact (NotificationSent
 * is published only then); a failure queues the next attempt with back-off ({@link RetryPolicy}),
 * under the same message id; after the last attempt the message is given up ({@link GaveUp}).
 */
public final class NotificationDecider
        implements Decider<NotificationInput, NotificationFact, OrderNotifications> {

    /** The producer name in the metadata of every event notifications emits. */
    public static final String PRODUCER = "notifications";

    private final RetryPolicy retryPolicy;

    public NotificationDecider() {
        this(RetryPolicy.DEFAULT);
    }

    public NotificationDecider(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    @Override
    public OrderNotifications initialState() {
        return OrderNotifications.initial();
    }

    @Override
    public List<NotificationFact> decide(NotificationInput input, OrderNotifications state, Instant decidedAt) {
        if (state.orderId() != null && !state.orderId().equals(input.orderId())) {
            throw new IllegalArgumentException(
                    "input for order " + input.orderId() + " given the state of order " + state.orderId());
        }
        if (input instanceof Answered answer) {
            return settle(answer, state);
        }
        if (state.hasSeen(input.eventId())) {
            return List.of();
        }
        String orderId = input.orderId();
        Trigger trigger = input.trigger();
        Plan plan = new Plan(orderId, state, decidedAt);
        switch (input) {
            case Placed placed -> {
                plan.add(new RecipientKnown(orderId, Recipient.of(placed.event().getCustomer()), trigger));
                plan.offer(Message.confirmation(orderId, placed.event().getTotal()), trigger);
                plan.flushParked();
            }
            case Dispatched dispatched -> plan.offer(Message.dispatched(orderId, dispatched.event().getCarrier(),
                    dispatched.event().getTrackingNumber()), trigger);
            case Delayed ignored -> plan.offer(Message.delayed(orderId), trigger);
            case Cancelled cancelled -> {
                Recipient own = Recipient.of(cancelled.event());
                if (state.recipient() == null) {
                    plan.add(new RecipientKnown(orderId, own, trigger));
                }
                plan.offerTo(own, Message.cancelled(orderId, cancelled.event().getReason()), trigger);
                if (cancelled.event().getReasonCode() == CancellationReason.ITEM_NOT_FOUND) {
                    plan.offer(Message.apology(orderId), trigger);
                }
                plan.flushParked();
            }
            case ItemMissing ignored -> {
                if (state.hasSent(ORDER_CONFIRMATION)) {
                    plan.offer(Message.apology(orderId), trigger);
                } else if (!state.itemMissing()) {
                    plan.add(new ItemMissingNoted(orderId, trigger));
                }
            }
            case Refunded refunded -> plan.offer(Message.refund(orderId, refunded.event().getAmount()), trigger);
            case Answered ignored -> throw new IllegalStateException("answers are settled above");
        }
        if (!plan.state.hasSeen(input.eventId())) {
            plan.add(new Skipped(orderId, trigger, plan.reasons.isEmpty()
                    ? "nothing to send" : String.join("; ", plan.reasons)));
        }
        return List.copyOf(plan.facts);
    }

    /** The mailer's answer to the pending attempt: published, retried later, or given up. */
    private List<NotificationFact> settle(Answered answer, OrderNotifications state) {
        Delivery pending = state.pending().get(answer.template());
        if (pending == null || pending.attempt() != answer.attempt()) {
            return List.of(); // a repeated or stale answer: that attempt is no longer the pending one
        }
        return switch (answer.outcome()) {
            case SendOutcome.Accepted ignored -> List.of(sent(pending, answer.observedAt()));
            case SendOutcome.Failed failed -> retryPolicy.mayRetryAfter(pending.attempt())
                    ? List.of(new Queued(pending.retryAt(
                            retryPolicy.nextAttemptAt(pending.attempt(), answer.observedAt()))))
                    : List.of(new GaveUp(pending.orderId(), pending.template(), pending.attempt(),
                            failed.reason()));
        };
    }

    /**
     * Why {@code template} must not be sent for an order in {@code state}, or null if it may be.
     * This is the whole policy: one message per template, nothing but the refund and the apology
     * after a cancellation, no confirmation once the order is known to fail.
     */
    static String whyNot(NotificationTemplate template, OrderNotifications state) {
        if (state.hasSent(template)) {
            return template + " already sent";
        }
        boolean cancelled = state.hasSent(ORDER_CANCELLED);
        return switch (template) {
            case ORDER_CONFIRMATION -> cancelled ? "the cancellation was already sent"
                    : state.itemMissing() ? "an item is missing, so the order will be cancelled" : null;
            case ORDER_DISPATCHED -> cancelled ? "the cancellation was already sent" : null;
            case ORDER_DELAYED -> state.hasSent(ORDER_DISPATCHED) || state.parked().containsKey(ORDER_DISPATCHED)
                    ? "the order is already on its way"
                    : cancelled ? "the cancellation was already sent" : null;
            case ORDER_PROBLEM_APOLOGY -> state.hasSent(ORDER_CONFIRMATION) ? null
                    : "no confirmation was sent, so there is nothing to apologise for";
            case ORDER_CANCELLED, REFUND_ISSUED -> null;
            case UNKNOWN -> "notifications never sends UNKNOWN";
        };
    }

    /** The facts of one decision, applied as they are added, so each rule sees the ones before it. */
    private final class Plan {
        private final List<NotificationFact> facts = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();
        private final String orderId;
        /** When the input was decided: every message it queues is due from then, in template order. */
        private final Instant due;
        private OrderNotifications state;

        Plan(String orderId, OrderNotifications state, Instant due) {
            this.orderId = orderId;
            this.state = state;
            this.due = due;
        }

        void add(NotificationFact fact) {
            facts.add(fact);
            state = evolve(state, fact);
        }

        /** Sends {@code message} to the order's recipient, or parks it if there is none yet. */
        void offer(Message message, Trigger trigger) {
            String why = whyNot(message.template(), state);
            if (why != null) {
                reasons.add(why);
            } else if (state.recipient() != null) {
                add(queued(orderId, state.recipient(), message, trigger, due));
            } else if (state.parked().containsKey(message.template())) {
                reasons.add(message.template() + " is already waiting for the recipient");
            } else {
                add(new Parked(orderId, message, trigger));
            }
        }

        /** Sends {@code message} to {@code recipient}, whatever the order's recipient is. */
        void offerTo(Recipient recipient, Message message, Trigger trigger) {
            String why = whyNot(message.template(), state);
            if (why != null) {
                reasons.add(why);
            } else {
                add(queued(orderId, recipient, message, trigger, due));
            }
        }

        /** Now that the recipient is known: sends each parked message that is still apt, drops the rest. */
        void flushParked() {
            if (state.recipient() == null) {
                return;
            }
            List<Parked> waiting = state.parked().values().stream()
                    .sorted(Comparator.comparing(p -> p.message().template()))
                    .toList();
            for (Parked parked : waiting) {
                NotificationTemplate template = parked.message().template();
                String why = whyNot(template, state.unparking(template));
                add(why == null
                        ? queued(orderId, state.recipient(), parked.message(), parked.trigger(), due)
                        : new ParkedDropped(orderId, template, why));
            }
        }
    }

    private static Queued queued(String orderId, Recipient recipient, Message message, Trigger trigger,
            Instant due) {
        return new Queued(Delivery.first(orderId, recipient, message, trigger, due));
    }

    /**
     * The public fact for a delivery the mailer took at {@code takenAt}; its id is the same whichever
     * attempt it was.
     */
    private static Sent sent(Delivery delivery, Instant takenAt) {
        NotificationTemplate template = delivery.template();
        EventMetadata metadata = delivery.trigger().notificationMetadata(template, takenAt);
        NotificationSent event = NotificationSent.newBuilder()
                .setMetadata(metadata)
                .setOrderId(delivery.orderId())
                .setCustomerId(delivery.recipient().customerId())
                .setChannel(NotificationChannel.EMAIL)
                .setRecipient(delivery.recipient().email())
                .setTemplate(template)
                .setSubject(delivery.message().subject())
                .setTriggeredByEventType(delivery.trigger().eventType())
                .build();
        return new Sent(event, delivery.email());
    }

    @Override
    public OrderNotifications evolve(OrderNotifications state, NotificationFact fact) {
        OrderNotifications current = state.withOrderId(fact.orderId());
        return switch (fact) {
            case Queued queued -> {
                Delivery delivery = queued.delivery();
                NotificationTemplate template = delivery.template();
                if (delivery.attempt() == 1) {
                    if (current.hasSent(template)) {
                        throw illegal(current, fact, template + " was already sent");
                    }
                    yield current.sending(template).handingOver(delivery).seeing(delivery.trigger().eventId());
                }
                Delivery previous = current.pending().get(template);
                if (previous == null || previous.attempt() != delivery.attempt() - 1) {
                    throw illegal(current, fact, "attempt " + delivery.attempt() + " does not follow the pending one");
                }
                yield current.handingOver(delivery);
            }
            case Sent sent -> {
                if (!current.pending().containsKey(sent.template())) {
                    throw illegal(current, fact, sent.template() + " is not being delivered");
                }
                yield current.delivered(sent.template());
            }
            case GaveUp gaveUp -> {
                if (!current.pending().containsKey(gaveUp.template())) {
                    throw illegal(current, fact, gaveUp.template() + " is not being delivered");
                }
                yield current.givenUp(gaveUp.template(), gaveUp.reason());
            }
            case RecipientKnown known -> current.withRecipient(known.recipient()).seeing(known.trigger().eventId());
            case Parked parked -> current.parking(parked).seeing(parked.trigger().eventId());
            case ParkedDropped dropped -> current.unparking(dropped.template());
            case ItemMissingNoted noted -> current.withItemMissing().seeing(noted.trigger().eventId());
            case Skipped skipped -> current.seeing(skipped.trigger().eventId());
        };
    }

    /** A fact decide could not have produced for this state: the fact log is corrupt or out of order. */
    private static IllegalStateException illegal(OrderNotifications state, NotificationFact fact, String why) {
        return new IllegalStateException(fact.getClass().getSimpleName() + " cannot apply to order "
                + state.orderId() + ": " + why);
    }
}
