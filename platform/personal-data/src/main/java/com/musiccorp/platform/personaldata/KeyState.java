package com.musiccorp.platform.personaldata;

import java.time.Instant;

/** What a key ring knows of one key id. */
public sealed interface KeyState {

    /** The key exists: fields sealed with it open. */
    record Live(CustomerKey key) implements KeyState {
    }

    /** The customer's personal data was erased: the key is destroyed and its fields never open again. */
    record Erased(String customerId, Instant erasedAt) implements KeyState {
    }

    /** Not (yet) seen: a key made a moment ago by another process may still be on its way. */
    record Unknown(String keyId) implements KeyState {
    }
}
