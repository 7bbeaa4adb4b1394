package com.musiccorp.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of a simulated payment gateway, without any transport: a test or the HTTP server in
 * front of it calls {@link #charge} and {@link #refund}. Deterministic: the outcome depends only on
 * the calls made so far, and the token of each charge chooses its behaviour (see {@link TokenRule}).
 *
 * <p>Idempotency: a repeated idempotency key whose first call got a final answer (approved,
 * declined, limit exceeded) gets that same answer again, immediately, and nothing is charged. A
 * transient failure is not final: nothing was charged, and the same key may be tried again.
 */
public final class GatewaySimulator {

    /** No per-customer limit. */
    public static final long NO_LIMIT = Long.MAX_VALUE;

    private final long perCustomerLimitMinor;
    private final Ledger ledger;
    private final Map<String, Integer> transientFailures = new HashMap<>();

    public GatewaySimulator() {
        this(NO_LIMIT);
    }

    public GatewaySimulator(long perCustomerLimitMinor) {
        this(perCustomerLimitMinor, new Ledger());
    }

    /**
     * @param perCustomerLimitMinor the most a customer may have captured and not refunded, per
     *                              currency, in minor units; a charge beyond it is LIMIT_EXCEEDED
     * @param ledger                its books: in memory, or {@link Ledger#journaled} in a file
     */
    public GatewaySimulator(long perCustomerLimitMinor, Ledger ledger) {
        if (perCustomerLimitMinor <= 0) {
            throw new IllegalArgumentException("the limit must be positive, was " + perCustomerLimitMinor);
        }
        this.perCustomerLimitMinor = perCustomerLimitMinor;
        this.ledger = ledger;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Charges once per idempotency key. The transport waits {@link ChargeReply#respondAfter()} before answering. */
    public ChargeReply charge(ChargeCall call) {
        synchronized (ledger) {
            ledger.countCall(call.idempotencyKey());
            var earlier = ledger.charge(call.idempotencyKey());
            if (earlier.isEmpty() && ledger.isVoided(call.idempotencyKey())) {
                return new ChargeReply(ChargeReply.Status.VOIDED, null, "idempotency key " + call.idempotencyKey()
                        + " was voided by a lookup that found no charge; nothing is charged with it",
                        Duration.ZERO, false);
            }
            if (earlier.isPresent()) {
                if (!earlier.get().call().sameChargeAs(call)) {
                    return new ChargeReply(ChargeReply.Status.IDEMPOTENCY_CONFLICT, null,
                            "idempotency key " + call.idempotencyKey() + " was used for a different charge",
                            Duration.ZERO, false);
                }
                return earlier.get().reply().asReplay();
            }
            ChargeReply reply = switch (TokenRule.of(call.paymentMethodToken())) {
                case TokenRule.Invalid invalid -> declined("invalid payment method: " + invalid.why());
                case TokenRule.Decline ignored -> declined("card declined by issuer");
                case TokenRule.FailFirst rule when failuresSoFar(call) < rule.failures() -> {
                    int failure = transientFailures.merge(call.idempotencyKey(), 1, Integer::sum);
                    yield new ChargeReply(ChargeReply.Status.TRANSIENT_FAILURE, null,
                            "simulated gateway failure " + failure + " of " + rule.failures(), Duration.ZERO, false);
                }
                case TokenRule.FailFirst ignored -> approveWithinLimit(call, Duration.ZERO);
                case TokenRule.Slow slow -> approveWithinLimit(call, slow.delay());
                case TokenRule.Approve ignored -> approveWithinLimit(call, Duration.ZERO);
            };
            if (reply.isFinal()) {
                ledger.recordCharge(call, reply);
            }
            return reply;
        }
    }

    /**
     * What happened to the charge with {@code idempotencyKey}: its final answer (approved, declined,
     * limit exceeded), or empty when no call with that key got one. An empty answer <b>voids the
     * key</b>: from then on a charge with it is refused ({@code VOIDED}) and charges nothing, so a
     * request still travelling towards the gateway when the caller gave up cannot capture after the
     * caller was told "no charge". That is what real gateways offer for the same problem (a lookup
     * or cancel by idempotency key / merchant reference closes it), and what makes "not found" an
     * answer the caller may act on. A found answer changes nothing; lookups never count as calls.
     */
    public Optional<Ledger.ChargeEntry> lookup(String idempotencyKey) {
        synchronized (ledger) {
            var entry = ledger.charge(idempotencyKey);
            if (entry.isEmpty()) {
                ledger.voidKey(idempotencyKey);
                transientFailures.remove(idempotencyKey);
            }
            return entry;
        }
    }

    /** Refunds the charge made with {@code call.chargeKey()}, once per refund key and once per charge. */
    public RefundReply refund(RefundCall call) {
        synchronized (ledger) {
            ledger.countCall(call.idempotencyKey());
            var earlier = ledger.refund(call.idempotencyKey());
            if (earlier.isPresent()) {
                if (!earlier.get().call().chargeKey().equals(call.chargeKey())) {
                    return new RefundReply(RefundReply.Status.IDEMPOTENCY_CONFLICT, null,
                            "refund key " + call.idempotencyKey() + " was used for a different charge", false);
                }
                return earlier.get().reply().asReplay();
            }
            var charge = ledger.charge(call.chargeKey());
            RefundReply reply;
            if (charge.isEmpty() || !charge.get().captured()) {
                reply = new RefundReply(RefundReply.Status.REFUSED, null,
                        "no captured charge with key " + call.chargeKey(), false);
            } else if (charge.get().refunded()) {
                reply = new RefundReply(RefundReply.Status.REFUSED, null,
                        "charge " + call.chargeKey() + " was already refunded with key " + charge.get().refundKey(),
                        false);
            } else {
                reply = new RefundReply(RefundReply.Status.REFUNDED, "re_%06d".formatted(ledger.refundCount() + 1),
                        "refunded " + charge.get().call().amountMinor() + " " + charge.get().call().currency(), false);
            }
            ledger.recordRefund(call, reply);
            return reply;
        }
    }

    private int failuresSoFar(ChargeCall call) {
        return transientFailures.getOrDefault(call.idempotencyKey(), 0);
    }

    private ChargeReply approveWithinLimit(ChargeCall call, Duration delay) {
        long outstanding = ledger.outstanding(call.customerId(), call.currency());
        if (call.amountMinor() > perCustomerLimitMinor - outstanding) {
            return new ChargeReply(ChargeReply.Status.LIMIT_EXCEEDED, null,
                    "customer limit of " + perCustomerLimitMinor + " " + call.currency() + " minor units exceeded",
                    delay, false);
        }
        String reference = "ch_%06d".formatted(ledger.chargeCount() + 1);
        return new ChargeReply(ChargeReply.Status.APPROVED, reference, "approved", delay, false);
    }

    private static ChargeReply declined(String why) {
        return new ChargeReply(ChargeReply.Status.DECLINED, null, why, Duration.ZERO, false);
    }
}
