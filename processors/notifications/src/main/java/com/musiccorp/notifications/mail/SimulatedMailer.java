package com.musiccorp.notifications.mail;

import com.musiccorp.notifications.domain.Email;
import com.musiccorp.notifications.domain.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated mailer: "sends" an e-mail by logging it at INFO and appending it to a mailbox file
 * (one line per message: id, order, template, address, subject). Its failures are driven by the
 * recipient's address, deterministically, like the payment gateway's tokens:
 * <ul>
 *   <li>{@code bounce@...}: every hand-over fails ({@link Mailer.MailerException});</li>
 *   <li>{@code bounce-transient-N@...}: the first N hand-overs of each message id fail, then it is taken;</li>
 *   <li>any other address: taken.</li>
 * </ul>
 * It is idempotent by {@link Email#messageId()}: a message id it has taken is acknowledged and not
 * sent again. With a mailbox file the taken ids survive a restart of the process (they are read
 * back at start), so a message handed over again after a crash is still sent once; without one
 * (tests) they are kept in memory. Hand-over counts for the bounce rules are kept in memory.
 */
public final class SimulatedMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(SimulatedMailer.class);
    private static final Pattern TRANSIENT = Pattern.compile("^bounce-transient-(\\d{1,4})@.+$");

    private final Path mailbox;
    private final Set<UUID> sent = new HashSet<>();
    private final Map<UUID, Integer> handOvers = new HashMap<>();

    /** Taken ids kept in memory only. */
    public SimulatedMailer() {
        this.mailbox = null;
    }

    /** Appends every message it takes to {@code mailbox}, and reads back the ids already there. */
    public SimulatedMailer(Path mailbox) {
        this.mailbox = mailbox;
        try {
            if (Files.exists(mailbox)) {
                for (String line : Files.readAllLines(mailbox, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        sent.add(UUID.fromString(line.substring(0, line.indexOf('\t'))));
                    }
                }
            } else if (mailbox.getParent() != null) {
                Files.createDirectories(mailbox.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mailbox " + mailbox, e);
        }
    }

    @Override
    public synchronized void send(Email email) {
        if (sent.contains(email.messageId())) {
            log.debug("Message {} was already sent; not sending it again", email.messageId());
            return;
        }
        int handOver = handOvers.merge(email.messageId(), 1, Integer::sum);
        String address = email.toAddress().toLowerCase(Locale.ROOT);
        if (address.startsWith("bounce@")) {
            throw new MailerException("simulated bounce: " + email.toAddress() + " never takes a message");
        }
        Matcher transientRule = TRANSIENT.matcher(address);
        if (transientRule.matches() && handOver <= Integer.parseInt(transientRule.group(1))) {
            throw new MailerException("simulated transient failure " + handOver + " of "
                    + transientRule.group(1) + " for " + email.toAddress());
        }
        append(email);
        sent.add(email.messageId());
        log.info("E-mail {} to {} <{}>: \"{}\" (order {}, {})", email.messageId(), email.toName(),
                email.toAddress(), email.subject(), email.orderId(), email.template());
    }

    private void append(Email email) {
        if (mailbox == null) {
            return;
        }
        String line = String.join("\t", List.of(email.messageId().toString(), email.orderId(),
                email.template().toString(), email.toAddress(), email.subject().replace('\t', ' '))) + "\n";
        try {
            Files.writeString(mailbox, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new MailerException("cannot write to the mailbox " + mailbox, e);
        }
    }

    /** How many distinct messages were taken. */
    public synchronized int sentCount() {
        return sent.size();
    }

    public synchronized boolean hasSent(UUID messageId) {
        return sent.contains(messageId);
    }

    /** How often the message was handed over, taken or not (since this mailer was created). */
    public synchronized int handOvers(UUID messageId) {
        return handOvers.getOrDefault(messageId, 0);
    }
}
