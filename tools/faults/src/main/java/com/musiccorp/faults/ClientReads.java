package com.musiccorp.faults;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What clients reading through the one base URL see while the faults happen (kills, freezes, the
 * broker restart, rebalances of a scaled context, the saga-status rebuild's switch):
 * <ul>
 *   <li><b>read-your-writes</b>: one accepted order in {@value #READ_BACK_EVERY} is read back with the
 *       position its 202 gave ({@code GET /orders/{id}?position=…&wait=PT10S}); it must be shown, never
 *       404, retrying only while the answer is "unavailable" (no answer, 502, 503, 504);</li>
 *   <li><b>monotonic saga reads</b>: a prober asks {@code GET /sagas/by-order/{id}} about random
 *       accepted orders without pause; once a saga has been seen, it is never 404 again and its
 *       version never goes back (an instance answering from a store that lost or has not caught up
 *       with what another showed).</li>
 * </ul>
 */
final class ClientReads {
    static final int READ_BACK_EVERY = 10;
    private static final Duration GIVE_UP_AFTER = LoadDriver.GIVE_UP_AFTER;
    private static final Duration PROBE_EVERY = Duration.ofMillis(50);

    private final String api;
    private final ExecutorService readers = Executors.newFixedThreadPool(2, daemon("read-your-writes"));
    private final ExecutorService prober = Executors.newSingleThreadExecutor(daemon("saga-prober"));
    private final List<String> acceptedOrders = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> versionSeen = new ConcurrentHashMap<>();
    private final InvariantResult.Tally readYourWrites = new InvariantResult.Tally(
            "read-your-writes: an accepted order read back with its position is shown (never 404), through faults");
    private final InvariantResult.Tally monotonic = new InvariantResult.Tally(
            "monotonic saga reads: a saga once seen is never 404 again nor an older version, through faults and rebalances");
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private volatile boolean probing;

    ClientReads(String api) {
        this.api = api;
    }

    /** The client was told {@code orderId} was accepted, with the position of its command (may be null). */
    void accepted(long index, String orderId, String position) {
        acceptedOrders.add(orderId);
        if (index % READ_BACK_EVERY != 3 || position == null) return;
        pending.incrementAndGet();
        readers.execute(() -> {
            try {
                readBack(orderId, position);
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    private void readBack(String orderId, String position) {
        String url = api + "/orders/" + orderId + "?position=" + URLEncoder.encode(position, StandardCharsets.UTF_8)
                + "&wait=PT10S";
        long start = System.nanoTime();
        while (true) {
            Http.Answer a = Http.get(url);
            if (a.status() == 200) {
                synchronized (readYourWrites) {
                    readYourWrites.check(orderId.equals(a.body().path("orderId").asText()),
                            orderId + ": 200 showing another order: " + abbreviate(a.raw()));
                }
                return;
            }
            if (!isUnavailable(a.status()) || SystemUnderFaults.since(start).compareTo(GIVE_UP_AFTER) > 0) {
                synchronized (readYourWrites) {
                    readYourWrites.check(false, orderId + " at " + position + ": " + a.status() + " " + abbreviate(a.raw()));
                }
                return;
            }
            unavailable.incrementAndGet();
            Waits.pause(Duration.ofMillis(500));
        }
    }

    /** Starts asking about sagas, until {@link #stop}. */
    void startProbing() {
        probing = true;
        prober.execute(() -> {
            while (probing) {
                if (!acceptedOrders.isEmpty()) {
                    probe(acceptedOrders.get(ThreadLocalRandom.current().nextInt(acceptedOrders.size())));
                }
                Waits.pause(PROBE_EVERY);
            }
        });
    }

    private void probe(String orderId) {
        Http.Answer a = Http.get(api + "/sagas/by-order/" + orderId);
        Integer seen = versionSeen.get(orderId);
        if (a.status() == 200) {
            int version = a.body().path("version").asInt(-1);
            monotonic.check(seen == null || version >= seen, orderId + ": version " + version + " after " + seen);
            versionSeen.merge(orderId, version, Math::max);
        } else if (a.status() == 404) {
            monotonic.check(seen == null, orderId + ": 404 after version " + seen + " was shown");
        } else if (isUnavailable(a.status())) {
            unavailable.incrementAndGet();
        } else {
            monotonic.check(false, orderId + ": " + a.status() + " " + abbreviate(a.raw()));
        }
    }

    /** Stops the prober and waits (at most {@code atMost}) for every read-back under way. */
    void stop(Duration atMost) {
        probing = false;
        prober.shutdown();
        Waits.until(atMost, Duration.ofMillis(200), () -> pending.get() == 0);
        readers.shutdownNow();
        try {
            prober.awaitTermination(35, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<InvariantResult> results() {
        InvariantResult ryw;
        synchronized (readYourWrites) {
            ryw = readYourWrites.result();
        }
        return List.of(ryw, monotonic.result());
    }

    /** Reads answered "unavailable" (no answer, 502, 503, 504): allowed while a fault is on, retried. */
    int unavailableAnswers() {
        return unavailable.get();
    }

    /** Sagas the prober saw at least once. */
    int sagasSeen() {
        return versionSeen.size();
    }

    private static boolean isUnavailable(int status) {
        return status == 0 || status == 502 || status == 503 || status == 504;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
