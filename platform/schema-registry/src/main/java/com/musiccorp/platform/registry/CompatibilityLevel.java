package com.musiccorp.platform.registry;

import java.util.Locale;
import java.util.Optional;

/** Confluent's compatibility levels. Non-transitive levels check the latest version only. */
enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /** Confluent's default global level. */
    static final CompatibilityLevel DEFAULT = BACKWARD;

    static Optional<CompatibilityLevel> parse(String name) {
        if (name == null) return Optional.empty();
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static CompatibilityLevel parseOrThrow(String name) {
        return parse(name).orElseThrow(RegistryException::invalidCompatibilityLevel);
    }

    boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** New schema must read data written with the old ones. */
    boolean backward() {
        return this == BACKWARD || this == BACKWARD_TRANSITIVE || full();
    }

    /** Old schemas must read data written with the new one. */
    boolean forward() {
        return this == FORWARD || this == FORWARD_TRANSITIVE || full();
    }

    boolean full() {
        return this == FULL || this == FULL_TRANSITIVE;
    }
}
