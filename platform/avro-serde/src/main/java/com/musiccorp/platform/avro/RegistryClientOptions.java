package com.musiccorp.platform.avro;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How {@link HttpSchemaRegistryClient} reaches the registry.
 *
 * @param urls           registry base URLs, tried in order; the first that answers is kept
 * @param connectTimeout per-connection timeout
 * @param requestTimeout whole-request timeout (Confluent's "read timeout")
 * @param maxRetries     extra rounds over all URLs when none could be reached or all answered 503
 * @param retryWait      wait before the first retry round; doubles per round up to maxRetryWait
 * @param maxRetryWait   cap of the retry wait
 * @param cacheCapacity  bound of each client cache (ids, schemas)
 * @param userInfo       "user:password" for HTTP basic auth, or null
 */
public record RegistryClientOptions(List<URI> urls, Duration connectTimeout, Duration requestTimeout,
                                    int maxRetries, Duration retryWait, Duration maxRetryWait,
                                    int cacheCapacity, String userInfo) {

    public RegistryClientOptions {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) throw new IllegalArgumentException("at least one schema registry URL is needed");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryWait, "retryWait");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0");
        if (cacheCapacity < 1) throw new IllegalArgumentException("cacheCapacity must be >= 1");
    }

    /** Defaults for a comma-separated URL list: 10 s connect, 30 s request, 3 retries from 1 s, 1000 entries. */
    public static RegistryClientOptions of(String commaSeparatedUrls) {
        return new RegistryClientOptions(parseUrls(commaSeparatedUrls), Duration.ofSeconds(10), Duration.ofSeconds(30),
                3, Duration.ofSeconds(1), Duration.ofSeconds(20), 1000, null);
    }

    public RegistryClientOptions withTimeouts(Duration connect, Duration request) {
        return new RegistryClientOptions(urls, connect, request, maxRetries, retryWait, maxRetryWait, cacheCapacity, userInfo);
    }

    public RegistryClientOptions withRetries(int max, Duration wait, Duration maxWait) {
        return new RegistryClientOptions(urls, connectTimeout, requestTimeout, max, wait, maxWait, cacheCapacity, userInfo);
    }

    public RegistryClientOptions withCacheCapacity(int capacity) {
        return new RegistryClientOptions(urls, connectTimeout, requestTimeout, maxRetries, retryWait, maxRetryWait, capacity, userInfo);
    }

    public RegistryClientOptions withUserInfo(String info) {
        return new RegistryClientOptions(urls, connectTimeout, requestTimeout, maxRetries, retryWait, maxRetryWait, cacheCapacity, info);
    }

    static List<URI> parseUrls(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            throw new IllegalArgumentException("no schema registry URL given");
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s))
                .toList();
    }
}
