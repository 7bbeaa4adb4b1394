package com.musiccorp.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run measures and against what: the full configuration, or {@code --smoke} (a few hundred
 * orders, two rate steps, 20k replay events, 5 s of queries) that a test can afford.
 */
public record BenchOptions(boolean smoke,
                           String apiUrl, String bootstrapServers, String registryUrl, String sagaStatusUrl,
                           List<Integer> rates, Duration stepDuration, Duration latencyDuration,
                           long replayEvents, Duration queryDuration, int queryConnections,
                           long rawRecords, Path resultsDir, Map<String, String> env,
                           long ceilingRecords, double fixedLatencyRate, boolean happyPathOnly) {

    static final String USAGE = """
            usage: SagaBenchmark [--smoke] [--api-url URL --bootstrap-servers HOST:PORT --registry-url URL
                                 [--saga-status-url URL]] [--rates 25,50,...] [--step-seconds N]
                                 [--replay-events N] [--ceiling-records N] [--results-dir DIR] [--env NAME=VALUE ...]
                                 [--happy-path-only]
              without --api-url the whole system is started on free ports, state under benchmarks/target;
              --env overrides a service setting of that system, e.g. --env WAREHOUSE_DISPATCH_CHECK_MS=100;
              --happy-path-only places only orders that complete (the records per order of the happy path)""";

    /** One round of the unmeasured load each query target gets before its {@link #queryDuration()}. */
    public Duration queryWarmUpRound() {
        return Duration.ofSeconds(smoke ? 2 : 10);
    }

    /** At most this many warm-up rounds, however far the rate still moves. */
    public int queryWarmUpMaxRounds() {
        return smoke ? 1 : 9;
    }

    /** Whether to start the system here (the embedded default) or measure one already running. */
    public boolean embedded() {
        return apiUrl == null;
    }

    public static BenchOptions parse(Path root, String... args) {
        boolean smoke = List.of(args).contains("--smoke");
        String api = null, bootstrap = null, registry = null, sagaStatus = null;
        List<Integer> rates = smoke ? List.of(5, 10) : List.of(5, 10, 25, 50, 100, 150, 200, 300, 400, 800);
        Duration step = Duration.ofSeconds(smoke ? 6 : 30);
        Long replay = null, ceiling = null;
        Path results = root.resolve("benchmarks/results");
        Map<String, String> env = new LinkedHashMap<>();
        boolean happyPathOnly = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--smoke" -> { }
                case "--happy-path-only" -> happyPathOnly = true;
                case "--api-url" -> api = args[++i];
                case "--bootstrap-servers" -> bootstrap = args[++i];
                case "--registry-url" -> registry = args[++i];
                case "--saga-status-url" -> sagaStatus = args[++i];
                case "--rates" -> {
                    List<Integer> r = new ArrayList<>();
                    for (String s : args[++i].split(",")) r.add(Integer.parseInt(s.strip()));
                    rates = List.copyOf(r);
                }
                case "--step-seconds" -> step = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--replay-events" -> replay = Long.parseLong(args[++i]);
                case "--ceiling-records" -> ceiling = Long.parseLong(args[++i]);
                case "--results-dir" -> results = Path.of(args[++i]).toAbsolutePath();
                case "--env" -> {
                    String[] kv = args[++i].split("=", 2);
                    env.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + a + "\n" + USAGE);
            }
        }
        if (api != null && (bootstrap == null || registry == null)) {
            throw new IllegalArgumentException("--api-url needs --bootstrap-servers and --registry-url too\n" + USAGE);
        }
        return new BenchOptions(smoke, api, bootstrap, registry, sagaStatus, rates, step,
                Duration.ofSeconds(smoke ? 5 : 20), replay != null ? replay : smoke ? 20_000 : 1_000_000,
                Duration.ofSeconds(smoke ? 5 : 15), smoke ? 8 : 32, smoke ? 50_000 : 300_000, results, Map.copyOf(env),
                ceiling != null ? ceiling : smoke ? 20_000 : 1_000_000,
                // The second latency run: 100 orders/s (sagaLatencyAt100); the smoke's first step instead.
                smoke ? rates.get(0) : 100, happyPathOnly);
    }
}
