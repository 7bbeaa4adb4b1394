package com.musiccorp.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The run's figures as a plain-text table, beside the targets of the performance issue (#11): the
 * same figures README's performance table compares.
 */
final class ReportTable {
    private ReportTable() {
    }

    static String render(JsonNode r) {
        StringBuilder b = new StringBuilder();
        JsonNode m = r.get("machine");
        b.append(String.format("Machine: %d cores, %d MB, %s; load before %s, after %s%n", m.get("cores").asInt(),
                m.get("memoryMb").asLong(), m.get("jdk").asText(), m.get("loadAverageBefore"), r.get("machineLoadAfter")));
        row(b, "Figure", "Value", "Target");
        row(b, "-".repeat(44), "-".repeat(44), "-".repeat(22));
        JsonNode raw = r.get("rawLimit");
        row(b, "Raw producer (acks=all, " + raw.get("recordSize").asInt() + " B, 6 partitions)",
                f(raw.get("producerRecordsPerSec")) + " rec/s, p99 " + f(raw.get("producerP99LatencyMs")) + " ms", "");
        row(b, "Raw consumer", f(raw.get("consumerRecordsPerSec")) + " rec/s", "");
        JsonNode t = r.get("sagaThroughput");
        for (JsonNode s : t.get("steps")) {
            row(b, "  step " + s.get("rate").asInt() + " orders/s",
                    f(s.get("ordersAtRestPerSec")) + " at rest/s, " + f(s.get("eventsWrittenPerSec")) + " offsets/s, backlog "
                            + s.get("backlogAtEnd").asLong() + (s.get("sustained").asBoolean() ? " ok" : " GROWING"), "");
        }
        row(b, "Saga throughput sustained", t.get("sustainedRate").asInt() + " orders/s offered, "
                + f(t.get("sustainedOrdersPerSec")) + " at rest/s", ">= 300 orders/s");
        row(b, "Offsets written, all topics (sustained)", f(t.get("sustainedEventsWrittenPerSec")) + "/s = "
                + pct(r.get("sustainedEventsToRawProducerRatio")) + " of raw producer", "");
        row(b, "Offsets written, all topics (best step)", f(t.get("peakEventsWrittenPerSec")) + "/s = "
                + pct(r.get("peakEventsToRawProducerRatio")) + " of raw producer", "");
        JsonNode split = t.get("recordsPerOrder");
        if (split != null) {
            row(b, "Records per order at rest (step " + split.get("step").asInt() + (split.get("sustained").asBoolean()
                    ? ")" : ", not sustained)"), "data " + f(split.get("data")) + " + EOS overhead "
                    + f(split.get("eosOverhead")) + " = " + f(split.get("total")), "data <= 35");
            row(b, "  data by topic kind", dataByKind(split), "");
            row(b, "  EOS overhead", eosOverhead(split), "");
        }
        JsonNode ceiling = r.get("topologyCeiling");
        if (ceiling != null) {
            row(b, "Ceiling: one EOS topology (RocksDB, 1 thread)", f(ceiling.get("recordsPerSec")) + " rec/s from backlog, "
                    + f(ceiling.get("liveRecordsPerSec")) + " live; " + f(ceiling.get("offsetsWrittenPerInputRecord"))
                    + " offsets/record", "");
            row(b, "  ceiling rec/s vs the saga (sustained step)", f(ceiling.get("ratioToSagaSustainedEventsWrittenPerSec"))
                    + " x its " + f(ceiling.get("sagaSustainedEventsWrittenPerSec")) + " offsets/s, "
                    + f(ceiling.get("ratioToSagaSustainedEventRecordsPerSec")) + " x its "
                    + f(ceiling.get("sagaSustainedEventRecordsPerSec")) + " event records/s", "");
        }
        latency(b, r.get("sagaLatency"), "p50 <= 150, p99 <= 400 ms");
        latency(b, r.get("sagaLatencyAt100"), "");
        JsonNode transitions = r.get("transitionLatency");
        if (transitions != null) {
            row(b, "Transitions @ " + f(transitions.get("rate")) + " orders/s (seen -> seen)", transitions.get("eventsWithCauseSeen").asLong()
                    + " of " + transitions.get("eventsSeen").asLong() + " events with their cause, " + transitions.get("eventsWithoutHeaders").asLong()
                    + " without headers", "");
            int shown = 0;
            for (JsonNode tr : transitions.get("transitions")) {
                if (shown++ == TOP_TRANSITIONS) break;
                row(b, "  " + tr.get("transition").asText(), "n " + tr.get("count").asLong() + ", p50 " + f(tr.get("p50"))
                        + ", p99 " + f(tr.get("p99")) + " ms", "");
            }
            row(b, "  no cause on the topics, by type", transitions.get("unlinked").toString(), "");
        }
        JsonNode rp = r.get("replay");
        row(b, "Replay saga-status (" + rp.get("eventsWritten").asLong() + " events)", f(rp.get("eventsPerSec"))
                + " events/s (" + f(rp.get("secondsFromReady")) + " s" + (rp.get("caughtUp").asBoolean() ? ")"
                : ", NOT caught up: rate of what was folded)"), ">= 60,000 events/s");
        JsonNode rb = rp.path("rebuild");
        if (rb.has("eventsPerSec")) {
            row(b, "  the same as a rebuild (rebuild profile)", f(rb.get("eventsPerSec")) + " events/s ("
                    + f(rb.get("seconds")) + " s to " + rb.get("phase").asText() + ")", "");
        }
        for (var it = r.get("queryRate").fields(); it.hasNext(); ) {
            var q = it.next();
            JsonNode warmUp = q.getValue().path("warmUp");
            row(b, "Query GET /sagas/{id}, " + q.getKey(), f(q.getValue().get("requestsPerSec")) + " req/s, p99 "
                    + f(q.getValue().get("p99Ms")) + " ms" + (warmUp.has("requestsPerSec")
                    ? " (warm-up " + f(warmUp.get("requestsPerSec")) + " req/s)" : ""),
                    q.getKey().equals("throughApi") ? ">= 20,000 req/s, p99 <= 10 ms" : "");
        }
        long totalRss = 0;
        for (var it = r.get("processes").fields(); it.hasNext(); ) {
            var p = it.next();
            totalRss += p.getValue().get("peakRssMb").asLong();
            row(b, "Process " + p.getKey(), p.getValue().get("peakRssMb").asLong() + " MB peak RSS, "
                    + f(p.getValue().get("cpuSeconds")) + " CPU s", "");
        }
        row(b, "Peak RSS, every process of the system", totalRss + " MB", "<= 1,536 MB");
        if (rp.has("peakRssMb")) {
            row(b, "Process saga-status (replay)", rp.get("peakRssMb").asLong() + " MB peak RSS, " + f(rp.get("cpuSeconds")) + " CPU s", "");
        }
        return b.toString();
    }

