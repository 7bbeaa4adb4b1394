package com.musiccorp.platform.personaldata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys known in this process, in the order they were made, and the erasures: what a
 * {@link CustomerKeys} answers from. On its own it is the whole ring (tests, one process); the Kafka
 * ring feeds it from the key topic.
 */
public class KeyRing implements CustomerKeys {

    private final Clock clock;
    private final Map<String, KeyState> byKeyId = new HashMap<>();
    /** Each customer's key ids, oldest first: every process picks the oldest live one. */
    private final Map<String, List<String>> byCustomer = new LinkedHashMap<>();

    public KeyRing(Clock clock) {
        this.clock = clock;
    }

    /** Records a key as written to the ring's log. A key once erased stays erased. */
    public synchronized void learn(CustomerKey key) {
        if (byKeyId.get(key.keyId()) instanceof KeyState.Erased) {
            return;
        }
        byKeyId.put(key.keyId(), new KeyState.Live(key));
        List<String> ids = byCustomer.computeIfAbsent(key.customerId(), c -> new ArrayList<>());
        if (!ids.contains(key.keyId())) {
            ids.add(key.keyId());
        }
        notifyAll();
    }

    /** Records that a key was destroyed: its keyset is dropped from memory here. */
    public synchronized void forget(String keyId, String customerId, Instant erasedAt) {
        byKeyId.put(keyId, new KeyState.Erased(customerId, erasedAt));
        CustomerKey.forget(keyId);
        List<String> ids = byCustomer.computeIfAbsent(customerId, c -> new ArrayList<>());
        if (!ids.contains(keyId)) {
            ids.add(keyId);
        }
        notifyAll();
    }

    /** The customer's oldest live key, if any. */
    public synchronized Optional<CustomerKey> liveKeyOf(String customerId) {
        for (String id : byCustomer.getOrDefault(customerId, List.of())) {
            if (byKeyId.get(id) instanceof KeyState.Live live) {
                return Optional.of(live.key());
            }
        }
        return Optional.empty();
    }

    /** The ids of the customer's live keys. */
    public synchronized List<String> liveKeyIdsOf(String customerId) {
        return byCustomer.getOrDefault(customerId, List.of()).stream()
                .filter(id -> byKeyId.get(id) instanceof KeyState.Live).toList();
    }

    /** Makes a key in memory only: a ring of its own has no log to write it to. */
    @Override
    public synchronized CustomerKey keyFor(String customerId) {
        return liveKeyOf(customerId).orElseGet(() -> {
            CustomerKey key = CustomerKey.generate(customerId);
            learn(key);
            return key;
        });
    }

    @Override
    public synchronized KeyState find(String keyId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        KeyState state = byKeyId.get(keyId);
        while (state == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new KeyState.Unknown(keyId);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new KeyState.Unknown(keyId);
            }
            state = byKeyId.get(keyId);
        }
        return state;
    }

    @Override
    public synchronized int erase(String customerId) {
        List<String> live = liveKeyIdsOf(customerId);
        Instant now = clock.instant();
        live.forEach(id -> forget(id, customerId, now));
        return live.size();
    }
}
