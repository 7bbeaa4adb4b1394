package com.musiccorp.platform.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.platform.http.security.BearerTokens;
import com.musiccorp.platform.http.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one base URL checks the caller's token before anything reaches a service, and passes the
 * caller's {@code Authorization} on unchanged, so the owner decides what the caller's role may do.
 */
class GatewaySecurityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final GatewayWithOwners system = new GatewayWithOwners();

    @Test
    void anAnonymousCallerIsA401WithAJsonReasonAndReachesNoService() throws Exception {
        RawHttp.Answer a = RawHttp.exchangeAsIs(system.port(), "GET /orders/42 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(a.status()).isEqualTo(401);
        JsonNode body = JSON.readTree(a.body());
        assertThat(body.get("error").asText()).isEqualTo("unauthorized");
        assertThat(body.get("message").asText()).contains("bearer token is required");
        assertThat(a.headers().get("www-authenticate")).startsWith("Bearer");
        assertThat(system.orders.received()).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretOrExpiredIsA401() throws Exception {
        String forged = BearerTokens.mint("f".repeat(64), "admin", List.of("admin"), null, Instant.now(), Duration.ofHours(1));
        String expired = BearerTokens.mint(System.getenv("MUSICCORP_JWT_SECRET"), "admin", List.of("admin"), null,
                Instant.now().minus(Duration.ofDays(2)), Duration.ofDays(1));
        for (String token : List.of(forged, expired)) {
            RawHttp.Answer a = RawHttp.exchange(system.port(), "GET /stock/SKU-1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + token + "\r\nConnection: close\r\n\r\n");
            assertThat(a.status()).isEqualTo(401);
            assertThat(JSON.readTree(a.body()).get("message").asText()).contains("not valid");
        }
        assertThat(system.warehouse.received()).isEmpty();
    }

    /** A verified token is remembered (RememberVerifiedTokens): not past its expiry, and only its own text. */
    @Test
    void aTokenAcceptedBeforeIsRefusedOnceExpiredAndTheSameClaimsWithAnotherSignatureNeverPass() throws Exception {
        Instant issued = Instant.now();
        String genuine = BearerTokens.mint(System.getenv("MUSICCORP_JWT_SECRET"), "admin", List.of("admin"), null, issued,
                Duration.ofSeconds(3));
        String forged = BearerTokens.mint("f".repeat(64), "admin", List.of("admin"), null, issued, Duration.ofSeconds(3));
        assertThat(forged.substring(0, forged.lastIndexOf('.'))).as("the same header and claims")
                .isEqualTo(genuine.substring(0, genuine.lastIndexOf('.')));

        assertThat(stock(genuine).status()).isEqualTo(200);
        assertThat(stock(genuine).status()).as("again, remembered").isEqualTo(200);
        assertThat(stock(forged).status()).as("after the genuine one was verified").isEqualTo(401);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stock(genuine).status()).isEqualTo(401));
        assertThat(system.warehouse.received()).as("the forged token reached no service").isNotEmpty()
                .allMatch(r -> r.authorization().equals(TestTokens.bearer(genuine)));
    }

    private static RawHttp.Answer stock(String token) throws Exception {
        return RawHttp.exchange(system.port(), "GET /stock/SKU-1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aCallerWithATokenReachesTheOwnerWithItsAuthorizationUnchanged() throws Exception {
        String customer = TestTokens.bearer(TestTokens.customer("cust-7"));
        RawHttp.Answer a = RawHttp.exchange(system.port(), "GET /orders/42 HTTP/1.1\r\nHost: x\r\nAuthorization: " + customer
                + "\r\nConnection: close\r\n\r\n");

        assertThat(a.status()).isEqualTo(200);
        assertThat(system.orders.received()).singleElement()
                .extracting(RecordingOwner.Received::authorization).isEqualTo(customer);
    }

    @Test
    void aTargetThatIsNoUriIsStillMicronautsJson400ForACallerWithAToken() throws Exception {
        for (String target : java.util.List.of("/orders/%zz", "/orders/a|b")) {
            RawHttp.Answer a = RawHttp.exchange(system.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(a.status()).as(target + " " + a.body()).isEqualTo(400);
        }
        assertThat(RawHttp.exchangeAsIs(system.port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status())
                .as("the index is for callers with a token").isEqualTo(401);
    }

    @Test
    void readinessStaysOpenAndTheGatewaysOwnMetricsAreForOperators() throws Exception {
        assertThat(RawHttp.exchangeAsIs(system.port(), "GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .status()).isEqualTo(200);

        assertThat(RawHttp.exchangeAsIs(system.port(), "GET /prometheus HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .status()).isEqualTo(401);
        RawHttp.Answer customer = RawHttp.exchange(system.port(), "GET /prometheus HTTP/1.1\r\nHost: x\r\nAuthorization: "
                + TestTokens.bearer(TestTokens.customer("cust-7")) + "\r\nConnection: close\r\n\r\n");
        assertThat(customer.status()).isEqualTo(403);
        assertThat(JSON.readTree(customer.body()).get("error").asText()).isEqualTo("forbidden");
        assertThat(RawHttp.exchange(system.port(), "GET /prometheus HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .status()).isEqualTo(200);
        assertThat(RawHttp.exchangeAsIs(system.port(), "GET /prometheus HTTP/1.1\r\nHost: x\r\nAuthorization: "
                + TestTokens.bearer(TestTokens.mint("metrics", java.util.List.of("metrics"), null))
                + "\r\nConnection: close\r\n\r\n").status()).as("a scraper's token").isEqualTo(200);
    }
}
