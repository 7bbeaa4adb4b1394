package com.musiccorp.notifications.mail;

import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.notifications.domain.Email;
import com.musiccorp.notifications.domain.Mailer;
import com.musiccorp.platform.personaldata.KeyRing;
import com.musiccorp.platform.personaldata.PersonalData;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedRecipientMailerTest {

    private final KeyRing keys = new KeyRing(Clock.systemUTC());
    private final PersonalData personalData = new PersonalData(keys);
    private final List<Email> taken = new ArrayList<>();
    private final Mailer provider = taken::add;
    private final String name = personalData.seal("cust-1", "Ada");
    private final Email sealed = new Email(UUID.randomUUID(), "o-1", NotificationTemplate.ORDER_CONFIRMATION,
            personalData.seal("cust-1", "ada@example.com"), name, "Your order o-1", "Dear " + name + ", thank you.");

    @Test
    void theProviderGetsTheRecipientOpenedAlsoInTheText() {
        new SealedRecipientMailer(provider, personalData).send(sealed);

        assertThat(taken).singleElement().satisfies(e -> {
            assertThat(e.toAddress()).isEqualTo("ada@example.com");
            assertThat(e.toName()).isEqualTo("Ada");
            assertThat(e.body()).isEqualTo("Dear Ada, thank you.");
            assertThat(e.messageId()).isEqualTo(sealed.messageId());
        });
    }

    @Test
    void anErasedCustomerGetsNoMessage() {
        keys.erase("cust-1");
        assertThatThrownBy(() -> new SealedRecipientMailer(provider, personalData).send(sealed))
                .isInstanceOf(Mailer.MailerException.class).hasMessageContaining("erased");
        assertThat(taken).isEmpty();
    }
}
