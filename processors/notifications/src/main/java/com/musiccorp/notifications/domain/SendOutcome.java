package com.musiccorp.notifications.domain;

import java.util.Objects;

/** What the mailer said to one hand-over of a {@link Delivery}. */
public sealed interface SendOutcome {

    /** The mailer took the message (or had already taken that message id). */
    record Accepted() implements SendOutcome {
    }

    /** The mailer could not take it now ({@link Mailer.MailerException}); it is retried with back-off. */
    record Failed(String reason) implements SendOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
