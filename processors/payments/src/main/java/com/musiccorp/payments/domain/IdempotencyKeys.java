package com.musiccorp.payments.domain;

import com.musiccorp.schemas.Causation;

import java.util.UUID;

/**
 * Keys derived from the saga alone (name-based UUIDs), so every replica, every restart and every
 * retry of the same order computes the same key, and the gateway can recognise a repeated call.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** The one key of the one charge an order can have; every attempt of it reuses this key. */
    public static UUID charge(String orderId) {
        return Causation.deterministicId("payments/" + orderId + "/charge");
    }

    /** The one key of the refund of that charge; distinct from the charge's key. */
    public static UUID refund(String orderId) {
        return Causation.deterministicId("payments/" + orderId + "/refund");
    }

    /**
     * The identity of the gateway's answer to attempt {@code attempt} of the call with {@code key}:
     * one attempt has one answer that counts, so a redelivered answer is a duplicate.
     */
    public static UUID answer(UUID key, int attempt) {
        return Causation.deterministicId("payments/" + key + "/answer/" + attempt);
    }

    /** The identity of the gateway's answer to lookup {@code attempt} of the charge with {@code key}. */
    public static UUID lookupAnswer(UUID key, int attempt) {
        return Causation.deterministicId("payments/" + key + "/lookup-answer/" + attempt);
    }
}
