package com.musiccorp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay rate: a scratch broker and registry (own ports and state), the synthetic sagas written
 * to its event topics, then a fresh saga-status process (empty state, the same application id,
 * which is not configurable, on the scratch broker) timed until its consumer group has no lag on
 * the event topics and its repartition topic: every event folded and committed, by the live
 * topology with the live settings. Then the same events once more as an operator rebuilds:
 * {@code POST /admin/saga-status/rebuild}, a new generation beside the serving one with the rebuild
 * profile (large record cache, long commits, more stream threads), timed until it has switched.
 */
final class Replay {
    static final String GROUP = "musiccorp-saga-status";

    private Replay() {
    }

    static ObjectNode run(Path root, Path dir, List<List<EventSample.Written>> templates, long events, Duration cap,
                          PrintStream out, PrintStream console) throws Exception {
        ObjectNode result = SagaLoad.JSON.createObjectNode();
        try (SystemUnderTest scratch = SystemUnderTest.start(root, dir.resolve("broker"),
                List.of("kafka", "schema-registry"), Map.of(), console)) {
            long t0 = System.nanoTime();
            long written = SyntheticSagas.write(scratch.bootstrapServers(), scratch.registryConfig(), templates, events);
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf("  wrote %d synthetic events (%d sagas) in %.1f s; starting a fresh saga-status%n",
                    written, sagasOf(templates, written), writeSeconds);
            Map<String, String> settings = new HashMap<>();
            settings.put("KAFKA_BOOTSTRAP_SERVERS", scratch.bootstrapServers());
            settings.put("SCHEMA_REGISTRY_URL", scratch.registryUrl());
            if (scratch.registryUserInfo() != null) settings.put("REGISTRY_USER_INFO", scratch.registryUserInfo());
            settings.put("SAGA_STATUS_HTTP_PORT", String.valueOf(SystemUnderTest.freePort()));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, scratch.bootstrapServers()))) {
                long start = System.nanoTime();
                try (SystemUnderTest projection = SystemUnderTest.start(root, dir.resolve("saga-status"),
                        List.of("saga-status"), settings, console)) {
                    long ready = System.nanoTime();
                    ProcStats before = projection.processStats().get("saga-status");
                    Progress p;
                    try (StackSampler sampler = before == null ? null : new StackSampler(before.pid(), 1000)) {
                        p = awaitNoLag(admin, written, cap);
                        if (sampler != null) result.set("profile", sampler.summary(8));
                    }
                    double fromStart = (p.atNanos() - start) / 1e9, fromReady = (p.atNanos() - ready) / 1e9;
                    result.put("caughtUp", p.caughtUp());
                    result.put("eventsFolded", p.folded());
                    result.put("eventsWritten", written);
                    result.put("sagas", sagasOf(templates, written));
                    result.put("writeSeconds", SagaLoad.round(writeSeconds));
                    result.put("secondsFromProcessStart", SagaLoad.round(fromStart));
                    result.put("secondsFromReady", SagaLoad.round(fromReady));
                    result.put("eventsPerSec", SagaLoad.round(p.folded() / fromReady));
                    result.put("eventsPerSecIncludingStartup", SagaLoad.round(p.folded() / fromStart));
                    result.put("sagasCountedByProjection", sagasCounted(projection.sagaStatus()));
                    ProcStats stats = projection.processStats().get("saga-status");
                    if (stats != null) {
                        result.put("peakRssMb", stats.peakRssKb() / 1024);
                        result.put("cpuSeconds", stats.cpuSeconds());
                    }
                    result.set("rebuild", rebuild(projection.sagaStatus(), cap, out));
                    stats = projection.processStats().get("saga-status");
                    if (stats != null) result.put("peakRssMbWithRebuild", stats.peakRssKb() / 1024);
                }
            }
        }
        return result;
    }

    /**
     * {@code POST /admin/saga-status/rebuild} on the caught-up projection, polled until the new
     * generation has switched (or failed, or the cap passed): its events read over the wall time
     * from the request to the switch, and the status's own figures.
     */
    private static ObjectNode rebuild(String sagaStatusUrl, Duration cap, PrintStream out) throws Exception {
        ObjectNode result = SagaLoad.JSON.createObjectNode();
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(sagaStatusUrl + "/admin/saga-status/rebuild");
        long start = System.nanoTime();
        HttpResponse<String> started = http.send(ApiCaller.authorized(HttpRequest.newBuilder(uri))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            result.put("refused", started.statusCode() + " " + started.body());
            return result;
        }
        long deadline = start + cap.toNanos();
        JsonNode status = SagaLoad.JSON.readTree(started.body());
        while (status.path("phase").asText().equals("REBUILDING") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            HttpResponse<String> r = http.send(ApiCaller.authorized(HttpRequest.newBuilder(uri)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) status = SagaLoad.JSON.readTree(r.body());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long events = status.path("eventsDone").asLong();
        result.put("phase", status.path("phase").asText());
        result.put("eventsRead", events);
        result.put("seconds", SagaLoad.round(seconds));
        result.put("eventsPerSec", SagaLoad.round(events / seconds));
        result.put("statusEventsPerSec", SagaLoad.round(status.path("eventsPerSecond").asDouble()));
        result.put("deadLetters", status.path("deadLetters").asLong());
        out.printf("  rebuild (rebuild profile): %s, %,d events read in %.1f s%n", result.get("phase").asText(), events, seconds);
        return result;
    }

    private static long sagasOf(List<List<EventSample.Written>> templates, long written) {
        long perRound = templates.stream().mapToLong(List::size).sum();
        long rounds = written / perRound;
        long rest = written % perRound, sagas = rounds * templates.size();
        for (List<EventSample.Written> t : templates) {
            if (rest <= 0) break;
            rest -= t.size();
            sagas++;
        }
        return sagas;
    }

    /** When the replay ended, whether the group caught up, and how many source events it had committed by then. */
    record Progress(long atNanos, boolean caughtUp, long folded) {
    }

    /**
     * Polls the group's committed offsets against the end offsets until every partition is caught up,
     * or the cap passes (then the rate is what was folded by then).
     */
    private static Progress awaitNoLag(Admin admin, long written, Duration cap) throws Exception {
        long deadline = System.nanoTime() + cap.toNanos();
        long folded = 0;
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            List<String> inputs = admin.listTopics().names().get().stream()
                    .filter(t -> EventSample.SAGA_TOPICS.contains(t) || (t.startsWith(GROUP + "-") && t.endsWith("-repartition")))
                    .toList();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(inputs).allTopicNames().get().values().forEach(d -> d.partitions().forEach(p ->
                    request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            boolean caughtUp = !committed.isEmpty();
            folded = 0;
            for (var e : admin.listOffsets(request).all().get().entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                long end = e.getValue().offset();
                if (end > 0 && (c == null || c.offset() < end)) caughtUp = false;
                if (c != null && EventSample.SAGA_TOPICS.contains(e.getKey().topic())) folded += c.offset();
            }
            long now = System.nanoTime();
            if (caughtUp) return new Progress(now, true, written);
            if (now > deadline) return new Progress(now, false, Math.min(folded, written));
            Thread.sleep(100);
        }
    }

    private static long sagasCounted(String sagaStatusUrl) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(ApiCaller.authorized(HttpRequest.newBuilder(
                    URI.create(sagaStatusUrl + "/sagas/counts"))).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) return -1;
            long total = 0;
            var node = SagaLoad.JSON.readTree(r.body());
            var counts = node.has("counts") ? node.get("counts") : node;
            for (var it = counts.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getValue().isNumber()) total += e.getValue().asLong();
            }
            return total;
        } catch (Exception e) {
            return -1;
        }
    }
}
