package com.musiccorp.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.platform.kafka.ScramLogin;
import com.musiccorp.platform.launcher.DevelopmentCredentials;
import com.musiccorp.platform.launcher.SystemLauncher;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code KAFKA_SECURITY=scram}: the start command brings the broker up with SASL/SCRAM and ACLs,
 * the registry and each context logging in as their own principals, each process holding only
 * its own password; an order placed through the api reaches saga-status under those grants alone,
 * and a client without a login gets nothing from the broker.
 * <p>It lives here, not in platform/launcher, because it runs the contexts' built modules, which the
 * reactor builds after the launcher.
 */
class SecuredStartIT {
    private static final Path ROOT = RunningSystem.ROOT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void contextsRunAsTheirOwnPrincipalsOnTheSecuredBroker(@TempDir Path stateDir) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "KAFKA_SECURITY", "scram", "MUSICCORP_PROCESSES", "per-service",
                "MUSICCORP_SERVICES", "kafka,schema-registry,orders,saga-status,api"));
        for (String port : List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "REGISTRY_PORT", "ORDERS_HTTP_PORT",
                "SAGA_STATUS_HTTP_PORT", "API_HTTP_PORT")) {
            settings.put(port, String.valueOf(freePort()));
        }
        var console = new ByteArrayOutputStream();
        SystemLauncher launcher = new SystemLauncher(ROOT, stateDir, settings, new PrintStream(console, true), false);
        try {
            launcher.startAll();
            assertThat(launcher.readyLine("kafka")).contains("security=SASL_PLAINTEXT/SCRAM-SHA-512");
            DevelopmentCredentials credentials = launcher.credentials();
            String bootstrap = launcher.commonEnvironment().get("KAFKA_BOOTSTRAP_SERVERS");

            // Each process holds its own login only.
            Map<String, String> orders = environmentOf(launcher, "orders");
            assertThat(orders).containsKey("ORDERS_KAFKA_SASL_PASSWORD")
                    .doesNotContainKeys("SAGA_STATUS_KAFKA_SASL_PASSWORD", "KAFKA_ADMIN_PASSWORD", "SCHEMA_REGISTRY_KAFKA_SASL_PASSWORD");
            assertThat(environmentOf(launcher, "schema-registry").get("REGISTRY_KAFKA_SASL_JAAS_CONFIG"))
                    .contains("username=\"schema-registry\"");
            assertThat(environmentOf(launcher, "api")).doesNotContainKeys("KAFKA_ADMIN_PASSWORD", "ORDERS_KAFKA_SASL_PASSWORD");

            // An order goes orders -> orders.events -> saga-status, each under its own grants.
            String body = JSON.writeValueAsString(Map.of("customerId", "cust-1", "customerName", "Ada",
                    "customerEmail", "ada@example.com", "currency", "GBP", "paymentMethodToken", "tok_visa",
                    "lines", List.of(Map.of("sku", "SECURE-1", "title", "Blue Train", "artist", "John Coltrane",
                            "format", "VINYL", "quantity", 1, "unitPriceMinor", 2499)),
                    "shippingAddress", Map.of("name", "Ada", "line1", "1 Square", "city", "London",
                            "postalCode", "SW1", "countryCode", "GB")));
            String api = launcher.url("api");
            HttpResponse<String> placed = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/orders"))
                    .header("Authorization", "Bearer " + credentials.customerToken())
                    .header("Content-Type", "application/json").header("Idempotency-Key", "secured-1")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
            String orderId = JSON.readTree(placed.body()).get("orderId").asText();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> saga = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/sagas/by-order/" + orderId))
                        .header("Authorization", "Bearer " + credentials.operatorToken()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(saga.statusCode()).as(saga.body()).isEqualTo(200);
                JsonNode timeline = JSON.readTree(saga.body()).get("timeline");
                assertThat(timeline.toString()).contains("OrderPlaced");
            });

            // The admin sees the contexts' own topics; a client without a login sees nothing.
            Map<String, Object> asAdmin = new HashMap<>(Map.of("bootstrap.servers", bootstrap));
            asAdmin.putAll(new ScramLogin("admin", credentials.kafkaPasswords().get("KAFKA_ADMIN_PASSWORD")).clientConfig());
            try (Admin admin = Admin.create(asAdmin)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .contains("orders.events", "musiccorp-orders-orders-store-changelog");
            }
            try (Admin anonymous = Admin.create(Map.of("bootstrap.servers", bootstrap, "default.api.timeout.ms", 5000,
                    "request.timeout.ms", 3000))) {
                assertThatThrownBy(() -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS))
                        .as("a client without a login").isNotNull();
            }
            // The CLI logs in as README says: KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD=$KAFKA_ADMIN_PASSWORD.
            assertThat(cli(bootstrap, Map.of("KAFKA_SASL_USERNAME", "admin",
                    "KAFKA_SASL_PASSWORD", credentials.kafkaPasswords().get("KAFKA_ADMIN_PASSWORD")), "topics"))
                    .contains("orders.events");
        } finally {
            launcher.stopAll();
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("KAFKA_SASL_USERNAME=admin");
    }

    /** {@code musiccorp cli <args>} with {@code env}; its output, once it exited 0. */
    private static String cli(String bootstrap, Map<String, String> env, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", bootstrap));
        Cli.Result result = Cli.run(env, all);
        assertThat(result.exitCode()).as(String.join("\n", result.lines())).isZero();
        return String.join("\n", result.lines());
    }

    /** The environment the launcher gave a running service's process, as Linux shows it. */
    private static Map<String, String> environmentOf(SystemLauncher launcher, String service) throws IOException {
        long pid = launcher.pid(service);
        Map<String, String> env = new HashMap<>();
        for (String entry : new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "environ")),
                StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return env;
    }

    private static int freePort() throws IOException {
        return RunningSystem.freePort();
    }
}
