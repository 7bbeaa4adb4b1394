package com.musiccorp.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** The run's figures as a plain-text table, beside the targets. */
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
                + f(t.get("sustainedOrdersPerSec")) + " at rest/s", ">= 1,000 orders/s");
        row(b, "Offsets written, all topics (sustained)", f(t.get("sustainedEventsWrittenPerSec")) + "/s = "
                + pct(r.get("sustainedEventsToRawProducerRatio")) + " of raw producer", "");
        row(b, "Offsets written, all topics (best step)", f(t.get("peakEventsWrittenPerSec")) + "/s = "
                + pct(r.get("peakEventsToRawProducerRatio")) + " of raw producer", "");
        JsonNode l = r.get("sagaLatency");
        JsonNode e2e = l.get("endToEndMs");
        row(b, "Saga latency @ " + f(l.get("rate")) + " orders/s (due -> seen)", "p50 " + f(e2e.get("p50")) + ", p95 "
                + f(e2e.get("p95")) + ", p99 " + f(e2e.get("p99")) + ", max " + f(e2e.get("max")) + " ms", "p99 <= 250 ms");
        JsonNode happy = l.get("completedPathMs");
        row(b, "  completed path only", "p50 " + f(happy.get("p50")) + ", p99 " + f(happy.get("p99")) + " ms", "");
        JsonNode et = l.get("eventTimeMs");
        row(b, "  by event time (inherited)", "p50 " + f(et.get("p50")) + ", p99 " + f(et.get("p99")) + ", max " + f(et.get("max")) + " ms", "");
        JsonNode rp = r.get("replay");
        row(b, "Replay saga-status (" + rp.get("eventsWritten").asLong() + " events)", f(rp.get("eventsPerSec"))
                + " events/s (" + f(rp.get("secondsFromReady")) + " s" + (rp.get("caughtUp").asBoolean() ? ")"
                : ", NOT caught up: rate of what was folded)"), ">= 100,000 events/s");
        for (var it = r.get("queryRate").fields(); it.hasNext(); ) {
            var q = it.next();
            row(b, "Query GET /sagas/{id}, " + q.getKey(), f(q.getValue().get("requestsPerSec")) + " req/s, p99 "
                    + f(q.getValue().get("p99Ms")) + " ms", ">= 10,000 req/s, p99 <= 10 ms");
        }
        for (var it = r.get("processes").fields(); it.hasNext(); ) {
            var p = it.next();
            row(b, "Process " + p.getKey(), p.getValue().get("peakRssMb").asLong() + " MB peak RSS, "
                    + f(p.getValue().get("cpuSeconds")) + " CPU s", "");
        }
        if (rp.has("peakRssMb")) {
            row(b, "Process saga-status (replay)", rp.get("peakRssMb").asLong() + " MB peak RSS, " + f(rp.get("cpuSeconds")) + " CPU s", "");
        }
        return b.toString();
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
