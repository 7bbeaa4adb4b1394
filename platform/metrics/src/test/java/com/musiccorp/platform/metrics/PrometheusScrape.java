package com.musiccorp.platform.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** For each service's test: its {@code GET /prometheus}, checked for what every service serves. */
public final class PrometheusScrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusScrape() {
    }

    /**
     * Scrapes {@code baseUrl} twice (the first request is then an HTTP server meter) and asserts a 200
     * in Prometheus' text format 0.0.4 with the JVM's memory and the server's requests; returns the text.
     */
    public static String assertServed(String baseUrl) throws Exception {
        return assertServed(baseUrl, null);
    }

    /** As {@link #assertServed(String)}, sending {@code authorization} (e.g. {@code Bearer <token>}) when not null. */
    public static String assertServed(String baseUrl, String authorization) throws Exception {
        get(baseUrl + "/prometheus", authorization);
        HttpResponse<String> scrape = get(baseUrl + "/prometheus", authorization);
        assertThat(scrape.statusCode()).as("GET /prometheus").isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(scrape.body())
                .contains("jvm_memory_used_bytes{")
                .contains("http_server_requests_seconds_count{")
                .contains("uri=\"/prometheus\"");
        return scrape.body();
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) request.header("Authorization", authorization);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
