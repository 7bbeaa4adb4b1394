package com.musiccorp.systemtests;

import com.musiccorp.platform.http.security.BearerTokens;
import com.musiccorp.platform.launcher.DevelopmentCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's security, end to end through the one base URL: the start wrote the credentials, an
 * anonymous caller is refused with a reason, each token does what its role allows and no more.
 */
@ExtendWith(RunningSystem.class)
class ApiSecurityIT {
    private final RunningSystem.Services system = RunningSystem.get();
    private final Shop shop = new Shop(system);

    @Test
    void theStartWritesPrivateCredentialsAndEachTokenDoesWhatItsRoleAllows() throws Exception {
        Path file = system.home().resolve("credentials.env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("MUSICCORP_JWT_SECRET=", "ADMIN_TOKEN=", "OPERATOR_TOKEN=",
                "CUSTOMER_TOKEN=", "REGISTRY_USER_INFO=");
        DevelopmentCredentials credentials = system.credentials();
        String api = system.url("api");

        Http.Answer anonymous = Http.as(null).get(api + "/sagas?limit=1");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("error").asText()).isEqualTo("unauthorized");
        Http.Answer readiness = Http.as(null).get(api + "/health/ready"); // open: its own answer, ready or not yet
        assertThat(readiness.status()).as("readiness is open").isIn(200, 503);
        assertThat(readiness.body().has("status")).as(readiness.raw().body()).isTrue();

        shop.receive("SKU-SEC", 5);
        Map<String, Object> order = Shop.orderBody("cust-1", List.of(new Shop.Line("SKU-SEC", 1, 1500)), "NW8 9AY", "tok_ok");
        Http.Answer forSomeoneElse = Http.as(credentials.customerToken()).post(api + "/orders",
                Shop.orderBody("cust-2", List.of(new Shop.Line("SKU-SEC", 1, 1500)), "NW8 9AY", "tok_ok"), "sec-other");
        assertThat(forSomeoneElse.status()).as(forSomeoneElse.raw().body()).isEqualTo(403);
        java.util.concurrent.atomic.AtomicReference<Http.Answer> placed = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            placed.set(Http.as(credentials.customerToken()).post(api + "/orders", order, "sec-own"));
            return placed.get().status() != 503;
        });
        assertThat(placed.get().status()).as(placed.get().raw().body()).isEqualTo(202);
        String orderId = placed.get().body().get("orderId").asText();
        String saga = shop.awaitSaga(orderId, "COMPLETED").get("correlationId").asText();

        String grace = BearerTokens.mint(credentials.jwtSecret(), "cust-2", List.of("customer"), "cust-2", Instant.now(),
                Duration.ofMinutes(5));
        for (String path : List.of("/orders/" + orderId, "/sagas/by-order/" + orderId, "/sagas/" + saga)) {
            assertThat(Http.as(credentials.customerToken()).get(api + path).status()).as("own " + path).isEqualTo(200);
            Http.Answer other = Http.as(grace).get(api + path);
            assertThat(other.status()).as("another customer's " + path).isEqualTo(403);
            assertThat(other.body().get("error").asText()).isEqualTo("forbidden");
            assertThat(Http.as(credentials.operatorToken()).get(api + path).status()).as(path).isEqualTo(200);
        }
        assertThat(Http.as(credentials.customerToken()).get(api + "/sagas?limit=1").status()).isEqualTo(403);
        assertThat(Http.as(credentials.operatorToken()).get(api + "/stock/SKU-SEC").status()).isEqualTo(200);
        assertThat(Http.as(credentials.operatorToken()).get(api + "/admin/saga-status/digest").status()).isEqualTo(403);
        assertThat(Http.as(credentials.adminToken()).get(api + "/admin/saga-status/digest").status()).isEqualTo(200);
    }
}
