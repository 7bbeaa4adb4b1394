package com.musiccorp.platform.avro;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe map with a size bound. Reads are lock-free because they sit on the per-record hot
 * path. Eviction is arbitrary rather than LRU: the real working set (schemas in use) is tiny, and
 * the bound only stops a misbehaving producer (say, a new GenericRecord schema per record) from
 * growing memory without limit.
 */
final class BoundedCache<K, V> {
    private final int capacity;
    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();

    BoundedCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        this.capacity = capacity;
    }

    V get(K key) {
        return map.get(key);
    }

    /**
     * Like {@link java.util.Map#computeIfAbsent} but runs the loader outside any lock: loaders make
     * HTTP calls, and ConcurrentHashMap would block other keys of the same bin meanwhile. Two threads
     * may both load a missing key; both get an equal value. A failing loader caches nothing.
     */
    V getOrLoad(K key, Function<? super K, ? extends V> loader) {
        V value = map.get(key);
        if (value != null) return value;
        value = loader.apply(key);
        put(key, value);
        return value;
    }

    void put(K key, V value) {
        if (map.size() >= capacity && !map.containsKey(key)) evictOne();
        map.put(key, value);
    }

    void remove(K key) {
        map.remove(key);
    }

    int size() {
        return map.size();
    }

    private void evictOne() {
        Iterator<K> it = map.keySet().iterator();
        if (it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