    /** How many transitions the table shows (most frequent first); the JSON has them all. */
    static final int TOP_TRANSITIONS = 12;

    private static void latency(StringBuilder b, JsonNode l, String target) {
        if (l == null) return;
        JsonNode e2e = l.get("endToEndMs");
        row(b, "Saga latency @ " + f(l.get("rate")) + " orders/s (due -> seen)", "p50 " + f(e2e.get("p50")) + ", p95 "
                + f(e2e.get("p95")) + ", p99 " + f(e2e.get("p99")) + ", max " + f(e2e.get("max")) + " ms", target);
        JsonNode happy = l.get("completedPathMs");
        row(b, "  completed path only", "p50 " + f(happy.get("p50")) + ", p99 " + f(happy.get("p99")) + " ms", "");
        JsonNode et = l.get("eventTimeMs");
        row(b, "  by event time (decided)", "p50 " + f(et.get("p50")) + ", p99 " + f(et.get("p99")) + ", max " + f(et.get("max")) + " ms", "");
    }

    /** Data records per order by kind of topic, e.g. {@code events 9.0, changelog 14.2, repartition 8.1, other 0.0}. */
    static String dataByKind(JsonNode split) {
        JsonNode k = split.get("dataByKind");
        return "events " + f1(k.get("events")) + ", changelog " + f1(k.get("changelog")) + ", repartition "
                + f1(k.get("repartition")) + ", other " + f1(k.get("other"));
    }

    /** EOS overhead per order, e.g. {@code markers 40.0, offset commits 30.0, transaction log 10.0}. */
    static String eosOverhead(JsonNode split) {
        return "markers " + f1(split.get("markers")) + ", offset commits " + f1(split.get("offsetCommits"))
                + ", transaction log " + f1(split.get("transactionLog"));
    }

    private static String f1(JsonNode n) {
        return n == null ? "-" : String.format("%.1f", n.asDouble());
    }

    private static void row(StringBuilder b, String a, String v, String target) {
        b.append(String.format("%-46s %-58s %s%n", a, v, target));
    }

    private static String pct(JsonNode n) {
        return String.format("%.1f %%", n.asDouble() * 100);
    }

    private static String f(JsonNode n) {
        if (n == null || n.isMissingNode()) return "-";
        double d = n.asDouble();
        return d >= 100 ? String.format("%,.0f", d) : String.format("%.2f", d);
    }
}
