package com.musiccorp.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.musiccorp.gateway.GatewaySimulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator behind its HTTP API, on a free port, as the payments service will call it. */
class GatewayHttpServerTest {

    static GatewayHttpServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = GatewayHttpServer.start(0, new GatewaySimulator(10_000));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String charge(String key, String orderId, long amount, String token) {
        return """
                {"idempotencyKey":"%s","orderId":"%s","customerId":"cust-1","amountMinor":%d,"currency":"GBP","token":"%s"}"""
                .formatted(key, orderId, amount, token);
    }

    @Test
    void anApprovedChargeIs201ThenTheSameKeyReplays200AndTheLedgerShowsOneCharge() throws Exception {
        HttpResponse<String> first = post("/charges", charge("k-ok", "o-ok", 2599, "tok_visa"));
        HttpResponse<String> again = post("/charges", charge("k-ok", "o-ok", 2599, "tok_visa"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).contains("\"status\":\"APPROVED\"", "\"reference\":\"ch_");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"replayed\":true");
        HttpResponse<String> ledger = get("/ledger?orderId=o-ok");
        assertThat(ledger.statusCode()).isEqualTo(200);
        assertThat(ledger.body()).contains("\"captured\":1", "\"calls\":2", "\"idempotencyKey\":\"k-ok\"");
    }

    @Test
    void declinedIs402TransientIs503AndAConflictingKeyIs409() throws Exception {
        HttpResponse<String> declined = post("/charges", charge("k-dec", "o-dec", 100, "tok_decline"));
        HttpResponse<String> overLimit = post("/charges", charge("k-big", "o-big", 20_000, "tok_visa"));
        HttpResponse<String> transientFailure = post("/charges", charge("k-tr", "o-tr", 100, "tok_transient_1"));
        HttpResponse<String> thenApproved = post("/charges", charge("k-tr", "o-tr", 100, "tok_transient_1"));
        HttpResponse<String> conflict = post("/charges", charge("k-tr", "o-other", 100, "tok_transient_1"));

        assertThat(declined.statusCode()).isEqualTo(402);
        assertThat(declined.body()).contains("\"code\":\"DECLINED\"");
        assertThat(overLimit.statusCode()).isEqualTo(402);
        assertThat(overLimit.body()).contains("\"code\":\"LIMIT_EXCEEDED\"");
        assertThat(transientFailure.statusCode()).isEqualTo(503);
        assertThat(thenApproved.statusCode()).isEqualTo(201);
        assertThat(conflict.statusCode()).isEqualTo(409);
    }

    @Test
    void aSlowTokenIsAnsweredAfterItsDelayWithoutHoldingUpOtherCharges() throws Exception {
        var slow = http.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + "/charges"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(charge("k-slow", "o-slow", 100, "tok_slow_5000")))
                .build(), HttpResponse.BodyHandlers.ofString());
        // The slow charge is in the ledger, its answer still being held back...
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/ledger?orderId=o-slow").body().contains("\"k-slow\""));
        assertThat(slow).isNotDone();

        // ...and another customer's charge is answered meanwhile.
        HttpResponse<String> quick = post("/charges", charge("k-quick", "o-quick", 100, "tok_visa"));
        assertThat(quick.statusCode()).isEqualTo(201);
        assertThat(slow).as("the quick charge did not wait for the slow one").isNotDone();

        assertThat(slow.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    }

    @Test
    void aRefundIsMadeOncePerChargeAndAnUnknownChargeIsRefused() throws Exception {
        post("/charges", charge("k-ref", "o-ref", 500, "tok_visa"));

        HttpResponse<String> refunded = post("/refunds", """
                {"idempotencyKey":"r-1","chargeKey":"k-ref","reason":"item not found"}""");
        HttpResponse<String> replayed = post("/refunds", """
                {"idempotencyKey":"r-1","chargeKey":"k-ref","reason":"item not found"}""");
        HttpResponse<String> unknown = post("/refunds", """
                {"idempotencyKey":"r-2","chargeKey":"nope","reason":"x"}""");

        assertThat(refunded.statusCode()).isEqualTo(201);
        assertThat(refunded.body()).contains("\"reference\":\"re_");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(get("/ledger?orderId=o-ref").body()).contains("\"refundKey\":\"r-1\"");
    }

    @Test
    void aLookupByKeyIs200WithTheChargeOr404AfterWhichTheKeyIsVoid() throws Exception {
        post("/charges", charge("k-look", "o-look", 300, "tok_visa"));

        HttpResponse<String> found = get("/charges/k-look");
        HttpResponse<String> unknown = get("/charges/k-never");
        HttpResponse<String> late = post("/charges", charge("k-never", "o-never", 300, "tok_visa"));

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("\"status\":\"APPROVED\"", "\"reference\":\"ch_", "\"orderId\":\"o-look\"");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"NOT_FOUND\"");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("\"code\":\"VOIDED\"");
        assertThat(get("/ledger?orderId=o-never").body()).contains("\"captured\":0");
    }

    @Test
    void anIncompleteChargeIs400() throws Exception {
        assertThat(post("/charges", "{\"orderId\":\"o\"}").statusCode()).isEqualTo(400);
        assertThat(get("/ledger").statusCode()).isEqualTo(400);
    }
}
