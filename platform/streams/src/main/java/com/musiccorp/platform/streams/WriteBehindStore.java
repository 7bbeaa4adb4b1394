package com.musiccorp.platform.streams;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A key-value store that keeps the values put since the task's last commit as objects, and writes each
 * key's last one to the store beneath once, when Kafka Streams flushes the task's caches right before
 * it commits ({@link #flushCache}, the one hook it gives a store), or earlier when more than
 * {@code maxPending} keys wait (the eldest first). Kafka Streams' record cache already turns a key's
 * puts within a commit into one RocksDB write and one changelog record, but it holds bytes, so every
 * put still serialized the whole value: a saga-status replay spent a fifth of its stream thread in
 * {@code sagas-store}'s puts (JFR), encoding each saga once per event it folded.
 *
 * <p>Under exactly-once nothing changes: every pending value reaches the store beneath, its record
 * cache and its changelog before the task's offsets are committed, in the same transaction; a task
 * closed dirty drops them with the rest of its uncommitted state ({@link #close}, {@link #clearCache}).
 * Reads see the pending values, the task's own and interactive queries' alike (which, as with the
 * record cache, show what is not committed yet), and iterators merge them in the order of their
 * serialized keys, the store's order. Only the stream thread writes; queries read from other threads,
 * so the pending values are guarded by a lock held for map operations only.
 *
 * <p>The serializer now runs at commit, not at {@code put}: use it only for values that cannot fail to
 * serialize or grow past the record limit ({@link RecordSizeLimit}), as a bounded state whose serde
 * checks nothing.
 */
public final class WriteBehindStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
        implements KeyValueStore<K, V> {

    private final Serializer<K> keys;
    private final int maxPending;
    /** Guarded by itself; insertion order is the order of last put (a put moves its key to the end). */
    private final LinkedHashMap<K, V> pending = new LinkedHashMap<>();

    WriteBehindStore(KeyValueStore<K, V> beneath, Serializer<K> keys, int maxPending) {
        super(beneath);
        if (maxPending < 1) throw new IllegalArgumentException("maxPending must be at least 1, was " + maxPending);
        this.keys = Objects.requireNonNull(keys, "keys");
        this.maxPending = maxPending;
    }

    /**
     * {@code beneath}'s store with pending values kept above it; {@code keys} serializes keys as the
     * store does (for the order of iterators). Caching and logging are {@code beneath}'s.
     */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> builder(StoreBuilder<KeyValueStore<K, V>> beneath,
            Serializer<K> keys, int maxPending) {
        return new LayeredStoreBuilder<>(beneath, store -> new WriteBehindStore<>(store, keys, maxPending));
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        dropPending();
        super.init(context, root);
    }

    @Override
    public V get(K key) {
        synchronized (pending) {
            V value = pending.get(key);
            if (value != null) return value;
        }
        return wrapped().get(key);
    }

    @Override
    public void put(K key, V value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            delete(key);
            return;
        }
        Map.Entry<K, V> eldest = null;
        synchronized (pending) {
            pending.remove(key);
            pending.put(key, value);
            if (pending.size() > maxPending) {
                Map.Entry<K, V> e = pending.entrySet().iterator().next();
                eldest = new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue());
            }
        }
        if (eldest != null) writeBeneath(eldest.getKey(), eldest.getValue());
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V current = get(key);
        if (current == null) put(key, value);
        return current;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> entry : entries) put(entry.key, entry.value);
    }

    @Override
    public V delete(K key) {
        V was;
        synchronized (pending) {
            was = pending.remove(key);
        }
        V beneath = wrapped().delete(key);
        return was != null ? was : beneath;
    }

    /**
     * Every pending value written beneath, then the store beneath flushes its own cache: a task's commit
     * always starts here. The store commit that follows ({@code commit}, inherited) writes nothing: by
     * then nothing is pending, except when Kafka Streams commits a corrupted store to wipe it, and then
     * the pending values must not be written.
     */
    @Override
    public void flushCache() {
        writePending();
        super.flushCache();
    }

    /** Kafka Streams drops a task's caches when it throws away uncommitted state: the pending values too. */
    @Override
    public void clearCache() {
        dropPending();
        super.clearCache();
    }

    /**
     * A clean close comes after the task's last commit, which wrote every pending value; a dirty one
     * throws them away with the task's state, so none is written here.
     */
    @Override
    public void close() {
        dropPending();
        super.close();
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return merged(() -> wrapped().range(from, to), within(from, to), false);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return merged(() -> wrapped().reverseRange(from, to), within(from, to), true);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return merged(() -> wrapped().all(), key -> true, false);
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return merged(() -> wrapped().reverseAll(), key -> true, true);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        Bytes start = Bytes.wrap(prefixKeySerializer.serialize(null, prefix));
        return merged(() -> wrapped().prefixScan(prefix, prefixKeySerializer), key -> startsWith(key, start), false);
    }

    @Override
    public long approximateNumEntries() {
        long beneath = wrapped().approximateNumEntries();
        synchronized (pending) {
            return beneath + pending.size();
        }
    }

    private void writePending() {
        for (Map.Entry<K, V> e : snapshot()) writeBeneath(e.getKey(), e.getValue());
    }

    /** The pending entries as they are now, in the order of their last put. */
    private List<Map.Entry<K, V>> snapshot() {
        synchronized (pending) {
            List<Map.Entry<K, V>> entries = new ArrayList<>(pending.size());
            for (Map.Entry<K, V> e : pending.entrySet()) entries.add(new AbstractMap.SimpleImmutableEntry<>(e));
            return entries;
        }
    }

    /** Written beneath before it leaves the pending values, so a reader never misses it in between. */
    private void writeBeneath(K key, V value) {
        wrapped().put(key, value);
        synchronized (pending) {
            if (pending.get(key) == value) pending.remove(key);
        }
    }

    private void dropPending() {
        synchronized (pending) {
            pending.clear();
        }
    }

    private Bytes bytesOf(K key) {
        return Bytes.wrap(keys.serialize(null, key));
    }

    /** Whether a serialized key lies in [from, to], either bound open when null (the store's range rules). */
    private Predicate<Bytes> within(K from, K to) {
        Bytes lo = from == null ? null : bytesOf(from);
        Bytes hi = to == null ? null : bytesOf(to);
        return key -> (lo == null || key.compareTo(lo) >= 0) && (hi == null || key.compareTo(hi) <= 0);
    }

    private static boolean startsWith(Bytes key, Bytes prefix) {
        byte[] k = key.get(), p = prefix.get();
        return k.length >= p.length && Arrays.equals(k, 0, p.length, p, 0, p.length);
    }

    /**
     * The pending entries in range, in the store's order (or reversed), merged with {@code beneath}'s.
     * The pending ones are taken first: a value the stream thread then writes beneath leaves the
     * pending ones only after it is there, so a query's iterator, opened after, cannot miss it.
     */
    private KeyValueIterator<K, V> merged(Supplier<KeyValueIterator<K, V>> beneath, Predicate<Bytes> inRange,
            boolean reverse) {
        List<Pending<K, V>> inside = new ArrayList<>();
        for (Map.Entry<K, V> e : snapshot()) {
            Bytes bytes = bytesOf(e.getKey());
            if (inRange.test(bytes)) inside.add(new Pending<>(bytes, e.getKey(), e.getValue()));
        }
        Comparator<Pending<K, V>> order = Comparator.comparing(Pending::bytes);
        inside.sort(reverse ? order.reversed() : order);
        return new Merged<>(beneath.get(), inside, this::bytesOf, reverse);
    }

    private record Pending<K, V>(Bytes bytes, K key, V value) {
    }

    /** Two iterators in the same key order as one; on equal keys the pending value wins. */
    private static final class Merged<K, V> implements KeyValueIterator<K, V> {
        private final KeyValueIterator<K, V> beneath;
        private final List<Pending<K, V>> above;
        private final Function<K, Bytes> bytesOf;
        private final int direction;
        private int next;
        private KeyValue<K, V> beneathNext;
        private Bytes beneathNextBytes;

        Merged(KeyValueIterator<K, V> beneath, List<Pending<K, V>> above, Function<K, Bytes> bytesOf,
                boolean reverse) {
            this.beneath = beneath;
            this.above = above;
            this.bytesOf = bytesOf;
            this.direction = reverse ? -1 : 1;
        }

        private KeyValue<K, V> beneathPeek() {
            if (beneathNext == null && beneath.hasNext()) {
                beneathNext = beneath.next();
                beneathNextBytes = bytesOf.apply(beneathNext.key);
            }
            return beneathNext;
        }

        /** Where the next entry comes from: 0 pending, 1 beneath, 2 both (the pending value wins), -1 none left. */
        private int source() {
            boolean hasAbove = next < above.size();
            KeyValue<K, V> b = beneathPeek();
            if (!hasAbove) return b == null ? -1 : 1;
            if (b == null) return 0;
            int c = above.get(next).bytes().compareTo(beneathNextBytes) * direction;
            return c < 0 ? 0 : c > 0 ? 1 : 2;
        }

        @Override
        public boolean hasNext() {
            return source() >= 0;
        }

        @Override
        public KeyValue<K, V> next() {
            int from = source();
            if (from < 0) throw new NoSuchElementException();
            if (from == 1) {
                KeyValue<K, V> kv = beneathNext;
                beneathNext = null;
                return kv;
            }
            if (from == 2) beneathNext = null;
            Pending<K, V> p = above.get(next++);
            return KeyValue.pair(p.key(), p.value());
        }

        @Override
        public K peekNextKey() {
            int from = source();
            if (from < 0) throw new NoSuchElementException();
            return from == 1 ? beneathNext.key : above.get(next).key();
        }

        @Override
        public void close() {
            beneath.close();
        }
    }
}
