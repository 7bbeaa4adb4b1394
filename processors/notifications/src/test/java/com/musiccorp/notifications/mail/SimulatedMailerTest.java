package com.musiccorp.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.notifications.domain.Email;
import com.musiccorp.notifications.domain.Mailer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated mailer's address rules and its idempotence by message id, across a restart. */
class SimulatedMailerTest {

    static Email to(String address, String id) {
        return new Email(UUID.nameUUIDFromBytes(id.getBytes()), "order-1", NotificationTemplate.ORDER_CONFIRMATION,
                address, "Ada", "Thank you", "Dear Ada");
    }

    @Test
    void bounceAlwaysFails() {
        SimulatedMailer mailer = new SimulatedMailer();
        Email email = to("bounce@example.com", "1");

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> mailer.send(email)).isInstanceOf(Mailer.MailerException.class)
                    .hasMessageContaining("bounce");
        }
        assertThat(mailer.hasSent(email.messageId())).isFalse();
        assertThat(mailer.handOvers(email.messageId())).isEqualTo(5);
    }

    @Test
    void bounceTransientNFailsTheFirstNHandOversOfEachMessage() {
        SimulatedMailer mailer = new SimulatedMailer();
        Email first = to("bounce-transient-2@example.com", "1");
        Email second = to("bounce-transient-2@example.com", "2");

        assertThatThrownBy(() -> mailer.send(first)).isInstanceOf(Mailer.MailerException.class);
        assertThatThrownBy(() -> mailer.send(first)).isInstanceOf(Mailer.MailerException.class);
        mailer.send(first);
        assertThatThrownBy(() -> mailer.send(second)).isInstanceOf(Mailer.MailerException.class);

        assertThat(mailer.hasSent(first.messageId())).isTrue();
        assertThat(mailer.hasSent(second.messageId())).isFalse();
        assertThat(mailer.handOvers(first.messageId())).isEqualTo(3);
    }

    @Test
    void aMessageIdIsSentOnceEvenByANewMailerOnTheSameMailbox(@TempDir Path dir) throws Exception {
        Path mailbox = dir.resolve("mail/mailbox.log");
        Email email = to("ada@example.com", "1");
        SimulatedMailer before = new SimulatedMailer(mailbox);
        before.send(email);
        before.send(email);

        SimulatedMailer afterRestart = new SimulatedMailer(mailbox);
        afterRestart.send(email);
        afterRestart.send(to("ada@example.com", "2"));

        assertThat(Files.readAllLines(mailbox)).hasSize(2)
                .first().asString().startsWith(email.messageId() + "\torder-1\tORDER_CONFIRMATION\tada@example.com\t");
        assertThat(afterRestart.hasSent(email.messageId())).isTrue();
        assertThat(afterRestart.sentCount()).isEqualTo(2);
    }

    @Test
    void aSecondMailerOnTheSameMailboxDoesNotSendWhatTheFirstTookMeanwhile(@TempDir Path dir) throws Exception {
        // two instances (or a new one after the context's state directory was wiped), one provider
        Path mailbox = dir.resolve("mail-provider/mailbox.log");
        SimulatedMailer first = new SimulatedMailer(mailbox);
        SimulatedMailer second = new SimulatedMailer(mailbox);
        Email email = to("ada@example.com", "1");

        first.send(email);
        second.send(email);
        first.send(email);

        assertThat(Files.readAllLines(mailbox)).hasSize(1);
        assertThat(second.hasSent(email.messageId())).isTrue();
        assertThat(second.handOvers(email.messageId())).as("recognised before its rules ran").isZero();
    }

    @Test
    void manyMailersHandingOverTheSameMessagesAtOnceSendEachOnce(@TempDir Path dir) throws Exception {
        Path mailbox = dir.resolve("mailbox.log");
        List<SimulatedMailer> mailers = List.of(new SimulatedMailer(mailbox), new SimulatedMailer(mailbox),
                new SimulatedMailer(mailbox));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int message = 0; message < 20; message++) {
                Email email = to("ada@example.com", "m-" + message);
                for (SimulatedMailer mailer : mailers) {
                    threads.submit(() -> mailer.send(email));
                }
            }
        }

        assertThat(Files.readAllLines(mailbox)).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void aTornLastLineDoesNotStopTheMailerAndTheNextRecordStartsOnItsOwnLine(@TempDir Path dir) throws Exception {
        Path mailbox = dir.resolve("mailbox.log");
        Email taken = to("ada@example.com", "1");
        new SimulatedMailer(mailbox).send(taken);
        Files.writeString(mailbox, "3f1c9a", StandardOpenOption.APPEND); // the provider died mid-write

        SimulatedMailer afterCrash = new SimulatedMailer(mailbox);
        afterCrash.send(taken);
        Email next = to("ada@example.com", "2");
        afterCrash.send(next);

        assertThat(Files.readAllLines(mailbox)).hasSize(3)
                .satisfies(lines -> assertThat(lines.get(1)).isEqualTo("3f1c9a"))
                .satisfies(lines -> assertThat(lines.get(2)).startsWith(next.messageId() + "\t"));
        assertThat(new SimulatedMailer(mailbox).sentCount()).isEqualTo(2);
    }
}
