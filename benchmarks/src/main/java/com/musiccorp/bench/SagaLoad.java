package com.musiccorp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.schemas.ContractLimits;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Saga throughput and latency through the one base URL: stock received first (plenty, and one
 * scarce SKU), then open-loop rate steps until a step is not sustained, then a latency run at half
 * the highest sustained rate.
 */
final class SagaLoad {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String api;
    private final String bootstrap;
    private final OrderMix mix;
    private final OpenLoopLoad load;
    private final TerminalWatcher watcher;
    private final TopicOffsets offsets;
    private final PrintStream out;
    private final Duration drainCap;
    private long nextIndex;
    /** Every order accepted in the run: the query phase rotates over their correlation ids. */
    final List<OpenLoopLoad.Sent> all = new ArrayList<>();

    SagaLoad(String api, String bootstrap, String runId, boolean happyPathOnly, TerminalWatcher watcher, Admin admin,
             PrintStream out, Duration drainCap) {
        this.api = api;
        this.bootstrap = bootstrap;
        this.mix = new OrderMix(runId, happyPathOnly);
        this.load = new OpenLoopLoad(api, mix);
        this.watcher = watcher;
        this.offsets = new TopicOffsets(admin);
        this.out = out;
        this.drainCap = drainCap;
    }

    void receiveStock() throws Exception {
        // A receipt takes at most ContractLimits.MAX_QUANTITY units: plenty arrives as several.
        for (String sku : mix.plentifulSkus()) {
            for (int left = OrderMix.PLENTY; left > 0; left -= ContractLimits.MAX_QUANTITY) {
                post("/stock/" + sku + "/receipts", OrderMix.receipt(sku, Math.min(left, ContractLimits.MAX_QUANTITY)));
            }
        }
        post("/stock/" + mix.scarceSku() + "/receipts", OrderMix.receipt(mix.scarceSku(), 1));
        List<String> skus = new ArrayList<>(mix.plentifulSkus());
        skus.add(mix.scarceSku());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String sku : skus) {
            while (true) {
                HttpResponse<String> r = get("/stock/" + sku);
                if (r.statusCode() == 200 && JSON.readTree(r.body()).path("available").asLong() > 0) break;
                if (System.nanoTime() > deadline) throw new IllegalStateException("stock of " + sku + " never arrived: " + r.body());
                Thread.sleep(100);
            }
        }
    }

    /** A few orders at a low rate so every service has loaded its classes and connections before anything counts. */
    void warmUp(int orders) throws InterruptedException {
        List<OpenLoopLoad.Sent> sent = new ArrayList<>();
        load.run(Math.min(orders, 20), Duration.ofSeconds(Math.max(1, orders / 20)), nextIndex, sent);
        nextIndex += sent.size();
        drain(sent, Duration.ofSeconds(90));
        long rested = sent.stream().filter(this::atRest).count();
        if (rested < sent.size()) {
            throw new IllegalStateException("warm-up: only " + rested + " of " + sent.size()
                    + " orders came to rest within 90 s; first failure: "
                    + sent.stream().filter(OpenLoopLoad.Sent::failed).map(s -> s.error).findFirst().orElse("none"));
        }
    }

    /**
     * The rate steps, stopping after the first step not sustained unless {@code everyStep}. Returns the
     * steps and the highest sustained rate.
     */
    ObjectNode steps(List<Integer> rates, Duration stepDuration, boolean everyStep) throws Exception {
        ObjectNode result = JSON.createObjectNode();
        ArrayNode steps = result.putArray("steps");
        int sustainedRate = 0;
        double sustainedOrdersPerSec = 0, sustainedEventsPerSec = 0, peakEventsPerSec = 0;
        ObjectNode recordsPerOrder = null;
        for (int rate : rates) {
            ObjectNode step = step(rate, stepDuration);
            steps.add(step);
            if (recordsPerOrder == null) recordsPerOrder = recordsOf(step);
            peakEventsPerSec = Math.max(peakEventsPerSec, step.get("eventsWrittenPerSec").asDouble());
            out.printf("  step %4d orders/s: at rest %.1f/s, events %.0f/s, backlog end %d (slope %.1f/s), failed %d, lag %s -> %s%n",
                    rate, step.get("ordersAtRestPerSec").asDouble(), step.get("eventsWrittenPerSec").asDouble(),
                    step.get("backlogAtEnd").asLong(), step.get("backlogSlopePerSec").asDouble(),
                    step.get("failed").asLong(), step.get("consumerLagAtEndByContext"), step.get("sustained").asBoolean() ? "sustained" : "NOT sustained");
            JsonNode split = step.get("recordsPerOrder");
            out.printf("    per order at rest: %.1f data records (%s), EOS overhead %.1f (%s); %.1f offsets%n",
                    split.get("data").asDouble(), ReportTable.dataByKind(split), split.get("eosOverhead").asDouble(),
                    ReportTable.eosOverhead(split), split.get("total").asDouble());
            if (!step.get("sustained").asBoolean()) {
                if (everyStep) continue;
                break;
            }
            sustainedRate = rate;
            sustainedOrdersPerSec = step.get("ordersAtRestPerSec").asDouble();
            sustainedEventsPerSec = step.get("eventsWrittenPerSec").asDouble();
            recordsPerOrder = recordsOf(step);
        }
        result.put("sustainedRate", sustainedRate);
        result.put("sustainedOrdersPerSec", sustainedOrdersPerSec);
        result.put("sustainedEventsWrittenPerSec", sustainedEventsPerSec);
        result.put("peakEventsWrittenPerSec", peakEventsPerSec);
        // The highest sustained step's split (the first step's while none is sustained: "step" and
        // "sustained" say which).
        if (recordsPerOrder != null) result.set("recordsPerOrder", recordsPerOrder);
        return result;
    }

    private static ObjectNode recordsOf(ObjectNode step) {
        ObjectNode r = step.get("recordsPerOrder").deepCopy();
        r.put("step", step.get("rate").asInt());
        r.put("sustained", step.get("sustained").asBoolean());
        return r;
    }

    private ObjectNode step(int rate, Duration duration) throws Exception {
        var before = offsets.ends();
        try (RepartitionTail repartitions = RepartitionTail.start(bootstrap, before)) {
            return step(rate, duration, before, repartitions);
        }
    }

    private ObjectNode step(int rate, Duration duration, Map<TopicPartition, Long> before, RepartitionTail repartitions)
            throws Exception {
        List<OpenLoopLoad.Sent> sent = new ArrayList<>();
        List<long[]> backlog = new ArrayList<>();
        long t0 = System.nanoTime();
        Thread sampler = Thread.ofPlatform().daemon().name("backlog-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long outstanding = OpenLoopLoad.snapshot(sent).stream().filter(s -> !s.failed() && !atRest(s)).count();
                synchronized (backlog) {
                    backlog.add(new long[]{System.nanoTime() - t0, outstanding});
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        load.run(rate, duration, nextIndex, sent);
        long t1 = t0 + duration.toNanos();
        long wait = t1 - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000);
        long end = System.nanoTime();
        sampler.interrupt();
        sampler.join();
        var after = offsets.ends();
        Map<String, Long> lagAtEnd = offsets.lagByGroup();
        nextIndex += sent.size();
        List<OpenLoopLoad.Sent> snapshot = OpenLoopLoad.snapshot(sent);
        double seconds = (end - t0) / 1e9;
        long restedInStep = snapshot.stream().filter(s -> atRest(s) && watcher.atRest(s.orderId).seenNanos() <= end).count();
        long failed = snapshot.stream().filter(OpenLoopLoad.Sent::failed).count();
        long backlogEnd = snapshot.stream().filter(s -> !s.failed() && !atRest(s)).count();
        double slope = slopeOfSecondHalf(backlog);
        long maxSendLagMicros = snapshot.stream().mapToLong(s -> (s.sentNanos - s.dueNanos) / 1000).max().orElse(0);
        long written = TopicOffsets.written(before, after);
        // Not growing: the backlog's trend over the step's second half is under 5 % of the arrival rate
        // (a saga slower than half a step therefore fails it: nothing can be judged sustained before the
        // first orders come to rest), and (almost) every order was accepted.
        boolean sustained = slope <= 0.05 * rate && failed <= 0.01 * snapshot.size();
        long drainStart = System.nanoTime();
        // What the step's offsets were (data, markers, offset commits, transaction log), counted while
        // the backlog drains so the counting consumer does not load the step itself.
        CompletableFuture<RecordSplit.Counts> split = CompletableFuture.supplyAsync(
                () -> RecordSplit.count(bootstrap, before, after, Duration.ofSeconds(120), repartitions));
        drain(snapshot, drainCap);
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        RecordSplit.Counts counts = split.get();
        synchronized (all) {
            all.addAll(snapshot);
        }
        ObjectNode step = JSON.createObjectNode();
        step.put("rate", rate);
        step.put("seconds", round(seconds));
        step.put("sent", snapshot.size());
        step.put("failed", failed);
        step.put("ordersAtRestInStep", restedInStep);
        step.put("ordersAtRestPerSec", round(restedInStep / seconds));
        step.put("backlogAtEnd", backlogEnd);
        step.put("backlogSlopePerSec", round(slope));
        step.put("drainSeconds", round(drainSeconds));
        step.put("notAtRestAfterDrain", snapshot.stream().filter(s -> !s.failed() && !atRest(s)).count());
        step.put("maxSendLagMs", round(maxSendLagMicros / 1000.0));
        step.put("offsetsWritten", written);
        step.put("eventsWrittenPerSec", round(written / seconds));
        step.put("sustained", sustained);
        step.set("consumerLagAtEndByContext", JSON.valueToTree(lagAtEnd));
        step.set("recordsPerOrder", counts.perOrder(restedInStep));
        snapshot.stream().filter(OpenLoopLoad.Sent::failed).findFirst().ifPresent(s -> step.put("firstFailure", s.error));
        return step;
    }

    /** Latency at a fixed rate: from each order's due time to the instant its terminal event was seen. */
    ObjectNode latency(double rate, Duration duration) throws Exception {
        List<OpenLoopLoad.Sent> sent = new ArrayList<>();
        load.run(rate, duration, nextIndex, sent);
        nextIndex += sent.size();
        drain(sent, drainCap);
        synchronized (all) {
            all.addAll(sent);
        }
        List<Long> endToEnd = new ArrayList<>(), happy = new ArrayList<>(), accept = new ArrayList<>(), eventTime = new ArrayList<>();
        for (OpenLoopLoad.Sent s : sent) {
            if (s.answeredNanos > 0 && s.accepted()) accept.add(s.answeredNanos - s.dueNanos);
            if (!atRest(s)) continue;
            TerminalWatcher.AtRest r = watcher.atRest(s.orderId);
            endToEnd.add(r.seenNanos() - s.dueNanos);
            if (s.kind == OrderMix.Kind.COMPLETE) happy.add(r.seenNanos() - s.dueNanos);
            Long placed = watcher.placedAt(s.orderId);
            if (placed != null) eventTime.add((r.occurredAtMillis() - placed) * 1_000_000);
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("rate", round(rate));
        result.put("seconds", duration.toSeconds());
        result.put("sent", sent.size());
        result.put("failed", sent.stream().filter(OpenLoopLoad.Sent::failed).count());
        result.put("notAtRest", sent.stream().filter(s -> !s.failed() && !atRest(s)).count());
        result.set("endToEndMs", percentiles(Percentiles.of(endToEnd)));
        result.set("completedPathMs", percentiles(Percentiles.of(happy)));
        result.set("postAcceptedMs", percentiles(Percentiles.of(accept)));
        result.set("eventTimeMs", percentiles(Percentiles.of(eventTime)));
        return result;
    }

    static ObjectNode percentiles(Percentiles p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("count", p.count());
        n.put("p50", p.p50());
        n.put("p95", p.p95());
        n.put("p99", p.p99());
        n.put("max", p.max());
        return n;
    }

    boolean atRest(OpenLoopLoad.Sent s) {
        return s.orderId != null && watcher.atRest(s.orderId) != null;
    }

    /** Waits until every accepted order is at rest (or failed), at most {@code cap}. */
    private void drain(List<OpenLoopLoad.Sent> sent, Duration cap) throws InterruptedException {
        long deadline = System.nanoTime() + cap.toNanos();
        while (System.nanoTime() < deadline) {
            boolean done = OpenLoopLoad.snapshot(sent).stream().allMatch(s -> s.failed() || atRest(s));
            if (done) return;
            Thread.sleep(100);
        }
    }

    /** Least-squares slope (orders per second) of the backlog samples of the step's second half. */
    static double slopeOfSecondHalf(List<long[]> samples) {
        List<long[]> half;
        synchronized (samples) {
            half = samples.subList(samples.size() / 2, samples.size()).stream().toList();
        }
        if (half.size() < 2) return 0;
        double n = half.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (long[] s : half) {
            double x = s[0] / 1e9, y = s[1];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private void post(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(ApiCaller.authorized(HttpRequest.newBuilder(URI.create(api + path)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(ApiCaller.authorized(HttpRequest.newBuilder(URI.create(api + path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Correlation ids of sagas this run placed (the query phase asks for them). */
    List<String> correlationIds(int max) {
        synchronized (all) {
            return all.stream().filter(s -> s.correlationId != null).map(s -> s.correlationId).distinct().limit(max).toList();
        }
    }

    Map<String, Long> kinds() {
        synchronized (all) {
            return all.stream().collect(java.util.stream.Collectors.groupingBy(s -> s.kind.name(), java.util.stream.Collectors.counting()));
        }
    }
}
