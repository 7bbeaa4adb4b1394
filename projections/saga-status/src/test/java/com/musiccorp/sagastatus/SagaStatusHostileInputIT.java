package com.musiccorp.sagastatus;

import com.musiccorp.platform.http.security.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.ContextServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests to saga-status as its own process on a real broker: every malformed query
 * parameter, cursor or path id is a 400 whose JSON names it (never a 500), valid instants far
 * in the past or future are clamped, and empty listings still show every field.
 */
class SagaStatusHostileInputIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @TempDir
    static Path state;

    static SchemaRegistryServer registry;
    static ContextServiceProcess service;
    static URI base;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
        service = ContextServiceProcess.start("saga-status", SagaStatusService.class, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(),
                "STATE_DIR", state.toString(),
                "SAGA_STATUS_HTTP_PORT", "0"));
        base = URI.create(service.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) service.close();
        if (registry != null) registry.close();
    }

    @Test
    void timeParametersOutOfRangeAreClampedOrRefusedNamingTheParameter() throws Exception {
        // Valid ISO instants, however far out, are bounds of a filter: clamped, never an overflow.
        assertThat(get("/sagas?updatedSince=%2B999999999-12-31T23:59:59Z").body()).isEqualTo("{\"sagas\":[],\"next\":null}");
        assertThat(get("/sagas?updatedUntil=%2B999999999-12-31T23:59:59Z").statusCode()).isEqualTo(200);
        assertThat(get("/sagas?updatedSince=-999999999-01-01T00:00:00Z&updatedUntil=-999999999-01-01T00:00:00Z").body())
                .isEqualTo("{\"sagas\":[],\"next\":null}");
        assertThat(get("/sagas?updatedSince=1969-12-31T23:59:59.999999999Z&status=COMPLETED").statusCode()).isEqualTo(200);

        assertRefused("/sagas?updatedSince=+999999999-12-31T23:59:59Z", "updatedSince"); // '+' is a space in a query
        assertRefused("/sagas?updatedUntil=yesterday", "updatedUntil");
        assertRefused("/sagas?updatedSince=2026-02-01T00:00:00Z&updatedUntil=2026-01-01T00:00:00Z", "updatedSince");
        assertThat(get("/sagas?since=%2B999999999-12-31T23:59:59Z").body()).isEqualTo("{\"sagas\":[],\"next\":null}");
        assertRefused("/sagas?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", "since");
        assertRefused("/sagas?until=yesterday", "until");
        assertRefused("/sagas?since=2026-01-01T00:00:00Z&updatedSince=2026-01-01T00:00:00Z", "updatedSince");
        assertRefused("/sagas?status=NOPE", "status");
        assertRefused("/sagas?scope=everything", "scope");
    }

    @Test
    void limitMustBeAWholeNumberFrom1To500() throws Exception {
        for (String limit : new String[]{"0", "-1", "501", "2147483648", "99999999999999999999", "abc", "1.5", "+5"}) {
            assertRefused("/sagas?limit=" + limit, "limit");
        }
        assertThat(get("/sagas?limit=500").statusCode()).isEqualTo(200);
        assertThat(get("/sagas?limit=").statusCode()).as("an empty value is a missing one").isEqualTo(200);
        assertThat(get("/sagas?limit=1&scope=local").statusCode()).isEqualTo(200);
    }

    @Test
    void longPollParametersAreValidated() throws Exception {
        for (String timeout : new String[]{"PT9999999999999999H", "P106751991167301D", "PT-1S", "-PT1S", "P1D",
                "PT60.000000001S", "soon"}) {
            assertRefused("/sagas/saga-1?waitForVersionAbove=0&timeout=" + timeout, "timeout");
        }
        for (String version : new String[]{"-1", "99999999999999999999", "abc", "1e3"}) {
            assertRefused("/sagas/saga-1?waitForVersionAbove=" + version, "waitForVersionAbove");
        }
        assertRefused("/sagas/saga-1?timeout=PT1S", "waitForVersionAbove");
        assertThat(get("/sagas/saga-1?waitForVersionAbove=9223372036854775807&timeout=PT0S").statusCode()).isEqualTo(404);
    }

    @Test
    void aCursorThisServiceDidNotHandOutIsRefused() throws Exception {
        for (String after : new String[]{"garbage", "Zm9v", "%25%25", "SU5fUFJPR1JFU1N8MXxh", "_w"}) {
            assertRefused("/sagas?after=" + after, "after");
        }
        assertRefused("/sagas?after=garbage&scope=local", "after");
    }

    @Test
    void emptyListingsShowEveryField() throws Exception {
        assertThat(get("/sagas?status=CANCELLED").body()).isEqualTo("{\"sagas\":[],\"next\":null}");
        assertThat(get("/sagas?status=CANCELLED&scope=local").body()).contains("\"entries\":[]");
        assertThat(get("/choreography").body()).isEqualTo("{\"transitions\":[]}");
        assertThat(get("/choreography?scope=local").body()).contains("\"transitions\":[]");
        assertThat(get("/sagas/counts?scope=local").body()).contains("\"counts\":{");
    }

    @Test
    void pathIdsBreakingTheIdentifierRuleAreRefusedNamingTheId() throws Exception {
        String longId = "a".repeat(10_000);
        for (String id : new String[]{"%00", "%ff", "a%20b", "%2E%2E", longId, "x%0Ay"}) {
            assertRefused("/sagas/" + id, "correlationId");
            assertRefused("/sagas/" + id + "/stream", "correlationId");
            assertRefused("/sagas/by-order/" + id, "orderId");
            assertRefused("/sagas/order-ids/" + id, "correlationId");
        }
        assertRefused("/sagas/" + longId + "?waitForVersionAbove=0&timeout=PT30S", "correlationId");
        assertThat(get("/sagas/by-order/order-1").statusCode()).isEqualTo(404);
        assertThat(get("/sagas/" + "a".repeat(20_000)).statusCode()).as("beyond the request line limit: refused by Netty")
                .isBetween(400, 499);
    }

    @Test
    void malformedEscapesInTheQueryOrPathAreNeverA500() throws Exception {
        Map<String, Integer> answers = new java.util.LinkedHashMap<>();
        for (String target : new String[]{"/sagas?status=%ff", "/sagas?limit=%zz", "/sagas?%", "/sagas?after=%c3%28",
                "/sagas/saga-1?waitForVersionAbove=%e2%82&timeout=PT1S", "/sagas?updatedSince=%", "/choreography?scope=%ff",
                "/sagas/counts?scope=%zz", "/sagas/%zz", "/sagas/by-order/%", "/sagas/%c3%28/stream",
                "/sagas/order-ids/%zz", "/sagas/order-ids/x?scope=%ff"}) {
            answers.put(target, rawStatus(target));
        }
        assertThat(answers).allSatisfy((target, status) -> assertThat(status).as(target).isIn(200, 400, 404));
    }

    private void assertRefused(String target, String parameter) throws Exception {
        HttpResponse<String> response = get(target);
        assertThat(response.statusCode()).as(target).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("message").asText()).as(target).contains(parameter);
        assertThat(body.path("violations").path(0).path("field").asText()).as(target).isEqualTo(parameter);
        assertThat(response.body().length()).as("the answer does not echo a huge value").isLessThan(1_000);
    }

    private HttpResponse<String> get(String target) throws Exception {
        return http.send(TestTokens.adminRequest(URI.create(base + target)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status line of a request sent as raw bytes, for targets java.net.URI refuses to build. */
    private static int rawStatus(String target) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine;
            try {
                statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            } catch (java.net.SocketTimeoutException e) {
                return -1; // no answer at all
            }
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
