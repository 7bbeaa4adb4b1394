package com.musiccorp.sagastatus.domain;

import java.util.List;

/** What a saga waits for: one of {@code eventTypes}, owed by {@code context}. */
public record Awaited(String context, List<String> eventTypes) {

    public Awaited {
        eventTypes = List.copyOf(eventTypes);
    }

    static Awaited of(String context, String... eventTypes) {
        return new Awaited(context, List.of(eventTypes));
    }
}
