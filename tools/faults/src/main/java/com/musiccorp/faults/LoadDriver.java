package com.musiccorp.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load through the one base URL: order i is due at {@code start + i / rate} whatever
 * happened to earlier ones. A client that gets no answer, or a 5xx, retries POST /orders with the same
 * Idempotency-Key (with back-off, for as long as {@link #GIVE_UP_AFTER}); one order in 20 is sent a
 * second time after its 202, as a client whose answer was lost would, and must get the same order id;
 * one in 50 is also sent without a key, which must be refused and write nothing.
 */
final class LoadDriver {
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(4);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /** One order of the run: when it was due (wall clock), what the client learnt. */
    static final class Placement {
        final long index;
        final OrderMix.Kind kind;
        final String key;
        final long dueEpochMillis;
        final Set<String> orderIdsAnswered = ConcurrentHashMap.newKeySet();
        final AtomicInteger attempts = new AtomicInteger();
        volatile long acceptedEpochMillis;
        volatile String orderId;
        volatile String correlationId;
        volatile String lastProblem;
        volatile boolean gaveUp;
        volatile Integer keylessStatus;

        Placement(long index, String key, long dueEpochMillis) {
            this.index = index;
            this.kind = OrderMix.kindOf(index);
            this.key = key;
            this.dueEpochMillis = dueEpochMillis;
        }

        boolean accepted() {
            return orderId != null;
        }
    }

    private final String api;
    private final OrderMix mix;
    private final ClientReads reads;
    private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "load-retries");
        t.setDaemon(true);
        return t;
    });
    private final List<Placement> placements = new ArrayList<>();
    private final List<CompletableFuture<Void>> done = new ArrayList<>();
    private final AtomicInteger clientRetries = new AtomicInteger();
    private final AtomicInteger duplicateSends = new AtomicInteger();

    /** @param reads told of every order accepted, to read it back as its client would */
    LoadDriver(String api, OrderMix mix, ClientReads reads) {
        this.api = api;
        this.mix = mix;
        this.reads = reads;
    }

    /** Sends {@code count} orders at {@code rate} per second; returns once the last is sent (answers keep coming). */
    void run(int count, double rate) {
        long start = System.nanoTime();
        long startEpoch = System.currentTimeMillis();
        double interval = 1e9 / rate;
        for (int i = 0; i < count; i++) {
            long due = start + Math.round(i * interval);
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            Placement p = new Placement(i, mix.idempotencyKey(i), startEpoch + Math.round(i * interval / 1e6));
            CompletableFuture<Void> finished = new CompletableFuture<>();
            synchronized (placements) {
                placements.add(p);
                done.add(finished);
            }
            send(p, finished, System.nanoTime());
            if (i % 50 == 13) sendWithoutKey(p);
        }
    }

    private void send(Placement p, CompletableFuture<Void> finished, long firstTry) {
        p.attempts.incrementAndGet();
        Http.postAsync(api + "/orders", mix.body(p.index), p.key, REQUEST_TIMEOUT).thenAccept(answer -> {
            if (answer.status() == 202 && answer.body().hasNonNull("orderId")) {
                String orderId = answer.body().get("orderId").asText();
                p.orderIdsAnswered.add(orderId);
                if (p.orderId == null) {
                    p.orderId = orderId;
                    p.correlationId = answer.body().path("correlationId").asText(null);
                    p.acceptedEpochMillis = System.currentTimeMillis();
                    reads.accepted(p.index, orderId, answer.body().path("position").asText(null));
                }
                if (p.index % 20 == 7 && p.attempts.get() == 1) { // the answer "was lost": the client sends it again
                    duplicateSends.incrementAndGet();
                    send(p, finished, firstTry);
                    return;
                }
                finished.complete(null);
            } else if (answer.status() == 0 || answer.status() >= 500 || answer.status() == 429) {
                p.lastProblem = answer.status() + " " + abbreviate(answer.raw());
                if (SystemUnderFaults.since(firstTry).compareTo(GIVE_UP_AFTER) > 0) {
                    p.gaveUp = true;
                    finished.complete(null);
                    return;
                }
                clientRetries.incrementAndGet();
                long backoff = Math.min(4000, 250L << Math.min(4, p.attempts.get()));
                retries.schedule(() -> send(p, finished, firstTry), backoff, TimeUnit.MILLISECONDS);
            } else { // refused: a valid order should never be
                p.lastProblem = answer.status() + " " + abbreviate(answer.raw());
                finished.complete(null);
            }
        });
    }

    private void sendWithoutKey(Placement p) {
        Http.postAsync(api + "/orders", mix.body(p.index), null, REQUEST_TIMEOUT)
                .thenAccept(answer -> p.keylessStatus = answer.status());
    }

    /** Waits until every order was accepted or given up on. */
    void awaitAnswers(Duration atMost) throws Exception {
        List<CompletableFuture<Void>> all;
        synchronized (placements) {
            all = List.copyOf(done);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Placement> placements() {
        synchronized (placements) {
            return List.copyOf(placements);
        }
    }

    /** Orders accepted so far, by order id. */
    Map<String, Placement> accepted() {
        Map<String, Placement> byOrder = new ConcurrentHashMap<>();
        for (Placement p : placements()) if (p.accepted()) byOrder.put(p.orderId, p);
        return byOrder;
    }

    int clientRetries() {
        return clientRetries.get();
    }

    int duplicateSends() {
        return duplicateSends.get();
    }

    void close() {
        retries.shutdownNow();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
