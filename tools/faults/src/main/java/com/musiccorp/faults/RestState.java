package com.musiccorp.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Healing and waiting for rest: every process running (SIGCONT to all) and READY, every context's
 * consumer lag 0, and the saga counts unchanged across consecutive looks with nothing in progress.
 */
final class RestState {
    private final SystemUnderFaults system;
    private final PrintStream out;
    private Map<String, Long> lastLag = Map.of();
    private JsonNode lastCounts;

    RestState(SystemUnderFaults system, PrintStream out) {
        this.system = system;
        this.out = out;
    }

    void heal(Duration atMost) {
        system.thawAll();
        if (!Waits.until(atMost, Duration.ofMillis(200), system::everyServiceReady)) {
            out.println("  not every service is READY after healing: see " + system.stateDir().resolve("services.tsv"));
        }
    }

    /** True once at rest; false when {@code atMost} ran out first (what was left is in {@link #lastLag()}). */
    boolean await(Duration atMost) {
        JsonNode[] previous = {null};
        return Waits.until(atMost, Duration.ofSeconds(1), () -> {
            try {
                lastLag = ConsumerLag.perGroup(system);
            } catch (Exception e) {
                return false;
            }
            Http.Answer counts = Http.get(system.api() + "/sagas/counts");
            if (counts.status() != 200) return false;
            lastCounts = counts.body();
            JsonNode c = counts.body().path("counts");
            long settled = c.path("COMPLETED").asLong() + c.path("CANCELLED").asLong();
            boolean unchanged = Objects.equals(previous[0], counts.body());
            previous[0] = counts.body();
            return ConsumerLag.total(lastLag) == 0 && unchanged && settled == counts.body().path("total").asLong();
        });
    }

    Map<String, Long> lastLag() {
        return lastLag;
    }

    JsonNode lastCounts() {
        return lastCounts;
    }
}
