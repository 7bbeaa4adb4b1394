package com.musiccorp.platform.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /health/ready} of the one base URL: ready only while every routed service is, else a
 * 503 naming each service that is not and why, from probes that are cached so polling stays cheap.
 */
class GatewayReadinessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final GatewayWithOwners system = new GatewayWithOwners();

    @Test
    void readyWhileEveryRoutedServiceIsReady() throws Exception {
        HttpResponse<String> r = awaitReadiness(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("READY");
        assertThat(body.get("down")).isEmpty();
        assertThat(body.get("services")).extracting(s -> s.get("service").asText())
                .containsExactlyInAnyOrder("orders", "saga-status", "loyalty", "warehouse");
    }

    @Test
    void aServiceThatIsNotReadyIsNamedWithItsOwnReason() throws Exception {
        system.warehouse.readiness(503, "{\"status\":\"NOT_READY\",\"streams\":\"RUNNING\","
                + "\"reason\":\"a stream thread failed 3 times in 90 s, at most 45 s apart\"}");

        HttpResponse<String> r = awaitReadiness(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("NOT_READY");
        assertThat(body.get("down")).extracting(JsonNode::asText).containsExactly("warehouse");
        assertThat(body.get("message").asText())
                .contains("warehouse (503 from " + system.warehouse.url() + "/health/ready: a stream thread failed 3 times");
        assertThat(body.get("services")).filteredOn(s -> s.get("service").asText().equals("warehouse"))
                .singleElement().satisfies(s -> assertThat(s.get("status").asInt()).isEqualTo(503));

        system.warehouse.readiness(200, "{\"status\":\"READY\"}");
        awaitReadiness(200);
    }

    @Test
    void askedOftenTheOwnersAreProbedAboutOnceASecond() throws Exception {
        awaitReadiness(200);
        system.orders.forget();
        long started = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        }
        long rounds = Duration.ofNanos(System.nanoTime() - started).dividedBy(OwnersReadiness.CACHED_FOR) + 2;
        // orders' owner also stands for saga-status and loyalty: three probes a round, 90 without the cache
        assertThat(system.orders.probes()).isLessThanOrEqualTo(3 * rounds).isLessThan(90);
    }

    private static HttpResponse<String> awaitReadiness(int status) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> get("/health/ready"), r -> r.statusCode() == status);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(system.url(path)))
                .header("Authorization", RawHttp.OPERATOR).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
