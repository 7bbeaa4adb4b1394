package com.musiccorp.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.notifications.domain.Email;
import com.musiccorp.notifications.domain.Mailer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

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
}
