package com.musiccorp.platform.streams.rebuild;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.musiccorp.platform.streams.JsonSerde;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A deterministic digest of a context's state: SHA-256 over the SHA-256 of every (store, key,
 * value) in store then key order, each value as canonical JSON (object fields sorted). Two states
 * have the same digest exactly when they hold the same facts, whichever instance, partition layout,
 * insertion order or generation produced them, so "the rebuilt state equals the live one" is one
 * comparison. Only each entry's SHA-256 is kept until the digest is taken, not its JSON: the JSON
 * of 114k sagas did not fit the heap of the process taking the digest.
 *
 * <p>A context hands in each value through its own canonical form: wall-clock fields (when this
 * process happened to fold or check something) are left out, because no replay can reproduce them.
 */
public final class StateDigest {

    // The stores' own JSON mapper (time types, Avro metadata), with sorted fields and map keys.
    private static final ObjectMapper WRITER = JsonSerde.mapper().copy()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** Store → key → the SHA-256 of the entry's line ({@code key\tjson\n}). */
    private final Map<String, TreeMap<String, byte[]>> stores = new TreeMap<>();
    /** The one key whose JSON is kept, per store, for {@link #entry}; null keeps none. */
    private final String shown;
    private final Map<String, String> shownJson = new TreeMap<>();
    private final MessageDigest entryHash = sha256();

    /** A digest that keeps no entry's JSON. */
    public StateDigest() {
        this(null);
    }

    private StateDigest(String shown) {
        this.shown = shown;
    }

    /** A digest that also keeps what it hashed for {@code key}, to show it ({@link #entry}). */
    public static StateDigest showing(String key) {
        return new StateDigest(Objects.requireNonNull(key, "key"));
    }

    /** Adds one entry; {@code canonicalValue} is written as JSON with sorted fields. */
    public StateDigest add(String store, String key, Object canonicalValue) {
        String json;
        try {
            json = WRITER.writeValueAsString(canonicalValue);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the value of " + store + "/" + key + " as JSON", e);
        }
        byte[] line = entryHash.digest((key + "\t" + json + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] previous = stores.computeIfAbsent(store, s -> new TreeMap<>()).put(key, line);
        if (previous != null && !Arrays.equals(previous, line)) {
            throw new IllegalStateException(store + " holds key " + key + " twice with different values");
        }
        if (key.equals(shown)) {
            shownJson.put(store, json);
        }
        return this;
    }

    /** Names a store that is part of the digest even while it is empty. */
    public StateDigest store(String store) {
        stores.computeIfAbsent(store, s -> new TreeMap<>());
        return this;
    }

    /**
     * The canonical JSON of {@code key} in each store that holds it: what the digest hashed, to find a
     * difference. Only for the key this digest was made {@link #showing}.
     */
    public Map<String, String> entry(String key) {
        if (!key.equals(shown)) {
            throw new IllegalStateException("this digest keeps the JSON of " + (shown == null ? "no key" : shown)
                    + ", not of " + key);
        }
        return Map.copyOf(shownJson);
    }

    public Digest digest() {
        MessageDigest total = sha256();
        Map<String, StoreDigest> perStore = new TreeMap<>();
        for (var store : stores.entrySet()) {
            MessageDigest one = sha256();
            for (byte[] line : store.getValue().values()) { // in key order
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
