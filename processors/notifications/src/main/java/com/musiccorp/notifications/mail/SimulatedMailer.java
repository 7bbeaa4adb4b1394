package com.musiccorp.notifications.mail;

import com.musiccorp.notifications.domain.Email;
import com.musiccorp.notifications.domain.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulated mailer: "sends" an e-mail by logging its recipient and subject at INFO. It is
 * idempotent by {@link Email#messageId()}: the ids it has sent are kept in memory, and a repeated id
 * is acknowledged without being sent again. The memory does not survive a restart of the process,
 * so a message re-sent after a crash is logged again (at-least-once to the outside).
 */
public final class SimulatedMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(SimulatedMailer.class);

    private final Set<UUID> sent = ConcurrentHashMap.newKeySet();

    @Override
    public void send(Email email) {
        if (!sent.add(email.messageId())) {
            log.debug("Message {} was already sent; not sending it again", email.messageId());
            return;
        }
        log.info("E-mail {} to {} <{}>: \"{}\" (order {}, {})", email.messageId(), email.toName(),
                email.toAddress(), email.subject(), email.orderId(), email.template());
    }

    /** How many distinct messages were sent. */
    public int sentCount() {
        return sent.size();
    }

    public boolean hasSent(UUID messageId) {
        return sent.contains(messageId);
    }
}
