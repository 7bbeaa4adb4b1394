package com.musiccorp.faults;

import java.time.Duration;

/**
 * At rest, the state built live through every fault must equal a fold of the topics: orders is
 * rebuilt beside its live store (CAUGHT_UP) and the two digests compared; saga-status's live digest
 * is taken, then it is rebuilt (it switches to the rebuild) and the new generation's digest compared.
 */
final class RebuildChecks {
    private final SystemUnderFaults system;

    RebuildChecks(SystemUnderFaults system) {
        this.system = system;
    }

    InvariantResult ordersDigest(Duration atMost) {
        var t = new InvariantResult.Tally("orders: live digest = digest of a rebuild from the topics");
        String live = digest("orders", "");
        String phase = rebuild("orders", atMost);
        String rebuilt = phase.equals("CAUGHT_UP") ? digest("orders", "?of=rebuild") : null;
        t.check(live != null && live.equals(rebuilt), "live " + live + ", rebuild " + phase + " " + rebuilt);
        Http.send("DELETE", system.api() + "/admin/orders/rebuild");
        return t.result();
    }

    InvariantResult sagaStatusDigest(Duration atMost) {
        var t = new InvariantResult.Tally("saga-status: live digest = digest of a rebuild from the topics");
        String live = digest("saga-status", "");
        String phase = rebuild("saga-status", atMost);
        String rebuilt = phase.equals("SWITCHED") ? digest("saga-status", "") : null;
        t.check(live != null && live.equals(rebuilt), "live " + live + ", rebuild " + phase + " " + rebuilt);
        return t.result();
    }

    private String rebuild(String context, Duration atMost) {
        // one rebuild at a time: one started during the load must have finished first
        Waits.until(atMost, Duration.ofMillis(500), () -> !Http.get(system.api() + "/admin/" + context + "/rebuild")
                .body().path("phase").asText("").equals("REBUILDING"));
        Http.Answer started = Http.post(system.api() + "/admin/" + context + "/rebuild", "{}", null);
        if (started.status() != 202) return "refused " + started.status() + " " + started.raw();
        String[] phase = {"REBUILDING"};
        Waits.until(atMost, Duration.ofMillis(250), () -> {
            Http.Answer a = Http.get(system.api() + "/admin/" + context + "/rebuild");
            if (a.status() == 200) phase[0] = a.body().path("phase").asText();
            return !phase[0].equals("REBUILDING");
        });
        return phase[0];
    }

    private String digest(String context, String query) {
        for (int i = 0; i < 40; i++) {
            Http.Answer a = Http.get(system.api() + "/admin/" + context + "/digest" + query);
            if (a.status() == 200) return a.body().path("sha256").asText(null);
            Waits.pause(Duration.ofMillis(250));
        }
        return null;
    }
}
