package com.musiccorp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of every figure: the raw limit of the broker (Kafka's own perf tools), saga throughput by
 * open-loop rate steps, saga latency at half the sustained rate, the saga-status replay rate, the
 * query rate, and each process's peak RSS and CPU time. Prints a table; writes
 * {@code benchmarks/results/latest.json} and a timestamped copy.
 */
public final class SagaBenchmark {
    private SagaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(repositoryRoot(), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        System.exit(0);
    }

    /** Runs the benchmark and returns the path of the JSON it wrote. */
    public static Path run(Path root, String... args) throws Exception {
        BenchOptions o = BenchOptions.parse(root, args);
        PrintStream out = System.out;
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        String runId = stamp.replace("-", "");
        Path work = root.resolve("benchmarks/target/bench-" + stamp);
        Files.createDirectories(work);
        PrintStream console = SystemUnderTest.fileConsole(work.resolve("launcher.log"));
        ObjectNode results = SagaLoad.JSON.createObjectNode();
        results.put("run", stamp);
        results.put("configuration", o.smoke() ? "smoke" : "full");
        results.set("machine", Machine.describe());
        out.println("MusicCorp saga benchmark (" + (o.smoke() ? "smoke" : "full") + "), run " + stamp + ", work dir " + work);

        SystemUnderTest system;
        if (o.embedded()) {
            out.println("starting the system (free ports, state in " + work.resolve("system") + ") ...");
            Map<String, String> settings = new java.util.LinkedHashMap<>(SystemUnderTest.embeddedSettings());
            settings.putAll(o.env());
            system = SystemUnderTest.start(root, work.resolve("system"), SystemUnderTest.ALL_SERVICES, settings, console);
        } else {
            system = SystemUnderTest.running(root, o);
        }
        results.set("config", config(o, system));
        List<List<EventSample.Written>> templates;
        try (system; Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()));
             TerminalWatcher watcher = new TerminalWatcher(system.bootstrapServers(), system.registryConfig())) {
            Duration drainCap = Duration.ofSeconds(o.smoke() ? 20 : 90);
            SagaLoad load = new SagaLoad(system.api(), system.bootstrapServers(), runId, o.happyPathOnly(), watcher, admin,
                    out, drainCap);
            out.println("receiving stock, warming up ...");
            load.receiveStock();
            load.warmUp(o.smoke() ? 20 : 100);

            out.println("saga throughput: open-loop steps of " + o.stepDuration().toSeconds() + " s at " + o.rates() + " orders/s");
            ObjectNode throughput = load.steps(o.rates(), o.stepDuration(), o.smoke());
            results.set("sagaThroughput", throughput);

            int sustained = throughput.get("sustainedRate").asInt();
            double latencyRate = Math.max(1, (sustained > 0 ? sustained : o.rates().get(0)) / 2.0);
            latencyRun(load, system, latencyRate, o.latencyDuration(), results, "sagaLatency", "transitionLatency", out);
            latencyRun(load, system, o.fixedLatencyRate(), o.latencyDuration(), results, "sagaLatencyAt100",
                    "transitionLatencyAt100", out);
            results.put("ordersByKind", SagaLoad.JSON.valueToTree(load.kinds()));

            List<String> templateOrders = load.all.stream().filter(load::atRest).map(s -> s.orderId).limit(100).toList();
            EventSample sample = EventSample.read(system.bootstrapServers(), system.registryConfig(), templateOrders);
            templates = new ArrayList<>(sample.sagas.values().stream().filter(l -> !l.isEmpty()).toList());
            results.put("averageEventBytes", SagaLoad.round(sample.averageValueBytes));
            out.printf("average serialized saga event: %.0f bytes (of %d events)%n", sample.averageValueBytes, sample.events);

            out.println("raw limit: Kafka's ProducerPerformance / ConsumerPerformance ...");
            ObjectNode raw = RawLimit.run(admin, system.bootstrapServers(), "bench.raw-limit-" + runId, o.rawRecords(),
                    (int) Math.round(sample.averageValueBytes));
            results.set("rawLimit", raw);
            double rawRate = raw.get("producerRecordsPerSec").asDouble();
            results.put("sustainedEventsToRawProducerRatio", rawRate == 0 ? 0
                    : throughput.get("sustainedEventsWrittenPerSec").asDouble() / rawRate);
            results.put("peakEventsToRawProducerRatio", rawRate == 0 ? 0
                    : throughput.get("peakEventsWrittenPerSec").asDouble() / rawRate);

            out.println("ceiling of one topology: a minimal exactly-once stateful Kafka Streams app, " + o.ceilingRecords()
                    + " records ...");
            ObjectNode ceiling = OneTopologyCeiling.run(admin, system.bootstrapServers(), runId, o.ceilingRecords(),
                    (int) Math.round(sample.averageValueBytes), commitIntervalMs(system), work.resolve("ceiling"), out);
            compareWithSaga(ceiling, throughput);
            results.set("topologyCeiling", ceiling);
            out.printf("  %,.0f records/s from the start (live %,.0f records/s); %.1f x the saga's sustained offsets/s%n",
                    ceiling.get("recordsPerSec").asDouble(), ceiling.get("liveRecordsPerSec").asDouble(),
                    ceiling.get("ratioToSagaSustainedEventsWrittenPerSec").asDouble());

            out.println("query rate: GET /sagas/{correlationId} for " + o.queryDuration().toSeconds() + " s each, after "
                    + o.queryWarmUpRound().toSeconds() + " s rounds of the same load unmeasured until the rate settles ...");
            List<String> ids = load.correlationIds(5000);
            ObjectNode queries = SagaLoad.JSON.createObjectNode();
            queries.set("sagaStatusDirect", warmedQueryRate(system.sagaStatus(), ids, o, work.resolve("wrk")));
            queries.set("throughApi", warmedQueryRate(system.api(), ids, o, work.resolve("wrk")));
            results.set("queryRate", queries);

            ObjectNode processes = results.putObject("processes");
            system.processStats().forEach((name, s) -> {
                ObjectNode p = processes.putObject(name);
                p.put("pid", s.pid());
                p.put("peakRssMb", s.peakRssKb() / 1024);
                p.put("cpuSeconds", s.cpuSeconds());
            });
        }

        out.println("replay: " + o.replayEvents() + " synthetic events into a fresh saga-status on a scratch broker ...");
        results.set("replay", Replay.run(root, work.resolve("replay"), templates, o.replayEvents(),
                Duration.ofMinutes(o.smoke() ? 5 : 10), out, console));
        results.set("machineLoadAfter", Machine.loadAverage());

        Path written = write(results, o, stamp);
        out.println();
        out.print(ReportTable.render(results));
        out.println("results: " + written);
        deleteQuietly(work.resolve("replay"));
        return written;
    }

    /**
     * One latency run at {@code rate}: the orders' figures under {@code latencyKey}, and the latency of
     * every saga transition seen meanwhile under {@code transitionsKey}.
     */
    private static void latencyRun(SagaLoad load, SystemUnderTest system, double rate, Duration duration,
                                   ObjectNode results, String latencyKey, String transitionsKey, PrintStream out)
            throws Exception {
        out.println("saga latency at " + rate + " orders/s for " + duration.toSeconds() + " s (" + latencyKey + ") ...");
        try (TransitionWatcher transitions = new TransitionWatcher(system.bootstrapServers(), system.registryConfig())) {
            ObjectNode latency = load.latency(rate, duration);
            // The reactions to the last terminal events (their notifications) come after the drain.
            transitions.awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(10));
            ObjectNode report = transitions.report(rate);
            results.set(latencyKey, latency);
            results.set(transitionsKey, report);
            JsonNode e2e = latency.get("endToEndMs");
            out.printf("  p50 %.0f ms, p99 %.0f ms; %d transitions measured over %d events%n", e2e.get("p50").asDouble(),
                    e2e.get("p99").asDouble(), report.get("eventsWithCauseSeen").asLong(), report.get("eventsSeen").asLong());
        }
    }

    /** The ceiling beside the saga's sustained step: offsets written per second, and event records per second. */
    private static void compareWithSaga(ObjectNode ceiling, JsonNode throughput) {
        double ceilingRate = ceiling.get("recordsPerSec").asDouble();
        ceiling.put("offsetsWrittenPerSec", SagaLoad.round(ceilingRate * ceiling.get("offsetsWrittenPerInputRecord").asDouble()));
        double sagaOffsets = throughput.get("sustainedEventsWrittenPerSec").asDouble();
        ceiling.put("sagaSustainedEventsWrittenPerSec", sagaOffsets);
        ceiling.put("ratioToSagaSustainedEventsWrittenPerSec", sagaOffsets == 0 ? 0 : SagaLoad.round(ceilingRate / sagaOffsets));
        JsonNode split = throughput.get("recordsPerOrder");
        double sagaEvents = split == null || !split.path("sustained").asBoolean() ? 0
                : split.at("/dataByKind/events").asDouble() * throughput.get("sustainedOrdersPerSec").asDouble();
        ceiling.put("sagaSustainedEventRecordsPerSec", SagaLoad.round(sagaEvents));
        ceiling.put("ratioToSagaSustainedEventRecordsPerSec", sagaEvents == 0 ? 0 : SagaLoad.round(ceilingRate / sagaEvents));
    }

    /** The commit interval of the contexts a saga step waits on (what the ceiling topology commits with). */
    static int commitIntervalMs(SystemUnderTest system) {
        return StreamsSettings.commitIntervalMs(system.settings(), "orders");
    }

    /** Every context's commit interval, as the system runs it. */
    private static Map<String, Integer> commitIntervalsMs(SystemUnderTest system) {
        Map<String, Integer> byContext = new TreeMap<>();
        for (String context : TopicCatalog.contexts()) {
            byContext.put(context, StreamsSettings.commitIntervalMs(system.settings(), context));
        }
        return byContext;
    }

    /**
     * The query rate of a warm server: the same load first runs unmeasured, in rounds of
     * {@code queryWarmUpRound}, until two rounds in a row are each within 5 % of the round before
     * ({@link #SETTLED}; the JIT compiles in waves, so one steady round can be a plateau), at most
     * {@code queryWarmUpMaxRounds}. A JVM's new request path first runs interpreted while
     * the JIT compiles it, and on this machine that took from 20 s (saga-status's path) to over a
     * minute (the api's hop, a longer chain of filters and a proxying client); a cold 15 s measured a
     * third of the warm rate. The rounds are kept beside the figure ({@code warmUp}).
     */
    private static ObjectNode warmedQueryRate(String baseUrl, List<String> ids, BenchOptions o, Path wrkDir) throws Exception {
        ArrayNode rounds = SagaLoad.JSON.createArrayNode();
        int steadyRounds = 0; // in a row, each within SETTLED of the round before
        double previous = 0;
        while (steadyRounds < 2 && rounds.size() < o.queryWarmUpMaxRounds()) {
            double rate = QueryLoad.run(baseUrl, ids, o.queryWarmUpRound(), o.queryConnections(), wrkDir)
                    .get("requestsPerSec").asDouble();
            rounds.add(rate);
            steadyRounds = previous > 0 && Math.abs(rate - previous) <= SETTLED * previous ? steadyRounds + 1 : 0;
            previous = rate;
        }
        boolean settled = steadyRounds >= 2;
        ObjectNode measured = QueryLoad.run(baseUrl, ids, o.queryDuration(), o.queryConnections(), wrkDir);
        ObjectNode kept = measured.putObject("warmUp");
        kept.put("seconds", rounds.size() * o.queryWarmUpRound().toSeconds());
        kept.put("requestsPerSec", previous); // the last round's
        kept.put("settled", settled);
        kept.set("rounds", rounds);
        return measured;
    }

    /** A warm-up round's rate this close to the round before it counts as warm. */
    private static final double SETTLED = 0.05;

    private static ObjectNode config(BenchOptions o, SystemUnderTest system) {
        ObjectNode c = SagaLoad.JSON.createObjectNode();
        c.put("mode", system.embedded() ? "embedded (started by the benchmark)" : "running system");
        c.put("api", system.api());
        c.put("bootstrapServers", system.bootstrapServers());
        c.put("partitionsPerOrderTopic", TopicCatalog.ORDER_PARTITIONS);
        c.put("processingGuarantee", "exactly_once_v2");
        c.put("commitIntervalMs", commitIntervalMs(system));
        c.set("commitIntervalMsByContext", SagaLoad.JSON.valueToTree(commitIntervalsMs(system)));
        c.put("streamThreadsPerInstance", 1);
        c.put("instancesPerContext", 1);
        c.put("brokers", 1);
        c.put("stepSeconds", o.stepDuration().toSeconds());
        c.set("rates", SagaLoad.JSON.valueToTree(o.rates()));
        c.put("latencySeconds", o.latencyDuration().toSeconds());
        c.put("replayEventsRequested", o.replayEvents());
        c.put("querySeconds", o.queryDuration().toSeconds());
        c.put("queryWarmUpRoundSeconds", o.queryWarmUpRound().toSeconds());
        c.put("queryWarmUpMaxRounds", o.queryWarmUpMaxRounds());
        c.put("queryConnections", o.queryConnections());
        c.put("latencyAt100Rate", o.fixedLatencyRate());
        c.put("ceilingRecordsRequested", o.ceilingRecords());
        c.put("orderMix", o.happyPathOnly() ? "happy path only (every order completes)"
                : "90 complete, 4 short of stock, 4 declined, 1 three-line, 1 dispatch refused once, per 100");
        c.set("settings", SagaLoad.JSON.valueToTree(system.settings()));
        return c;
    }

    private static Path write(ObjectNode results, BenchOptions o, String stamp) throws Exception {
        Files.createDirectories(o.resultsDir());
        String prefix = o.smoke() ? "smoke-" : "";
        String json = SagaLoad.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results);
        Path latest = o.resultsDir().resolve(prefix + "latest.json");
        Files.writeString(latest, json);
        Files.writeString(o.resultsDir().resolve(prefix + stamp + ".json"), json);
        return latest;
    }

    /** The repository root: the nearest directory up from here holding the {@code musiccorp} script and platform/. */
    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.exists(p.resolve("musiccorp")) && Files.isDirectory(p.resolve("platform")))) {
            p = p.getParent();
        }
        if (p == null) throw new IllegalStateException("run from inside the repository");
        return p;
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (Exception ignored) {
            // scratch data under target/: leaving it is harmless
        }
    }
}
