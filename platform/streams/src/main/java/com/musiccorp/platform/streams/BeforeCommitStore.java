package com.musiccorp.platform.streams;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A key-value store layer that runs its task's actions right before the task commits, then lets the
 * store beneath flush. Kafka Streams gives processors no such hook; it flushes every store's cache
 * first thing when it prepares a task's commit ({@code StreamTask.prepareCommit}, Kafka Streams 4.3),
 * so a store's {@link #flushCache} is one. What an action puts into this store is flushed with the
 * rest, and what it forwards is sent before the offsets are committed: all in the same transaction.
 *
 * <p>Used to decide the outside calls' answers that came since the last drain right before the
 * commit, so a call answered within its commit interval stores its intent and its answer as one
 * changelog record and its events leave one commit earlier ({@code step.DueCalls}). An action must
 * write nothing but this store (another store of the task may have been flushed already) and must
 * not block.
 *
 * <p>Only the stream thread that owns the task registers, runs and forgets actions.
 */
public final class BeforeCommitStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
        implements KeyValueStore<K, V> {

    private final List<Runnable> actions = new ArrayList<>();

    BeforeCommitStore(KeyValueStore<K, V> beneath) {
        super(beneath);
    }

    /** {@code beneath}'s store, run before each commit; caching and logging are {@code beneath}'s. */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> builder(StoreBuilder<KeyValueStore<K, V>> beneath) {
        return new LayeredStoreBuilder<>(beneath, BeforeCommitStore::new);
    }

    /** The layer inside {@code store} (as {@code getStateStore} returns it, wrapped by Kafka Streams), if it has one. */
    public static Optional<BeforeCommitStore<?, ?>> of(StateStore store) {
        for (StateStore layer = store; ; ) {
            if (layer instanceof BeforeCommitStore<?, ?> found) return Optional.of(found);
            if (!(layer instanceof WrappedStateStore<?, ?, ?> wrapped)) return Optional.empty();
            layer = wrapped.wrapped();
        }
    }

    /** Runs {@code action} before every commit of the task from now on, until {@link #forget} or close. */
    public void beforeCommit(Runnable action) {
        actions.add(action);
    }

    public void forget(Runnable action) {
        actions.remove(action);
    }

    /** The actions, then the store beneath flushes its cache: a task's commit starts here. */
    @Override
    public void flushCache() {
        for (Runnable action : List.copyOf(actions)) {
            action.run();
        }
        super.flushCache();
    }

    /** The task's processors are gone with it. */
    @Override
    public void close() {
        actions.clear();
        super.close();
    }

    @Override
    public V get(K key) {
        return wrapped().get(key);
    }

    @Override
    public void put(K key, V value) {
        wrapped().put(key, value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return wrapped().putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        wrapped().putAll(entries);
    }

    @Override
    public V delete(K key) {
        return wrapped().delete(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }
}
