package com.musiccorp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
            assertPlausibleSplit(step.get("recordsPerOrder"), step);
        }
        JsonNode split = r.at("/sagaThroughput/recordsPerOrder");
        assertThat(split.isObject()).as("sagaThroughput.recordsPerOrder").isTrue();
        assertThat(split.get("step").asInt()).isIn(5, 10);
        assertThat(split.get("data").asDouble()).isPositive();
        assertThat(split.get("markers").asDouble()).isGreaterThanOrEqualTo(0);
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

        // The second latency run keeps its key; the smoke runs it at its first step's rate.
        JsonNode at100 = r.at("/sagaLatencyAt100");
        assertThat(at100.get("rate").asDouble()).isEqualTo(5.0);
        assertThat(at100.get("sent").asLong()).isPositive();
        assertThat(at100.at("/endToEndMs/count").asLong()).isEqualTo(at100.get("sent").asLong());
        assertThat(at100.at("/endToEndMs/p99").asDouble()).isGreaterThanOrEqualTo(at100.at("/endToEndMs/p50").asDouble());

        for (String key : new String[]{"/transitionLatency", "/transitionLatencyAt100"}) {
            JsonNode transitions = r.at(key);
            assertThat(transitions.get("eventsSeen").asLong()).as(key).isPositive();
            // Every event carries the saga headers (platform/streams EventHeaders).
            assertThat(transitions.get("eventsWithoutHeaders").asLong()).as(key).isZero();
            JsonNode placedToReserved = null;
            long previousCount = Long.MAX_VALUE;
            for (JsonNode t : transitions.get("transitions")) {
                assertThat(t.get("count").asLong()).as(key + " sorted by count").isLessThanOrEqualTo(previousCount);
                previousCount = t.get("count").asLong();
                assertThat(t.get("p99").asDouble()).isGreaterThanOrEqualTo(t.get("p50").asDouble());
                if (t.get("transition").asText().equals("OrderPlaced -> StockReserved")) placedToReserved = t;
            }
            assertThat(placedToReserved).as(key + ": OrderPlaced -> StockReserved").isNotNull();
            assertThat(placedToReserved.get("count").asLong()).isPositive();
            assertThat(placedToReserved.get("p50").asDouble()).isPositive();
        }

        JsonNode ceiling = r.at("/topologyCeiling");
        assertThat(ceiling.get("inputRecords").asLong()).isEqualTo(20_000);
        assertThat(ceiling.get("recordsPerSec").asDouble()).isPositive();
        assertThat(ceiling.get("liveRecordsPerSec").asDouble()).isPositive();
        assertThat(ceiling.get("commitIntervalMs").asInt()).isEqualTo(r.at("/config/commitIntervalMs").asInt());
        // At least its output record per input, plus changelog records, markers and offset commits.
        assertThat(ceiling.get("offsetsWrittenPerInputRecord").asDouble()).isGreaterThan(1);
        assertThat(ceiling.has("ratioToSagaSustainedEventsWrittenPerSec")).isTrue();

        JsonNode replay = r.at("/replay");
        assertThat(replay.get("eventsWritten").asLong()).isGreaterThanOrEqualTo(20_000);
        assertThat(replay.get("caughtUp").asBoolean()).isTrue();
        assertThat(replay.get("eventsPerSec").asDouble()).isPositive();
        // The fresh projection folded every synthetic saga.
        assertThat(replay.get("sagasCountedByProjection").asLong()).isEqualTo(replay.get("sagas").asLong());
        assertThat(replay.at("/rebuild/phase").asText()).as("the same events rebuilt as an operator would").isEqualTo("SWITCHED");
        assertThat(replay.at("/rebuild/eventsRead").asLong()).isGreaterThanOrEqualTo(replay.get("eventsWritten").asLong());
        assertThat(replay.at("/rebuild/deadLetters").asLong()).isZero();

        for (String target : new String[]{"sagaStatusDirect", "throughApi"}) {
            JsonNode q = r.at("/queryRate/" + target);
            assertThat(q.get("requestsPerSec").asDouble()).as(target).isPositive();
            assertThat(q.get("p99Ms").asDouble()).as(target).isPositive();
            assertThat(q.get("non2xx").asLong()).as(target).isZero();
            // Measured after an unmeasured warm-up of the same load, whose rate is kept beside it.
            JsonNode warmUp = q.at("/warmUp");
            assertThat(warmUp.get("rounds")).as(target).hasSizeBetween(1, r.at("/config/queryWarmUpMaxRounds").asInt());
            assertThat(warmUp.get("seconds").asLong()).as(target)
                    .isEqualTo(warmUp.get("rounds").size() * r.at("/config/queryWarmUpRoundSeconds").asLong()).isPositive();
            assertThat(warmUp.get("requestsPerSec").asDouble()).as(target).isPositive();
        }

        JsonNode processes = r.at("/processes");
        // The bounded contexts and the api share one JVM by default (the start command's process=app),
        // reported once as "app"; each alone under MUSICCORP_PROCESSES=per-service.
        List<String> app = List.of("orders", "warehouse", "payments", "loyalty", "notifications", "saga-status", "api");
        List<String> names = new java.util.ArrayList<>();
        processes.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsAll(SystemUnderTest.ALL_SERVICES.stream().filter(s -> !app.contains(s)).toList());
        assertThat(names.contains("app") || names.containsAll(app)).as("the app's services in " + names).isTrue();
        processes.forEach(p -> {
            assertThat(p.get("peakRssMb").asLong()).isPositive();
            assertThat(p.get("cpuSeconds").asDouble()).isPositive();
        });
    }

    /** Data records and EOS overhead per order add up to the offsets the step wrote. */
    private static void assertPlausibleSplit(JsonNode split, JsonNode step) {
        String at = "step " + step.get("rate").asInt() + " recordsPerOrder";
        assertThat(split).as(at).isNotNull();
        assertThat(split.at("/records/complete").asBoolean()).as(at).isTrue();
        assertThat(split.get("ordersAtRest").asLong()).as(at).isEqualTo(step.get("ordersAtRestInStep").asLong());
        assertThat(split.at("/records/data").asLong()).as(at).isPositive();
        assertThat(split.at("/records/offsetCommits").asLong()).as(at).isPositive();
        assertThat(split.at("/records/transactionLog").asLong()).as(at).isPositive();
        assertThat(split.get("markers").asDouble()).as(at).isGreaterThanOrEqualTo(0);
        if (split.get("ordersAtRest").asLong() > 0) { // per order only once an order came to rest in the step
            assertThat(split.get("data").asDouble()).as(at).isPositive();
            assertThat(split.at("/dataByKind/events").asDouble()).as(at).isPositive();
            // The warehouse's line requests and answers: deleted once consumed, still counted as data.
            assertThat(split.at("/dataByKind/repartition").asDouble()).as(at).isPositive();
            assertThat(split.at("/records/dataByTopic").fieldNames()).toIterable().as(at)
                    .anyMatch(t -> t.endsWith("line-requests-repartition"));
        }
        assertThat(split.at("/records/offsets").asLong()).as(at).isEqualTo(step.get("offsetsWritten").asLong());
        JsonNode abs = split.get("records");
        assertThat(abs.get("data").asLong() + abs.get("markers").asLong() + abs.get("offsetCommits").asLong()
                + abs.get("transactionLog").asLong() + abs.get("otherInternal").asLong()).as(at)
                .isEqualTo(abs.get("offsets").asLong());
    }
}
