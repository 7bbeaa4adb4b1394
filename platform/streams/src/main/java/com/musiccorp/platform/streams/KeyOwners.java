package com.musiccorp.platform.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.util.Optional;

/**
 * Which instance of a context answers for a key: Kafka Streams' own metadata for the store's
 * partition of that key ({@code queryMetadataForKey}), compared with this instance's
 * {@code application.server}. Stores are keyed by strings partitioned with the default partitioner,
 * so the metadata names the same partition the records went to.
 */
public final class KeyOwners {

    /** Where the answer for a key is. */
    public sealed interface Owner {
        /** This instance holds the key's active store partition. */
        record Here() implements Owner {
        }

        /** Another instance does; ask it at host:port. */
        record Elsewhere(String host, int port) implements Owner {
        }

        /** Nobody can say right now (starting, rebalancing, a partition migrating): come back shortly. */
        record Unknown(String reason) implements Owner {
        }
    }

    private final StreamsRuntime runtime;
    private final Optional<HostInfo> self;
    /** Whether this is the group's only instance, as of an assignment generation. */
    private volatile Alone alone = new Alone(Long.MIN_VALUE, false);

    private record Alone(long generation, boolean value) {
    }

    /** @param applicationServer this instance's {@code host:port}; empty when it runs alone */
    public KeyOwners(StreamsRuntime runtime, Optional<String> applicationServer) {
        this.runtime = runtime;
        this.self = applicationServer.map(HostInfo::buildFromEndpoint);
    }

    /** This instance's {@code host:port}, as other instances and the metadata name it. */
    public Optional<String> self() {
        return self.map(h -> h.host() + ":" + h.port());
    }

    public Owner ownerOf(String store, String key) {
        if (self.isEmpty()) {
            return new Owner.Here(); // one instance, no application.server: every key is answered here
        }
        KafkaStreams.State state = runtime.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return new Owner.Unknown(runtime.state() + ": not serving queries");
        }
        if (state == KafkaStreams.State.RUNNING && alone()) {
            return new Owner.Here(); // the only instance of the group: no metadata lookup per key
        }
        KeyQueryMetadata metadata;
        try {
            metadata = runtime.streams().queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (RuntimeException e) { // e.g. StreamsNotStartedException while rebalancing
            return new Owner.Unknown("the owner of " + store + " key " + key + " is not known yet: " + e.getMessage());
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return new Owner.Unknown("no instance holds the partition of " + store + " key " + key + " right now");
        }
        HostInfo active = metadata.activeHost();
        return active.equals(self.get()) ? new Owner.Here() : new Owner.Elsewhere(active.host(), active.port());
    }

    /**
     * Whether this instance is the only one of its group, so every partition is here: read from the
     * metadata once per assignment. Should a partition move meanwhile, the local read fails and the
     * caller answers 503 + Retry-After, as for any partition in motion.
     */
    private boolean alone() {
        long generation = runtime.assignmentGeneration();
        Alone known = alone;
        if (known.generation() != generation) {
            boolean value;
            try {
                var clients = runtime.streams().metadataForAllStreamsClients();
                value = clients.size() == 1 && clients.iterator().next().hostInfo().equals(self.get());
            } catch (RuntimeException e) {
                value = false;
            }
            known = new Alone(generation, value);
            alone = known;
        }
        return known.value();
    }
}
