package com.musiccorp.platform.streams;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ids by the time they are due, in a {@code KeyValueStore<String, String>}: key
 * {@code <due epoch millis, zero-padded to 19 digits>|<id>}, value the id. String keys sort by due
 * time, so a punctuator range-scans only what is due instead of reading every state in its store.
 *
 * <p>This is only the storage, key format and scan. What an entry mirrors, and keeping it in step
 * with the state it is derived from, belongs to each context's own index. An index kept in a
 * persistent store (the warehouse's counted-stock expiry) holds this key format in its state
 * directories and changelog: changing it orphans their entries.
 */
public final class DueTimeIndex {

    private final KeyValueStore<String, String> store;

    /**
     * The store behind a due-call index: in memory, without a changelog. It is derived state: every
     * call a state waits for is in that state, which is changelogged, so the index is built again from
     * the restored states whenever a task starts ({@code DueCalls}). Logging it cost a changelog
     * record per outside call (4.6 of 38 records per order), only to be restored next to the states
     * it can be computed from. It holds only calls not answered yet, so it stays small.
     */
    public static StoreBuilder<KeyValueStore<String, String>> storeBuilder(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String())
                .withLoggingDisabled();
    }

    public DueTimeIndex(KeyValueStore<String, String> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The entry's key for {@code id} due at {@code due}; a due time before the epoch sorts as the epoch. */
    public static String key(Instant due, String id) {
        return padded(due.toEpochMilli()) + "|" + id;
    }

    /**
     * Moves {@code id}'s entry from {@code fromKey} to {@code toKey} (either may be absent); nothing
     * is written when they are equal, so an unchanged due time costs no changelog record.
     */
    public void move(Optional<String> fromKey, Optional<String> toKey, String id) {
        move(fromKey, toKey, id, id);
    }

    /**
     * The same, the entry's value {@code value}: the id, then whatever the index's user keeps with the
     * entry after a tab ({@link #idOf} reads the id back).
     */
    public void move(Optional<String> fromKey, Optional<String> toKey, String id, String value) {
        if (fromKey.equals(toKey)) {
            return;
        }
        fromKey.ifPresent(store::delete);
        toKey.ifPresent(key -> store.put(key, value));
    }

    /** The value of the entry {@code key}, or null. */
    public String valueOf(String key) {
        return store.get(key);
    }

    /** The id an entry's value names (what comes before a tab, if any). */
    public static String idOf(String value) {
        int tab = value.indexOf('\t');
        return tab < 0 ? value : value.substring(0, tab);
    }

    /**
     * At most {@code limit} entries due at or before {@code now}, earliest first: (index key, id).
     * Pass {@link Integer#MAX_VALUE} for no limit. The entries are read before returning, because
     * handling them writes to the store being scanned.
     */
    public List<KeyValue<String, String>> dueAt(Instant now, int limit) {
        var due = new ArrayList<KeyValue<String, String>>();
        // Inclusive bounds; "<now+1>" alone (no "|") sorts after every key due at now and before any later one.
        try (KeyValueIterator<String, String> entries = store.range(null, padded(now.toEpochMilli() + 1))) {
            while (entries.hasNext() && due.size() < limit) {
                due.add(entries.next());
            }
        }
        return due;
    }

    /** Removes an entry that no longer matches its id's state (a stale entry found by a scan). */
    public void forget(String key) {
        store.delete(key);
    }

    private static String padded(long epochMillis) {
        // 19 digits hold Long.MAX_VALUE, so string order is numeric order; negatives would break it.
        // Not String.format: this runs on every due-time change, and Formatter parses its pattern each time.
        String digits = Long.toString(Math.max(0, epochMillis));
        return "0".repeat(19 - digits.length()) + digits;
    }
}
