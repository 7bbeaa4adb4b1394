package com.musiccorp.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ./musiccorp faults [--sagas N] [--rate R] [--smoke]}: starts the system (every context its
 * own process), receives stock, drives an open-loop load of N sagas through the api while faults are
 * injected on a schedule, heals, waits for rest, checks every invariant from the topics and the HTTP
 * views, prints the figures and writes them to {@code tools/faults/results/}. Exit code 1 when an
 * invariant fails.
 */
public final class FaultSuite {
    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        FaultOptions options;
        try {
            options = FaultOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path root = Path.of("").toAbsolutePath();
        FaultReport report = run(options, root, root.resolve("tools/faults/results"), System.out);
        System.exit(report.passed() ? 0 : 1);
    }

    /** One whole run; the report is also written to {@code resultsDir} ({@code latest.json} and {@code <run>.json}). */
    public static FaultReport run(FaultOptions options, Path root, Path resultsDir, PrintStream out) throws Exception {
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path module = root.resolve("tools/faults");
        Path runDir = module.resolve("target/faults-" + runId);
        Files.createDirectories(runDir);
        OrderMix mix = new OrderMix(runId.replace("-", ""), options.sagas());
        out.printf("fault suite %s: %,d sagas at %.0f/s (%s), state and logs in %s%n", runId, options.sagas(),
                options.ratePerSecond(), options.smoke() ? "smoke" : "full", runDir);

        long startNanos = System.nanoTime();
        try (PrintStream console = new PrintStream(Files.newOutputStream(runDir.resolve("console.log")), true);
             SystemUnderFaults system = SystemUnderFaults.start(root, runDir, console)) {
            out.printf("  system started in %d s (per-service processes)%n", SystemUnderFaults.since(startNanos).toSeconds());
            Map<String, Integer> received = receiveStock(system, mix);

            ClientReads reads = new ClientReads(system.api());
            LoadDriver load = new LoadDriver(system.api(), mix, reads);
            reads.startProbing();
            FaultInjector injector = new FaultInjector(system, out);
            FaultSchedule schedule = options.schedule();
            long loadStart = System.nanoTime();
            CompletableFuture<List<FaultInjector.Outcome>> faulted = injector.runInBackground(schedule, loadStart);
            load.run(options.sagas(), options.ratePerSecond());
            out.printf("  %,d orders sent in %d s%n", options.sagas(), SystemUnderFaults.since(loadStart).toSeconds());
            List<FaultInjector.Outcome> outcomes;
            try {
                outcomes = faulted.get();
            } catch (Exception e) {
                out.println("  the fault schedule stopped: " + e.getCause());
                outcomes = injector.outcomes();
            }
            try {
                load.awaitAnswers(LoadDriver.GIVE_UP_AFTER.plusMinutes(1));
            } catch (java.util.concurrent.TimeoutException e) {
                out.println("  some orders still unanswered; counted as not accepted");
            }
            load.close();

            RestState rest = new RestState(system, out);
            rest.heal(Duration.ofMinutes(3));
            long settleStart = System.nanoTime();
            List<String> toCancel = load.placements().stream()
                    .filter(p -> p.accepted() && p.kind == OrderMix.Kind.OPERATOR_CANCELS).map(p -> p.orderId).toList();
            OperatorCancellations operator = new OperatorCancellations(system.api());
            operator.cancelAll(toCancel, options.restLimit());
            boolean atRest = rest.await(options.restLimit());
            reads.stop(LoadDriver.GIVE_UP_AFTER); // the reads cover every fault's recovery, up to rest
            long toRest = SystemUnderFaults.since(settleStart).toMillis();
            out.printf("  %s %d s after the load (lag %s)%n", atRest ? "at rest" : "NOT at rest", toRest / 1000, rest.lastLag());

            TopicSnapshot topics = TopicSnapshot.read(system);
            List<LoadDriver.Placement> placements = load.placements();
            ViewsAtRest views = ViewsAtRest.read(system, load.accepted().keySet(), received.keySet());
            Invariants invariants = new Invariants(placements, mix, received, topics, views).checkAll();
            invariants.add(new InvariantResult.Tally("every context's consumer lag reaches 0 and no saga changes any more")
                    .check(atRest, "lag " + rest.lastLag() + ", counts " + rest.lastCounts()).result());
            invariants.add(operator.result(toCancel.size()));
            reads.results().forEach(invariants::add);
            var recovered = new InvariantResult.Tally("every fault recovered (service READY and serving again)");
            outcomes.forEach(f -> recovered.check(f.recovered(), f.kind() + " " + f.target() + ": " + f.note()));
            invariants.add(recovered.result());
            SagaLatencies latencies = new SagaLatencies(placements, topics.byKey());
            var hit = new InvariantResult.Tally("at least one fault hit sagas in flight");
            hit.check(outcomes.stream().anyMatch(f -> latencies.inFlightAt(f) > 0), "no fault found a saga in flight");
            invariants.add(hit.result());
            RebuildChecks rebuilds = new RebuildChecks(system);
            invariants.add(rebuilds.ordersDigest(Duration.ofMinutes(3)));
            if (!options.smoke()) invariants.add(rebuilds.sagaStatusDigest(FaultInjector.REBUILD_LIMIT));

            Map<String, Integer> faultCounts = new HashMap<>();
            outcomes.forEach(f -> faultCounts.merge(f.kind(), 1, Integer::sum));
            int slow = (int) placements.stream().filter(p -> p.accepted() && (p.kind == OrderMix.Kind.SLOW_GATEWAY
                    || p.kind == OrderMix.Kind.TIMING_OUT_GATEWAY)).count();
            faultCounts.put("slow-gateway-orders", slow);

            ObjectNode extra = Http.JSON.createObjectNode();
            ObjectNode client = extra.putObject("client");
            client.put("sent", placements.size()).put("accepted", load.accepted().size())
                    .put("retriesAfterNoAnswerOr5xx", load.clientRetries())
                    .put("resentWithSameKeyAfter202", load.duplicateSends())
                    .put("sentWithoutKey", placements.stream().filter(p -> p.keylessStatus != null).count())
                    .put("sentWithoutKeyUnanswered", placements.stream()
                            .filter(p -> p.keylessStatus != null && p.keylessStatus == 0).count())
                    .put("operatorCancellations", operator.cancelledCount())
                    .put("readsAnsweredUnavailable", reads.unavailableAnswers())
                    .put("sagasProbed", reads.sagasSeen());
            Map<String, Map<String, Integer>> endsByKind = new LinkedHashMap<>();
            for (LoadDriver.Placement p : placements) {
                if (!p.accepted()) continue;
                var saga = views.sagaByOrder().get(p.orderId);
                endsByKind.computeIfAbsent(p.kind.name(), k -> new LinkedHashMap<>())
                        .merge(saga == null ? "UNKNOWN" : saga.path("status").asText(), 1, Integer::sum);
            }
            extra.set("endsByPath", Http.JSON.valueToTree(endsByKind));
            extra.put("millisToRestAfterLoad", toRest);
            extra.set("consumerLagAtRest", Http.JSON.valueToTree(rest.lastLag()));
            extra.set("deadLetterTopics", Http.JSON.valueToTree(topics.deadLetters()));
            extra.put("eventsRead", topics.events().size());
            extra.put("totalSeconds", SystemUnderFaults.since(startNanos).toSeconds());

            FaultReport report = FaultReport.of(runId, options, options.sagas(), faultCounts, outcomes, latencies,
                    invariants, extra);
            report.print(out);
            report.write(resultsDir, runId);
            out.println("written: " + resultsDir.resolve("latest.json"));
            return report;
        }
    }

    /** Receives every SKU's stock through the api, and waits until the warehouse shows it. */
    private static Map<String, Integer> receiveStock(SystemUnderFaults system, OrderMix mix) {
        Map<String, Integer> received = mix.receipts();
        for (var r : received.entrySet()) {
            String body = OrderMix.receipt(r.getKey(), r.getValue(), "initial-" + r.getKey());
            boolean accepted = Waits.until(Duration.ofSeconds(60), Duration.ofMillis(250),
                    () -> Http.post(system.api() + "/stock/" + r.getKey() + "/receipts", body, null).status() == 202);
            if (!accepted) throw new IllegalStateException("could not receive stock of " + r.getKey());
        }
        for (String sku : received.keySet()) {
            boolean shown = Waits.until(Duration.ofSeconds(60), Duration.ofMillis(250), () ->
                    Http.get(system.api() + "/stock/" + sku).body().path("onHand").asInt() == received.get(sku));
            if (!shown) throw new IllegalStateException("the warehouse does not show the stock of " + sku);
        }
        return received;
    }

}
