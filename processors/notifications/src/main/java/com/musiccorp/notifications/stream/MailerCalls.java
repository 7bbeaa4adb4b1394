package com.musiccorp.notifications.stream;

import com.musiccorp.notifications.domain.Delivery;
import com.musiccorp.notifications.domain.Mailer;
import com.musiccorp.notifications.domain.NotificationInput;
import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.notifications.domain.SendOutcome;
import com.musiccorp.platform.streams.step.OutsideCalls;
import com.musiccorp.platform.streams.step.PendingCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The notification step's hand-overs to the {@link Mailer}: each delivery an order's state has
 * pending is handed over once due, the confirmation before later templates, and the answer is
 * decided through the same step as {@link NotificationInput.Answered} (taken gives the
 * NotificationSent, a failure the next attempt with back-off, the last failure gives the message up).
 *
 * <p>Only a delivery the step has recorded is ever handed over, always under its message id. The
 * mailer is outside the EOS transaction: a crash after a hand-over loses its answer, the delivery is
 * still pending after the restore and is handed over again with the same message id, which the
 * mailer recognises instead of sending twice. A hand-over before its intent commits is safe for the
 * same reason: after a crash the input is decided again with the same id.
 */
final class MailerCalls implements OutsideCalls<NotificationInput, OrderNotifications, Delivery> {

    private static final Logger log = LoggerFactory.getLogger(MailerCalls.class);

    private final Mailer mailer;
    private final Clock clock;

    MailerCalls(Mailer mailer, Clock clock) {
        this.mailer = mailer;
        this.clock = clock;
    }

    @Override
    public String system() {
        return "mailer";
    }

    @Override
    public String outcomeOf(NotificationInput answer) {
        return answer instanceof NotificationInput.Answered a ? OutsideCalls.kind(a.outcome()) : "answered";
    }

    @Override
    public String correlationIdOf(Delivery delivery) {
        return delivery.trigger().correlationId();
    }

    @Override
    public List<PendingCall<Delivery>> pending(OrderNotifications state) {
        return state.pending().values().stream()
                .sorted(Comparator.comparing(Delivery::notBefore).thenComparing(Delivery::template))
                .map(delivery -> new PendingCall<>(delivery.messageId() + "#" + delivery.attempt(),
                        delivery.notBefore(), delivery))
                .toList();
    }

    @Override
    public Optional<NotificationInput> call(String orderId, Delivery delivery) {
        return Optional.of(NotificationInput.Answered.to(delivery, handOver(delivery), Instant.now(clock)));
    }

    private SendOutcome handOver(Delivery delivery) {
        try {
            mailer.send(delivery.email());
            return new SendOutcome.Accepted();
        } catch (Mailer.MailerException e) {
            log.warn("Order {}: {} attempt {} to {} failed: {}", delivery.orderId(), delivery.template(),
                    delivery.attempt(), delivery.recipient().email(), e.getMessage());
            return new SendOutcome.Failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
