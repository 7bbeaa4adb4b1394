package com.musiccorp.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated gateway's books, keyed by idempotency key: one entry per key that got a final
 * answer, so a repeated key can never make a second charge. Thread-safe (the HTTP layer will call
 * from many threads); the simulator mutates it while holding its lock. Kept in memory, or
 * {@link #journaled} in a file, as a real gateway keeps its books whatever happens to its processes.
 */
public final class Ledger {

    /** A final answer to a charge; {@code refundKey} is set once it has been refunded. */
    public record ChargeEntry(ChargeCall call, ChargeReply reply, String refundKey) {

        public boolean captured() {
            return reply.status() == ChargeReply.Status.APPROVED;
        }

        public boolean refunded() {
            return refundKey != null;
        }

        ChargeEntry refundedBy(String key) {
            return new ChargeEntry(call, reply, key);
        }
    }

    /** A final answer to a refund. */
    public record RefundEntry(RefundCall call, RefundReply reply) {
    }

    /** Whose money in which currency: the limit and the totals are kept per customer and currency. */
    private record Account(String customerId, String currency) {
    }

    private final Map<String, ChargeEntry> charges = new LinkedHashMap<>();
    private LedgerJournal journal = LedgerJournal.NONE;
    private final Map<String, RefundEntry> refunds = new LinkedHashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private final java.util.Set<String> voided = new java.util.HashSet<>();
    // Indexes kept with every write, so each call costs the same however long the gateway has run.
    private final Map<String, List<String>> chargeKeysByOrder = new HashMap<>();
    private final Map<Account, Long> captured = new HashMap<>();
    private final Map<Account, Long> outstanding = new HashMap<>();

    /** A ledger kept only in memory: a restart forgets it. */
    public Ledger() {
    }

    /**
     * The ledger {@code file} holds (none if it does not exist), journaling every later change to it
     * before the change is answered, so a gateway killed and started again knows every charge it made.
     */
    public static Ledger journaled(java.nio.file.Path file) throws java.io.IOException {
        Ledger ledger = new Ledger();
        long complete = LedgerJournal.replay(file, ledger);
        ledger.journal = LedgerJournal.appendingTo(file, complete);
        return ledger;
    }

    /** Every final charge answer for the order (approved, declined, over limit), in the order they were made. */
    public synchronized List<ChargeEntry> chargesFor(String orderId) {
        return chargeKeysByOrder.getOrDefault(orderId, List.of()).stream().map(charges::get).toList();
    }

    /** Captured charges for the order; at most one when the caller derives one key per order. */
    public synchronized List<ChargeEntry> capturedChargesFor(String orderId) {
        return chargesFor(orderId).stream().filter(ChargeEntry::captured).toList();
    }

    /** Everything ever captured from the customer in that currency, in minor units, refunds not deducted. */
    public synchronized long totalCharged(String customerId, String currency) {
        return captured.getOrDefault(new Account(customerId, currency), 0L);
    }

    /** Captured from the customer in that currency and not refunded: what the limit is checked against. */
    public synchronized long outstanding(String customerId, String currency) {
        return outstanding.getOrDefault(new Account(customerId, currency), 0L);
    }

    public synchronized Optional<ChargeEntry> charge(String idempotencyKey) {
        return Optional.ofNullable(charges.get(idempotencyKey));
    }

    public synchronized Optional<RefundEntry> refund(String idempotencyKey) {
        return Optional.ofNullable(refunds.get(idempotencyKey));
    }

    /** How many calls (charges or refunds, first or repeated) arrived with this key. */
    public synchronized int callsWith(String idempotencyKey) {
        return calls.getOrDefault(idempotencyKey, 0);
    }

    /** Whether a lookup found no charge with this key and closed it (see {@link GatewaySimulator#lookup}). */
    public synchronized boolean isVoided(String idempotencyKey) {
        return voided.contains(idempotencyKey);
    }

    synchronized void voidKey(String idempotencyKey) {
        journal.voided(idempotencyKey);
        voided.add(idempotencyKey);
    }

    synchronized int countCall(String idempotencyKey) {
        journal.called(idempotencyKey);
        return calls.merge(idempotencyKey, 1, Integer::sum);
    }

    synchronized void recordCharge(ChargeCall call, ChargeReply reply) {
        ChargeEntry entry = new ChargeEntry(call, reply, null);
        if (charges.containsKey(call.idempotencyKey())) {
            return; // a key is answered once
        }
        journal.charged(call, reply);
        charges.put(call.idempotencyKey(), entry);
        chargeKeysByOrder.computeIfAbsent(call.orderId(), order -> new ArrayList<>()).add(call.idempotencyKey());
        if (entry.captured()) {
            Account account = new Account(call.customerId(), call.currency());
            captured.merge(account, call.amountMinor(), Math::addExact);
            outstanding.merge(account, call.amountMinor(), Math::addExact);
        }
    }

    synchronized void recordRefund(RefundCall call, RefundReply reply) {
        journal.refunded(call, reply);
        refunds.put(call.idempotencyKey(), new RefundEntry(call, reply));
        if (reply.status() == RefundReply.Status.REFUNDED) {
            ChargeEntry refunded = charges.computeIfPresent(call.chargeKey(),
                    (key, entry) -> entry.refundedBy(call.idempotencyKey()));
            if (refunded != null && refunded.captured()) {
                outstanding.merge(new Account(refunded.call().customerId(), refunded.call().currency()),
                        -refunded.call().amountMinor(), Math::addExact);
            }
        }
    }

    synchronized int chargeCount() {
        return charges.size();
    }

    synchronized int refundCount() {
        return refunds.size();
    }
}
