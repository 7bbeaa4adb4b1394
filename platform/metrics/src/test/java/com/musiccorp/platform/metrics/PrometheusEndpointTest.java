package com.musiccorp.platform.metrics;

import ch.qos.logback.classic.LoggerContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Any Micronaut server started with {@link ProcessMeters#HTTP_PROPERTIES} serves the process registry. */
class PrometheusEndpointTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesTheProcessRegistryAsPrometheusTextWithJvmAndHttpServerMeters() throws Exception {
        OutsideCallMeters.record("payment-gateway", "captured", Duration.ofMillis(42));
        OutsideCallMeters.count("carrier", "no-van");
        try (EmbeddedServer server = start()) {
            assertThat(PrometheusScrape.assertServed("http://localhost:" + server.getPort()))
                    .containsPattern("musiccorp_outside_calls_total\\{outcome=\"captured\",system=\"payment-gateway\"} [1-9]")
                    .containsPattern("musiccorp_outside_calls_total\\{outcome=\"no-van\",system=\"carrier\"} [1-9]")
                    .contains("musiccorp_outside_call_duration_seconds_bucket{outcome=\"captured\",system=\"payment-gateway\",le=\"0.05\"}");
        }
    }

    @Test
    void aSecondServerInTheSameProcessStillMeasuresAfterTheFirstStopped() throws Exception {
        try (EmbeddedServer first = start()) {
            get(first, "/prometheus");
        }
        try (EmbeddedServer second = start()) {
            long before = notFound();
            get(second, "/nothing-here");
            assertThat(notFound()).isEqualTo(before + 1);
            assertThat(get(second, "/prometheus").body()).contains("uri=\"NOT_FOUND\"");
        }
    }

    @Test
    void noLogCheckGoesThroughATurboFilter() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        try (EmbeddedServer server = start()) {
            // Logback asks every turbo filter on each isTraceEnabled(), which Kafka's clients call per record.
            assertThat(logging.getTurboFilterList()).isEmpty();
            assertThat(get(server, "/prometheus").body()).doesNotContain("logback_events");
        }
    }

    @Test
    void otherManagementEndpointsAreOff() throws Exception {
        try (EmbeddedServer server = start()) {
            assertThat(get(server, "/metrics").statusCode()).isEqualTo(404);
            assertThat(get(server, "/beans").statusCode()).isEqualTo(404);
        }
    }

    private static long notFound() {
        var timer = ProcessMeters.registry().find("http.server.requests").tag("status", "404").timer();
        return timer == null ? 0 : timer.count();
    }

    private static EmbeddedServer start() {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(ProcessMeters.withHttpProperties(Map.of("micronaut.server.port", -1)))
                .start();
        return context.getBean(EmbeddedServer.class).start();
    }

    private static HttpResponse<String> get(EmbeddedServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
