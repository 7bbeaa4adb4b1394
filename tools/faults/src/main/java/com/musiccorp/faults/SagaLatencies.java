package com.musiccorp.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Saga latency: from when an order was due (the open-loop schedule, so a client's retries through a
 * fault count) to its ending event's time; split by whether the order was due while a fault was on
 * (from its injection until it recovered). Also which sagas each fault hit in flight: placed before
 * it, ended after it.
 */
final class SagaLatencies {
    /** Percentiles in ms, and how many sagas. */
    record Summary(long count, long p50, long p99, long max) {
        static Summary of(List<Long> values) {
            long[] v = values.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(v);
            return new Summary(v.length, at(v, 0.50), at(v, 0.99), v.length == 0 ? -1 : v[v.length - 1]);
        }

        private static long at(long[] sorted, double q) {
            if (sorted.length == 0) return -1;
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }

    /** A saga's life on the wall clock: due, placed (OrderPlaced's time), ended (its ending's time). */
    record Life(long due, long placed, long ended) {
    }

    private final List<Life> lives = new ArrayList<>();

    SagaLatencies(List<LoadDriver.Placement> placements, Map<String, List<TopicSnapshot.Event>> byOrder) {
        for (LoadDriver.Placement p : placements) {
            if (!p.accepted()) continue;
            long placed = -1;
            long ended = -1;
            for (TopicSnapshot.Event e : byOrder.getOrDefault(p.orderId, List.of())) {
                switch (e.type()) {
                    case "OrderPlaced" -> placed = e.occurredAtMillis();
                    case "OrderCompleted", "OrderCancelled" -> ended = Math.max(ended, e.occurredAtMillis());
                    default -> {
                    }
                }
            }
            if (placed > 0 && ended > 0) lives.add(new Life(p.dueEpochMillis, placed, ended));
        }
    }

    Summary all() {
        return Summary.of(lives.stream().map(l -> l.ended() - l.due()).toList());
    }

    /** Sagas due while some fault was on (injected, not yet recovered). */
    Summary duringFaults(List<FaultInjector.Outcome> faults) {
        return Summary.of(lives.stream().filter(l -> faults.stream().anyMatch(f -> l.due() >= f.injectedAt()
                && l.due() <= (f.recovered() ? f.recoveredAt() : Long.MAX_VALUE))).map(l -> l.ended() - l.due()).toList());
    }

    Summary outsideFaults(List<FaultInjector.Outcome> faults) {
        return Summary.of(lives.stream().filter(l -> faults.stream().noneMatch(f -> l.due() >= f.injectedAt()
                && l.due() <= (f.recovered() ? f.recoveredAt() : Long.MAX_VALUE))).map(l -> l.ended() - l.due()).toList());
    }

    /** How many sagas were in flight when the fault was injected: placed before it, ended after it. */
    long inFlightAt(FaultInjector.Outcome fault) {
        return lives.stream().filter(l -> l.placed() <= fault.injectedAt() && l.ended() > fault.injectedAt()).count();
    }
}
