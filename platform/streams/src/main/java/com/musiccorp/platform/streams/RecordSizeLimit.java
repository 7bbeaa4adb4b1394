package com.musiccorp.platform.streams;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The largest value a context writes to any topic or store changelog: below the broker's and the
 * producer's 1 MiB record limit with room for the key, headers and batch framing. Checked when a
 * value is serialized, so an oversized state or event is refused while its step can still be
 * dead-lettered whole, instead of failing the transaction when the broker refuses it.
 */
public final class RecordSizeLimit {
    public static final int MAX_VALUE_BYTES = 1_000_000;

    private RecordSizeLimit() {
    }

    /** Returns {@code bytes}, or throws when they are over the limit. */
    public static byte[] checked(String topic, byte[] bytes) {
        if (bytes != null && bytes.length > MAX_VALUE_BYTES) {
            throw new ValueTooLargeException(topic, bytes.length);
        }
        return bytes;
    }

    /** A value over {@link #MAX_VALUE_BYTES}: nothing was written for it. */
    public static final class ValueTooLargeException extends SerializationException {
        ValueTooLargeException(String topic, int size) {
            super("a value of " + size + " bytes for " + topic + " is over the limit of " + MAX_VALUE_BYTES
                    + " bytes; nothing was written for its input");
        }
    }
}
