package com.musiccorp.platform.personaldata;

import java.time.Duration;

/** The customers' keys: the one place their personal data can be opened from, and destroyed in. */
public interface CustomerKeys {

    /**
     * The key to seal the customer's fields with: their existing key, or a new one written before it
     * is handed out (only the keys' owner, orders, makes keys).
     *
     * @throws IllegalStateException this ring may not make keys, or the new key could not be written
     */
    CustomerKey keyFor(String customerId);

    /** What is known of {@code keyId}, waiting up to {@code wait} for a key not seen yet. */
    KeyState find(String keyId, Duration wait);

    /**
     * Destroys every key of the customer (crypto-shredding): their sealed fields, wherever they were
     * copied, never open again. Idempotent.
     *
     * @return how many keys were destroyed now
     */
    int erase(String customerId);
}
