package com.musiccorp.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query rate of {@code GET /sagas/{correlationId}} from a concurrent client rotating over the
 * run's sagas: wrk (closed loop, {@code connections} connections, 2 threads) when installed, else a
 * Java HttpClient loop with {@code connections} threads. Either way a closed loop: the figure is
 * what that many concurrent callers get, and its p99 is each request's own time.
 */
final class QueryLoad {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P = Pattern.compile("^\\s+(50|99)%\\s+([\\d.]+)(us|ms|s)\\s*$");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");

    private QueryLoad() {
    }

    static boolean wrkAvailable() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (Exception e) {
            return false;
        }
    }

    static ObjectNode run(String baseUrl, List<String> correlationIds, Duration duration, int connections, Path workDir)
            throws Exception {
        return wrkAvailable() ? wrk(baseUrl, correlationIds, duration, connections, workDir)
                : java(baseUrl, correlationIds, duration, connections);
    }

    private static ObjectNode wrk(String baseUrl, List<String> ids, Duration duration, int connections, Path dir)
            throws Exception {
        Files.createDirectories(dir);
        Path idFile = dir.resolve("correlation-ids.txt");
        Files.write(idFile, ids);
        Path script = dir.resolve("rotate-sagas.lua");
        Files.writeString(script, """
                -- Each request asks for the next saga of the run, so no one saga's answer is all that is measured.
                local ids = {}
                for line in io.lines("%s") do ids[#ids + 1] = line end
                local i = math.random(#ids)
                request = function()
                  i = i %% #ids + 1
                  return wrk.format("GET", "/sagas/" .. ids[i])
                end
                """.formatted(idFile.toAbsolutePath()));
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--latency", "-s", script.toString()));
        if (ApiCaller.authorization() != null) command.addAll(List.of("-H", "Authorization: " + ApiCaller.authorization()));
        command.add(baseUrl);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) lines.add(line);
        }
        if (p.waitFor() != 0) throw new IllegalStateException("wrk failed: " + lines);
        ObjectNode result = SagaLoad.JSON.createObjectNode();
        result.put("client", "wrk -t2 -c" + connections);
        long errors = 0;
        for (String line : lines) {
            Matcher m;
            if ((m = RPS.matcher(line)).find()) result.put("requestsPerSec", Double.parseDouble(m.group(1)));
            if ((m = TOTAL.matcher(line)).find()) result.put("requests", Long.parseLong(m.group(1)));
            if ((m = NON_2XX.matcher(line)).find()) errors = Long.parseLong(m.group(1));
            if ((m = P.matcher(line)).find()) {
                double v = Double.parseDouble(m.group(2));
                double ms = switch (m.group(3)) {
                    case "us" -> v / 1000;
                    case "s" -> v * 1000;
                    default -> v;
                };
                result.put("p" + m.group(1) + "Ms", SagaLoad.round(ms));
            }
        }
        result.put("non2xx", errors);
        if (!result.has("requestsPerSec") || !result.has("p99Ms")) throw new IllegalStateException("unreadable wrk output: " + lines);
        return result;
    }

    private static ObjectNode java(String baseUrl, List<String> ids, Duration duration, int threads) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<List<Long>> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            int offset = t;
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = offset; System.nanoTime() < end; i += threads) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<Void> r = client.send(ApiCaller.authorized(HttpRequest.newBuilder(URI.create(baseUrl + "/sagas/"
                                + ids.get(i % ids.size())))).GET().build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) errors.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    mine.add(System.nanoTime() - s);
                }
            }));
        }
        for (Thread w : workers) w.join();
        List<Long> all = latencies.stream().flatMap(List::stream).toList();
        Percentiles p = Percentiles.of(all);
        ObjectNode result = SagaLoad.JSON.createObjectNode();
        result.put("client", "java HttpClient, " + threads + " threads");
        result.put("requests", all.size());
        result.put("requestsPerSec", SagaLoad.round(all.size() / (duration.toNanos() / 1e9)));
        result.put("p50Ms", p.p50());
        result.put("p99Ms", p.p99());
        result.put("non2xx", errors.get());
        return result;
    }
}
