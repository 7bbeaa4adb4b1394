package com.musiccorp.platform.registry;

import java.util.Locale;
import java.util.Optional;

/** Confluent's subject modes that this registry serves: READONLY refuses writes. */
enum RegistryMode {
    READWRITE, READONLY;

    static Optional<RegistryMode> parse(String name) {
        if (name == null) return Optional.empty();
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
