package com.musiccorp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The smoke configuration end to end: the whole system started, every phase run, and every figure
 * present and plausible. It asserts no speed target: the machine decides those.
 */
class SagaBenchmarkSmokeIT {

    @Test
    void smokeRunMeasuresEveryFigure() throws Exception {
        Path root = SagaBenchmark.repositoryRoot();
        Path resultsDir = root.resolve("benchmarks/target/smoke-it-results");
        Path written = assertTimeoutPreemptively(Duration.ofMinutes(10),
                () -> SagaBenchmark.run(root, "--smoke", "--results-dir", resultsDir.toString()));

        assertThat(written).isEqualTo(resultsDir.resolve("smoke-latest.json"));
        try (var files = Files.list(resultsDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.matches("smoke-\\d{8}-\\d{6}\\.json"));
        }
        JsonNode r = new ObjectMapper().readTree(Files.readString(written));

        assertThat(r.at("/machine/cores").asInt()).isPositive();
        assertThat(r.at("/machine/memoryMb").asLong()).isPositive();
        assertThat(r.at("/machine/jdk").asText()).isNotBlank();
        assertThat(r.at("/config/partitionsPerOrderTopic").asInt()).isEqualTo(6);
        assertThat(r.at("/config/processingGuarantee").asText()).isEqualTo("exactly_once_v2");
        assertThat(r.at("/averageEventBytes").asDouble()).isGreaterThan(50);

        assertThat(r.at("/rawLimit/producerRecordsPerSec").asDouble()).isPositive();
        assertThat(r.at("/rawLimit/consumerRecordsPerSec").asDouble()).isPositive();

        JsonNode steps = r.at("/sagaThroughput/steps");
        assertThat(steps).hasSize(2);
        for (JsonNode step : steps) {
            assertThat(step.get("sent").asLong()).isEqualTo(step.get("rate").asLong() * 6);
            assertThat(step.get("failed").asLong()).isZero();
            // Every saga writes several events, plus changelog and repartition records, per order.
            assertThat(step.get("eventsWrittenPerSec").asDouble()).isGreaterThan(step.get("rate").asDouble());
            assertThat(step.get("consumerLagAtEndByContext").size()).isEqualTo(6);
        }
        assertThat(r.at("/sagaThroughput/sustainedRate").isInt()).isTrue();
        assertThat(r.at("/peakEventsToRawProducerRatio").asDouble()).isPositive();
        // The mix: each kind of order was placed.
        assertThat(r.at("/ordersByKind").size()).isEqualTo(OrderMix.Kind.values().length);

        JsonNode latency = r.at("/sagaLatency");
        assertThat(latency.get("sent").asLong()).isPositive();
        assertThat(latency.at("/endToEndMs/count").asLong()).isEqualTo(latency.get("sent").asLong());
        assertThat(latency.at("/endToEndMs/p50").asDouble()).isPositive();
        assertThat(latency.at("/endToEndMs/p99").asDouble()).isGreaterThanOrEqualTo(latency.at("/endToEndMs/p50").asDouble());
        assertThat(latency.at("/endToEndMs/max").asDouble()).isGreaterThanOrEqualTo(latency.at("/endToEndMs/p99").asDouble());
        assertThat(latency.at("/eventTimeMs/count").asLong()).isPositive();

        JsonNode replay = r.at("/replay");
        assertThat(replay.get("eventsWritten").asLong()).isGreaterThanOrEqualTo(20_000);
        assertThat(replay.get("caughtUp").asBoolean()).isTrue();
        assertThat(replay.get("eventsPerSec").asDouble()).isPositive();
        // The fresh projection folded every synthetic saga.
        assertThat(replay.get("sagasCountedByProjection").asLong()).isEqualTo(replay.get("sagas").asLong());

        for (String target : new String[]{"sagaStatusDirect", "throughApi"}) {
            JsonNode q = r.at("/queryRate/" + target);
            assertThat(q.get("requestsPerSec").asDouble()).as(target).isPositive();
            assertThat(q.get("p99Ms").asDouble()).as(target).isPositive();
            assertThat(q.get("non2xx").asLong()).as(target).isZero();
        }

        JsonNode processes = r.at("/processes");
        assertThat(processes.fieldNames()).toIterable().containsAll(SystemUnderTest.ALL_SERVICES);
        processes.forEach(p -> {
            assertThat(p.get("peakRssMb").asLong()).isPositive();
            assertThat(p.get("cpuSeconds").asDouble()).isPositive();
        });
    }
}
