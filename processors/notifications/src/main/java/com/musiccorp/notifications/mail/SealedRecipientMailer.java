package com.musiccorp.notifications.mail;

import com.musiccorp.notifications.domain.Email;
import com.musiccorp.notifications.domain.Mailer;
import com.musiccorp.platform.personaldata.Opened;
import com.musiccorp.platform.personaldata.PersonalData;

/**
 * Hands the mail provider what it needs to deliver: the recipient's address and name travel sealed
 * under the customer's key (as every event and the context's store hold them) and are opened only
 * here, for the hand-over, also where the name was written into the subject or the text. A customer
 * erased before the message went out gets none (the hand-over fails, and after its retries the message
 * is given up); a key not here yet fails this hand-over only, and the next one finds it.
 */
public final class SealedRecipientMailer implements Mailer {

    private final Mailer mailer;
    private final PersonalData personalData;

    public SealedRecipientMailer(Mailer mailer, PersonalData personalData) {
        this.mailer = mailer;
        this.personalData = personalData;
    }

    @Override
    public void send(Email email) {
        String address = opened(email.toAddress());
        String name = opened(email.toName());
        mailer.send(new Email(email.messageId(), email.orderId(), email.template(), address, name,
                email.subject().replace(email.toName(), name), email.body().replace(email.toName(), name)));
    }

    private String opened(String field) {
        return switch (personalData.open(field)) {
            case Opened.Plain plain -> plain.value();
            case Opened.Erased erased -> throw new MailerException("the customer's personal data was erased: no address to write to");
            case Opened.Unavailable unavailable -> throw new MailerException("the recipient cannot be opened yet: " + unavailable.reason());
        };
    }
}
