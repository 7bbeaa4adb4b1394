package com.musiccorp.payments.domain;

/**
 * The payment gateway, an external system that Kafka's transactions do not cover. The topology's
 * author implements this port (an HTTP client); the domain never calls it, it only records
 * {@link ChargeIntent}s and {@link RefundIntent}s and reads the outcomes back as inputs.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>Send the request's {@code idempotencyKey} as the gateway's idempotency key, unchanged: it
 *       is what makes a repeated call (retry, restart, crash mid-call) charge at most once.</li>
 *   <li>Do not throw for anything the network or the gateway does: a timeout, a connection error or
 *       a 5xx is {@code Transient} (the charge may have happened; the retry with the same key finds
 *       out); a refusal of the card is {@code Declined}.</li>
 *   <li>Do not retry internally beyond a single call; the domain owns the retry schedule.</li>
 * </ul>
 */
public interface PaymentGateway {

    ChargeOutcome charge(ChargeRequest request);

    RefundOutcome refund(RefundRequest request);

    /**
     * What happened to the charge with {@code chargeKey}: captured, refused, or not found. A gateway
     * that answers "not found" must have closed the key (no later request with it may charge), so the
     * answer stays true; a lookup that gets no answer that counts is {@code Transient}.
     */
    LookupOutcome lookup(java.util.UUID chargeKey);
}
