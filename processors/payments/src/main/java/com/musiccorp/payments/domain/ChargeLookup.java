package com.musiccorp.payments.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The decision to ask the gateway what happened to a charge payments never got an answer to (its
 * last attempt failed transiently: a timeout, a 5xx), instead of giving up on it blind: the request
 * may have reached the gateway and captured. Recorded in the state before the gateway is asked, like
 * every intent; asked with the charge's idempotency key.
 *
 * @param attempt   1 for the first lookup; a lookup that fails transiently is asked again with
 *                  {@code attempt + 1} after a back-off, for as long as it takes (never given up:
 *                  the order waits in LOOKING_UP_CHARGE meanwhile, visibly)
 * @param notBefore do not ask before this instant
 * @param charge    the charge's last attempt, whose terms and cause the outcome's event uses
 */
public record ChargeLookup(
        String orderId,
        UUID idempotencyKey,
        int attempt,
        Instant notBefore,
        ChargeIntent charge) implements PaymentFact.GatewayCall {

    public ChargeLookup {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(charge, "charge");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, was " + attempt);
        }
        if (!charge.idempotencyKey().equals(idempotencyKey)) {
            throw new IllegalArgumentException("a lookup asks for its charge's key " + charge.idempotencyKey()
                    + ", not " + idempotencyKey);
        }
    }

    /** The first lookup of {@code charge}, after its last attempt went unanswered. */
    static ChargeLookup of(ChargeIntent charge, Instant when) {
        return new ChargeLookup(charge.orderId(), charge.idempotencyKey(), 1, when, charge);
    }

    ChargeLookup retryAt(Instant when) {
        return new ChargeLookup(orderId, idempotencyKey, attempt + 1, when, charge);
    }

    /** Distinct from the answers to the charge's own attempts, which have the same key. */
    @Override
    public UUID answerId() {
        return IdempotencyKeys.lookupAnswer(idempotencyKey, attempt);
    }

    @Override
    public String callId() {
        return idempotencyKey + "#lookup#" + attempt;
    }
}
