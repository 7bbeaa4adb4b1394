package com.musiccorp.sagastatus.http;

import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.sagastatus.stream.LocalStores;
import com.musiccorp.sagastatus.stream.SagaStatusTopology;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Answers a question about every saga from any instance: asks each other instance of the
 * application ({@code application.server} in Streams' metadata) for its LOCAL answer (the same
 * request with {@code scope=local}, which is never fanned out again), computes this instance's,
 * and hands back every part once they cover each partition of the fold exactly once.
 *
 * <p>Honest or nothing: an instance that does not answer, a partition no instance answers for
 * (rebalancing, restoring) or one answered twice (two views of a changing assignment) is
 * {@link LocalStores.StoreNotReady} (503 + Retry-After), never a partial sum presented as the truth.
 * Runs on the BLOCKING executor: it waits for the other instances' answers.
 */
@Singleton
@Requires(property = SagaStatusHttpServer.ENABLED, value = "true")
final class ScatterGather {

    /** The query parameter marking a request for one instance's own partitions. */
    static final String SCOPE = "scope";
    static final String LOCAL = "local";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    /** One instance's part of an answer, with the partitions it covers. */
    interface Part {
        List<Integer> partitions();
    }

    private final StreamsRuntime runtime;
    private final KeyOwners owners;
    private final ObjectMapper json;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    ScatterGather(StreamsRuntime runtime, KeyOwners owners, ObjectMapper json) {
        this.runtime = runtime;
        this.owners = owners;
        this.json = json;
    }

    static boolean isLocal(String scope) {
        return LOCAL.equalsIgnoreCase(scope);
    }

    /**
     * Every instance's part: this one's ({@code local}) and, with several instances, each other's
     * answer to {@code request} with {@code scope=local}, read as {@code type}.
     *
     * @throws LocalStores.StoreNotReady when the parts do not cover every partition exactly once
     */
    <P extends Part> List<P> gather(HttpRequest<?> request, Class<P> type, Supplier<P> local) {
        return gather(request, peer -> localUri(peer, request), type, local);
    }

    /** The same, asking each other instance {@code path} (raw, no query) with {@code scope=local}. */
    <P extends Part> List<P> gather(HttpRequest<?> request, String path, Class<P> type, Supplier<P> local) {
        return gather(request, peer -> URI.create("http://" + peer + path + "?" + SCOPE + "=" + LOCAL), type, local);
    }

    private <P extends Part> List<P> gather(HttpRequest<?> request, java.util.function.Function<String, URI> uriFor,
            Class<P> type, Supplier<P> local) {
        Map<String, CompletableFuture<HttpResponse<String>>> asked = new LinkedHashMap<>();
        for (String peer : peers()) { // asked first, so they work while this instance reads its own stores
            java.net.http.HttpRequest.Builder ask = java.net.http.HttpRequest.newBuilder(uriFor.apply(peer))
                    .timeout(ANSWER_TIMEOUT).GET();
            // The peer checks the caller too: it gets the caller's token, never one of this instance's own.
            request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION).ifPresent(t -> ask.header(HttpHeaders.AUTHORIZATION, t));
            asked.put(peer, client.sendAsync(ask.build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<P> parts = new ArrayList<>();
        List<String> from = new ArrayList<>(); // who answered each part
        try {
            parts.add(local.get());
            from.add(owners.self().orElse("this instance"));
            for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> a : asked.entrySet()) {
                parts.add(read(a.getKey(), a.getValue(), type));
                from.add(a.getKey());
            }
        } finally {
            asked.values().forEach(f -> f.cancel(true));
        }
        checkCoverage(parts, from);
        return parts;
    }

    /** Whether other instances of the application are running: none, every partition is here. */
    boolean hasPeers() {
        return !peers().isEmpty();
    }

    /** The other instances of the application, as host:port; none when this one runs alone. */
    private List<String> peers() {
        if (owners.self().isEmpty()) return List.of(); // one instance, no application.server: every partition is here
        try {
            return runtime.streams().metadataForAllStreamsClients().stream()
                    .map(StreamsMetadata::hostInfo)
                    .map(ScatterGather::hostPort)
                    .filter(h -> !h.equals(owners.self().get()))
                    .distinct().sorted().toList();
        } catch (RuntimeException e) { // e.g. StreamsNotStartedException
            throw new LocalStores.StoreNotReady("the instances of saga-status are not known yet: " + e.getMessage());
        }
    }

    private <P> P read(String peer, CompletableFuture<HttpResponse<String>> asked, Class<P> type) {
        HttpResponse<String> answer;
        try {
            answer = asked.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStores.StoreNotReady("interrupted while waiting for instance " + peer);
        } catch (ExecutionException e) {
            throw new LocalStores.StoreNotReady("instance " + peer + " did not answer: " + e.getCause());
        }
        if (answer.statusCode() != 200) {
            throw new LocalStores.StoreNotReady("instance " + peer + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        try {
            return json.readValue(answer.body(), type);
        } catch (IOException e) {
            throw new LocalStores.StoreNotReady("instance " + peer + " answered unreadably: " + e.getMessage());
        }
    }

    /** Each partition of the fold answered by exactly one instance. */
    private static void checkCoverage(List<? extends Part> parts, List<String> from) {
        TreeMap<Integer, String> answeredBy = new TreeMap<>();
        for (int i = 0; i < parts.size(); i++) {
            for (int partition : parts.get(i).partitions()) {
                String before = answeredBy.put(partition, from.get(i));
                if (before != null) {
                    throw new LocalStores.StoreNotReady("partition " + partition + " is answered by both " + before
                            + " and " + from.get(i) + "; the assignment is changing");
                }
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int p = 0; p < SagaStatusTopology.SAGA_PARTITIONS; p++) {
            if (!answeredBy.containsKey(p)) missing.add(p);
        }
        if (!missing.isEmpty()) {
            throw new LocalStores.StoreNotReady("no instance serves partition(s) " + missing
                    + " of the saga stores right now (rebalancing or restoring)");
        }
    }

    /** The same path and query, asked of {@code peer} for its own partitions only. */
    private static URI localUri(String peer, HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        // Any scope the client sent (e.g. an empty one) is replaced, so the peer never fans out again.
        String others = query == null ? "" : java.util.Arrays.stream(query.split("&"))
                .filter(p -> !p.equals(SCOPE) && !p.startsWith(SCOPE + "=")).collect(java.util.stream.Collectors.joining("&"));
        String local = SCOPE + "=" + LOCAL;
        return URI.create("http://" + peer + request.getUri().getRawPath()
                + "?" + (others.isEmpty() ? local : others + "&" + local));
    }

    private static String hostPort(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
