package com.musiccorp.platform.personaldata;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A personal field as events and stores carry it: {@code pii:1:<keyId>:<ciphertext, base64url>}.
 * The key id names the customer key that opens it, so any reader can tell which key it needs and
 * whether that key was destroyed, without a schema field of its own.
 */
public record SealedValue(String keyId, byte[] ciphertext) {

    private static final String PREFIX = "pii:1:";

    public SealedValue {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (keyId.isEmpty() || keyId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a key id is not empty and has no ':' : " + keyId);
        }
    }

    /** Whether {@code value} is a sealed field (anything else is plain text, e.g. an event from before sealing). */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** @throws IllegalArgumentException {@code value} is not a well-formed sealed field */
    public static SealedValue parse(String value) {
        if (!isSealed(value)) {
            throw new IllegalArgumentException("not a sealed field");
        }
        int colon = value.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new IllegalArgumentException("a sealed field names its key: pii:1:<keyId>:<ciphertext>");
        }
        return new SealedValue(value.substring(PREFIX.length(), colon),
                Base64.getUrlDecoder().decode(value.substring(colon + 1)));
    }

    /** The text written into the event. */
    public String text() {
        return PREFIX + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedValue other && keyId.equals(other.keyId) && Arrays.equals(ciphertext, other.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return text();
    }
}
