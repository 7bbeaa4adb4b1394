package com.musiccorp.faults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's result: the headline line, each fault with its recovery time and the sagas it hit in
 * flight, saga latency during and outside faults, and every invariant with its counts; printed as a
 * table and written as JSON.
 */
public record FaultReport(String summary, Invariants.Headline headline, List<InvariantResult> invariants,
                   List<FaultInjector.Outcome> faults, Map<String, Long> inFlight, Map<String, Integer> faultCounts,
                   SagaLatencies.Summary duringFaults, ObjectNode json) {

    public boolean passed() {
        return invariants.stream().allMatch(InvariantResult::holds);
    }

    static FaultReport of(String runId, FaultOptions options, int sagas, Map<String, Integer> faultCounts,
                          List<FaultInjector.Outcome> faults, SagaLatencies latencies, Invariants invariants,
                          ObjectNode extra) {
        Invariants.Headline h = invariants.headline();
        String summary = String.format("%,d sagas; faults %s: lost %d, duplicated %d, ghost charges %d, duplicate e-mails %d, stuck %d",
                sagas, new TreeMap<>(faultCounts), h.lost(), h.duplicated(), h.ghostCharges(), h.duplicateEmails(), h.stuck());
        ObjectNode json = Http.JSON.createObjectNode();
        json.put("run", runId);
        json.put("summary", summary);
        ObjectNode config = json.putObject("configuration");
        config.put("sagas", options.sagas()).put("ratePerSecond", options.ratePerSecond()).put("smoke", options.smoke())
                .put("processModel", "per-service").put("cores", Runtime.getRuntime().availableProcessors());
        json.set("headline", Http.JSON.valueToTree(h));
        ObjectNode counts = json.putObject("faults");
        new TreeMap<>(faultCounts).forEach(counts::put);
        ArrayNode each = json.putArray("faultOutcomes");
        Map<String, Long> inFlight = new java.util.LinkedHashMap<>();
        for (FaultInjector.Outcome f : faults) {
            long hit = latencies.inFlightAt(f);
            inFlight.put(f.kind() + " " + f.target(), hit);
            each.addObject().put("kind", f.kind()).put("target", f.target()).put("injectedAt", f.injectedAt())
                    .put("faultLastedMs", f.endedAt() - f.injectedAt()).put("recoveryMs", f.recoveryMillis())
                    .put("sagasInFlight", hit).put("note", f.note());
        }
        SagaLatencies.Summary during = latencies.duringFaults(faults);
        ObjectNode latency = json.putObject("sagaLatencyMs");
        latency.set("all", Http.JSON.valueToTree(latencies.all()));
        latency.set("duringFaults", Http.JSON.valueToTree(during));
        latency.set("outsideFaults", Http.JSON.valueToTree(latencies.outsideFaults(faults)));
        json.setAll(extra);
        ArrayNode inv = json.putArray("invariants");
        for (InvariantResult r : invariants.results()) {
            ObjectNode o = inv.addObject().put("name", r.name()).put("holds", r.holds()).put("checked", r.checked())
                    .put("violations", r.violations());
            r.examples().forEach(o.putArray("examples")::add);
        }
        boolean passed = invariants.results().stream().allMatch(InvariantResult::holds);
        json.put("passed", passed);
        return new FaultReport(summary, h, invariants.results(), faults, inFlight, faultCounts, during, json);
    }

    void print(PrintStream out) {
        out.println();
        out.println(summary);
        out.printf("%-22s %-16s %12s %12s %10s%n", "FAULT", "TARGET", "LASTED ms", "RECOVERY ms", "IN FLIGHT");
        for (var f : json.path("faultOutcomes")) {
            out.printf("%-22s %-16s %12d %12d %10d%n", f.path("kind").asText(), f.path("target").asText(),
                    f.path("faultLastedMs").asLong(), f.path("recoveryMs").asLong(), f.path("sagasInFlight").asLong());
        }
        var lat = json.path("sagaLatencyMs");
        out.printf("saga latency (due -> ending), ms: all p50 %d p99 %d; during faults p99 %d (%d sagas); outside p99 %d%n",
                lat.path("all").path("p50").asLong(), lat.path("all").path("p99").asLong(),
                lat.path("duringFaults").path("p99").asLong(), lat.path("duringFaults").path("count").asLong(),
                lat.path("outsideFaults").path("p99").asLong());
        out.printf("%-4s %-100s %8s %10s%n", "", "INVARIANT", "CHECKED", "VIOLATIONS");
        for (InvariantResult r : invariants) {
            out.printf("%-4s %-100s %8d %10d%n", r.holds() ? "ok" : "FAIL", r.name(), r.checked(), r.violations());
            for (String e : r.examples()) out.println("       " + e);
        }
        out.println(passed() ? "every invariant holds" : "SOME INVARIANTS FAIL");
    }

    /** Writes {@code latest.json} and {@code <run>.json} into {@code dir}. */
    void write(Path dir, String runId) throws IOException {
        Files.createDirectories(dir);
        String text = Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
        Files.writeString(dir.resolve(runId + ".json"), text);
        Files.writeString(dir.resolve("latest.json"), text);
    }
}
