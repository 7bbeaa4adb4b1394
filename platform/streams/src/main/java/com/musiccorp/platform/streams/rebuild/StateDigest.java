package com.musiccorp.platform.streams.rebuild;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.musiccorp.platform.streams.JsonSerde;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic digest of a context's state: SHA-256 over every (store, key, value) in store
 * then key order, each value as canonical JSON (object fields sorted). Two states have the same
 * digest exactly when they hold the same facts, whichever instance, partition layout, insertion
 * order or generation produced them, so "the rebuilt state equals the live one" is one comparison.
 *
 * <p>A context hands in each value through its own canonical form: wall-clock fields (when this
 * process happened to fold or check something) are left out, because no replay can reproduce them.
 */
public final class StateDigest {

    // The stores' own JSON mapper (time types, Avro metadata), with sorted fields and map keys.
    private static final ObjectMapper WRITER = JsonSerde.mapper().copy()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final Map<String, TreeMap<String, String>> stores = new TreeMap<>();

    /** Adds one entry; {@code canonicalValue} is written as JSON with sorted fields. */
    public StateDigest add(String store, String key, Object canonicalValue) {
        String json;
        try {
            json = WRITER.writeValueAsString(canonicalValue);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the value of " + store + "/" + key + " as JSON", e);
        }
        String previous = stores.computeIfAbsent(store, s -> new TreeMap<>()).put(key, json);
        if (previous != null && !previous.equals(json)) {
            throw new IllegalStateException(store + " holds key " + key + " twice with different values");
        }
        return this;
    }

    /** Names a store that is part of the digest even while it is empty. */
    public StateDigest store(String store) {
        stores.computeIfAbsent(store, s -> new TreeMap<>());
        return this;
    }

    /** The canonical JSON of {@code key} in each store that holds it: what the digest hashed, to find a difference. */
    public Map<String, String> entry(String key) {
        Map<String, String> found = new TreeMap<>();
        stores.forEach((store, entries) -> {
            String json = entries.get(key);
            if (json != null) found.put(store, json);
        });
        return found;
    }

    public Digest digest() {
        MessageDigest total = sha256();
        Map<String, StoreDigest> perStore = new TreeMap<>();
        for (var store : stores.entrySet()) {
            MessageDigest one = sha256();
            for (var entry : store.getValue().entrySet()) {
                byte[] line = (entry.getKey() + "\t" + entry.getValue() + "\n").getBytes(StandardCharsets.UTF_8);
                one.update(line);
            }
            String hex = HexFormat.of().formatHex(one.digest());
            perStore.put(store.getKey(), new StoreDigest(store.getValue().size(), hex));
            total.update((store.getKey() + "\t" + hex + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new Digest(HexFormat.of().formatHex(total.digest()), perStore);
    }

    /** The digest of all stores ({@code sha256}) and of each one. */
    public record Digest(String sha256, Map<String, StoreDigest> stores) {
        public Digest {
            stores = Map.copyOf(stores);
        }

        public long entries() {
            return stores.values().stream().mapToLong(StoreDigest::entries).sum();
        }
    }

    public record StoreDigest(long entries, String sha256) {
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
