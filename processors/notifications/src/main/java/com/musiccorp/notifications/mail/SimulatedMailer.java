package com.musiccorp.notifications.mail;

import com.musiccorp.notifications.domain.Email;
import com.musiccorp.notifications.domain.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated mail provider: "sends" an e-mail by appending it to the provider's mailbox file (one
 * line per message: id, order, template, address, subject) and logging its id, order and template
 * at INFO. Who it went to is the provider's record, not the context's log: the log and the failures
 * name no recipient (the subject may carry the customer's name, so it is not logged either). Its
 * failures are driven by the recipient's address, deterministically, like the payment gateway's
 * tokens:
 * <ul>
 *   <li>{@code bounce@...}: every hand-over fails ({@link Mailer.MailerException});</li>
 *   <li>{@code bounce-transient-N@...}: the first N hand-overs of each message id fail, then it is taken;</li>
 *   <li>any other address: taken.</li>
 * </ul>
 *
 * <p>It is idempotent by {@link Email#messageId()} <b>on the provider's side</b>, the way the payment
 * gateway is by idempotency key: the mailbox is the provider's record of what it took, not the
 * context's, and every hand-over checks it and records in it atomically, under a lock on the file
 * (and a lock per file within this JVM), after reading what any other mailer on the same mailbox
 * appended meanwhile. So a message handed over again is not sent again by a new process after a
 * crash, by a second instance, or after the context's state directory was wiped. A torn last line
 * (the provider died mid-write) does not stop a mailer from starting: a line whose message id can be
 * read counts as taken, one whose id cannot is skipped, and the next record starts on a new line.
 * Without a mailbox (tests) the taken ids are kept in memory. Hand-over counts for the bounce rules
 * are kept in memory.
 */
public final class SimulatedMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(SimulatedMailer.class);
    private static final Pattern TRANSIENT = Pattern.compile("^bounce-transient-(\\d{1,4})@.+$");
    private static final int ID_LENGTH = 36;
    /** A file lock is held per JVM, not per channel: mailers of one JVM on one file take turns here first. */
    private static final ConcurrentMap<Path, Object> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path mailbox;
    private final Object mailboxTurn;
    private final Set<UUID> sent = new HashSet<>();
    private final Map<UUID, Integer> handOvers = new HashMap<>();
    /** How far this mailer has read the mailbox: what other mailers appended since is read before each hand-over. */
    private long readUpTo;

    /** Taken ids kept in memory only. */
    public SimulatedMailer() {
        this.mailbox = null;
        this.mailboxTurn = new Object();
    }

    /** Records every message it takes in {@code mailbox}, shared with any other mailer on that file. */
    public SimulatedMailer(Path mailbox) {
        this.mailbox = mailbox.toAbsolutePath().normalize();
        this.mailboxTurn = IN_THIS_JVM.computeIfAbsent(this.mailbox, path -> new Object());
        try {
            if (this.mailbox.getParent() != null) {
                Files.createDirectories(this.mailbox.getParent());
            }
            synchronized (mailboxTurn) {
                try (FileChannel channel = open(); FileLock ignored = channel.lock()) {
                    catchUp(channel);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mailbox " + mailbox, e);
        }
    }

    @Override
    public synchronized void send(Email email) {
        if (mailbox == null) {
            if (!sent.contains(email.messageId())) {
                take(email);
                sent.add(email.messageId());
            }
            return;
        }
        synchronized (mailboxTurn) {
            try (FileChannel channel = open(); FileLock ignored = channel.lock()) {
                catchUp(channel);
                if (sent.contains(email.messageId())) {
                    log.debug("Message {} was already sent; not sending it again", email.messageId());
                    return;
                }
                take(email);
                append(channel, email);
                sent.add(email.messageId());
            } catch (IOException e) {
                throw new MailerException("cannot use the mailbox " + mailbox, e);
            }
        }
    }

    /** Applies the address rules: throws for a bounce, else the message is taken. */
    private void take(Email email) {
        int handOver = handOvers.merge(email.messageId(), 1, Integer::sum);
        String address = email.toAddress().toLowerCase(Locale.ROOT);
        if (address.startsWith("bounce@")) {
            throw new MailerException("simulated bounce: the recipient of message " + email.messageId()
                    + " never takes a message");
        }
        Matcher transientRule = TRANSIENT.matcher(address);
        if (transientRule.matches() && handOver <= Integer.parseInt(transientRule.group(1))) {
            throw new MailerException("simulated transient failure " + handOver + " of "
                    + transientRule.group(1) + " for the recipient of message " + email.messageId());
        }
        log.info("E-mail {} handed to the provider (order {}, {})", email.messageId(), email.orderId(), email.template());
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(mailbox, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** Reads the lines appended since this mailer last looked (by itself or by any other mailer). */
    private void catchUp(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size <= readUpTo) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - readUpTo, Integer.MAX_VALUE - 8));
        channel.read(buffer, readUpTo);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i < buffer.position(); i++) {
            byte b = buffer.get(i);
            if (b == '\n') {
                record(line);
                line.reset();
            } else {
                line.write(b);
            }
        }
        record(line); // a last line without its newline: torn by a crash mid-write
        readUpTo = readUpTo + buffer.position();
    }

    private void record(ByteArrayOutputStream bytes) {
        if (bytes.size() == 0) {
            return;
        }
        String line = bytes.toString(StandardCharsets.UTF_8);
        if (line.length() > ID_LENGTH && line.charAt(ID_LENGTH) == '\t') {
            try {
                sent.add(UUID.fromString(line.substring(0, ID_LENGTH)));
                return;
            } catch (IllegalArgumentException e) {
                // fall through: not a record
            }
        }
        log.warn("Mailbox {}: skipping a line that is not a record (torn by a crash?): {}", mailbox, line);
    }

    private void append(FileChannel channel, Email email) throws IOException {
        String line = String.join("\t", List.of(email.messageId().toString(), email.orderId(),
                email.template().toString(), email.toAddress(), email.subject().replace('\t', ' ')
                        .replace('\n', ' '))) + "\n";
        long end = channel.size();
        if (end > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, end - 1);
            if (last.get(0) != '\n') {
                line = "\n" + line; // a torn line before: this record starts on a line of its own
            }
        }
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes, end + bytes.position());
        }
        channel.force(true);
        readUpTo = channel.size();
    }

    /** How many distinct messages were taken (by any mailer on this mailbox, as far as this one has read). */
    public synchronized int sentCount() {
        return sent.size();
    }

    public synchronized boolean hasSent(UUID messageId) {
        return sent.contains(messageId);
    }

    /** How often the message was handed over to this mailer, taken or not (since it was created). */
    public synchronized int handOvers(UUID messageId) {
        return handOvers.getOrDefault(messageId, 0);
    }
}
