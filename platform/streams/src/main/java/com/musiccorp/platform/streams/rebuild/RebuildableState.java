package com.musiccorp.platform.streams.rebuild;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a context tells {@link StateRebuilds} about its state: how to fold it from the event topics
 * without emitting anything, how to digest it, and how to show one key of it.
 */
public interface RebuildableState {

    /**
     * A topology that folds {@link #inputTopics()} from the beginning into the context's stores and
     * writes to no event topic: its only outputs are its own changelog and repartition topics.
     *
     * @param asOf when present, records with a later timestamp (event time) are skipped
     */
    Topology foldTopology(Properties streamsProperties, Optional<Instant> asOf);

    /** The event topics the fold reads; remaining lag is measured on these. */
    List<String> inputTopics();

    /** Adds the state {@code streams} holds locally to {@code digest}, wall-clock fields left out; returns it. */
    StateDigest digest(KafkaStreams streams, StateDigest digest);

    /** One key's view as the context's API shows it, read from {@code streams}' stores. */
    Optional<Object> view(KafkaStreams streams, String key);

    /**
     * Whether the fold topology IS the live topology, so a caught-up rebuild can simply take over
     * (a projection). A processor's live topology decides and emits; its rebuild only verifies.
     */
    boolean foldIsLive();
}
