package com.musiccorp.platform.personaldata;

/** A personal field as a reader gets it back. */
public sealed interface Opened {

    /** The text: opened with its key, or a field that was never sealed. */
    record Plain(String value) implements Opened {
    }

    /** The customer's personal data was erased. */
    record Erased() implements Opened {
    }

    /** Its key is not known here (yet): neither shown nor declared erased. */
    record Unavailable(String reason) implements Opened {
    }

    /** The text, or {@code otherwise} when it cannot be shown. */
    default String orElse(String otherwise) {
        return this instanceof Plain plain ? plain.value() : otherwise;
    }
}
