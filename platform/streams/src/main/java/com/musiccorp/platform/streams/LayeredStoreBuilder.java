package com.musiccorp.platform.streams;

import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Map;
import java.util.function.UnaryOperator;

/** {@code beneath}'s builder, the store it builds wrapped in a {@code layer}; caching and logging stay {@code beneath}'s. */
record LayeredStoreBuilder<K, V>(StoreBuilder<KeyValueStore<K, V>> beneath, UnaryOperator<KeyValueStore<K, V>> layer)
        implements StoreBuilder<KeyValueStore<K, V>> {

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
        return new LayeredStoreBuilder<>(beneath.withCachingEnabled(), layer);
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
        return new LayeredStoreBuilder<>(beneath.withCachingDisabled(), layer);
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        return new LayeredStoreBuilder<>(beneath.withLoggingEnabled(config), layer);
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
        return new LayeredStoreBuilder<>(beneath.withLoggingDisabled(), layer);
    }

    @Override
    public KeyValueStore<K, V> build() {
        return layer.apply(beneath.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return beneath.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return beneath.loggingEnabled();
    }

    @Override
    public String name() {
        return beneath.name();
    }
}
