package com.musiccorp.platform.personaldata;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Seals a customer's personal fields (name, e-mail, street lines) before they are written to any
 * event or store, and opens them for the few readers that need them (the mailer, the carrier, the
 * customer's own order view). Once the customer's keys are erased, every copy reads as
 * {@link Opened.Erased}, while the events themselves, and every fold of them, stay as they were.
 */
public final class PersonalData {

    /** How long a reader waits for a key made a moment ago elsewhere, before it reports it unavailable. */
    public static final Duration KEY_ARRIVAL = Duration.ofSeconds(5);

    private final CustomerKeys keys;

    public PersonalData(CustomerKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The field sealed under the customer's key; null stays null. */
    public String seal(String customerId, String plaintext) {
        return sealerFor(customerId).apply(plaintext);
    }

    /** Seals any number of one customer's fields, looking their key up (or making it) once; null stays null. */
    public UnaryOperator<String> sealerFor(String customerId) {
        CustomerKey key = keys.keyFor(customerId);
        return plaintext -> plaintext == null ? null : key.seal(plaintext).text();
    }

    /** A field as written: opened if sealed and its key lives, else erased or unavailable; plain text as is. */
    public Opened open(String value) {
        return open(value, KEY_ARRIVAL);
    }

    public Opened open(String value, Duration wait) {
        if (!SealedValue.isSealed(value)) {
            return new Opened.Plain(value);
        }
        SealedValue sealed;
        try {
            sealed = SealedValue.parse(value);
        } catch (IllegalArgumentException e) {
            return new Opened.Unavailable("not a readable sealed field: " + e.getMessage());
        }
        return switch (keys.find(sealed.keyId(), wait)) {
            case KeyState.Erased erased -> new Opened.Erased();
            case KeyState.Unknown unknown -> new Opened.Unavailable("key " + sealed.keyId() + " is not known");
            case KeyState.Live live -> {
                try {
                    yield new Opened.Plain(live.key().open(sealed));
                } catch (GeneralSecurityException | IllegalStateException e) {
                    yield new Opened.Unavailable("does not open under key " + sealed.keyId());
                }
            }
        };
    }
}
