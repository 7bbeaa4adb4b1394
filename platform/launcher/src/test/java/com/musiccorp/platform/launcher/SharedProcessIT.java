package com.musiccorp.platform.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The default process model for real: two bounded contexts (loyalty, notifications) and the api share
 * one JVM, each with its own port and READY line (each context its own Kafka Streams application);
 * the api routes to its process mates, which start with it; each log line names its service; the
 * status lists all three with the shared pid; killed from outside, the shared process is restarted
 * and all three serve again.
 */
class SharedProcessIT {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void contextsAndTheApiShareOneProcessEachServingOnItsOwnAndComeBackTogether(@TempDir Path home) throws Exception {
        var console = new ByteArrayOutputStream();
        SystemLauncher launcher = new SystemLauncher(ROOT, home, Map.of(
                "MUSICCORP_SERVICES", "kafka,schema-registry,loyalty,notifications,api", "API_HTTP_PORT", String.valueOf(freePort()),
                "KAFKA_PORT", String.valueOf(freePort()), "KAFKA_CONTROLLER_PORT", String.valueOf(freePort()),
                "REGISTRY_PORT", String.valueOf(freePort()), "LOYALTY_HTTP_PORT", String.valueOf(freePort()),
                "NOTIFICATIONS_HTTP_PORT", String.valueOf(freePort())), new PrintStream(console, true), false);
        try {
            launcher.startAll();
            List<StatusFile.Row> rows = rows(home, "loyalty", "notifications", "api");
            long pid = rows.getFirst().pid();
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.state()).isEqualTo(Supervisor.State.READY);
                assertThat(r.pid()).as("one process for both").isEqualTo(pid);
            });
            assertThat(rows(home, "kafka").getFirst().pid()).isNotEqualTo(pid);
            assertThat(SystemLauncherIT.commandLine(pid)).as("one pause stops every context: collected on both cores")
                    .contains("-XX:+UseParallelGC", "-XX:SweeperThreshold=50").doesNotContain("-XX:+UseSerialGC");
            assertThat(launcher.url("loyalty")).isNotEqualTo(launcher.url("notifications"));
            assertThat(get(launcher.url("loyalty") + "/health/ready")).isEqualTo(200);
            assertThat(get(launcher.url("notifications") + "/health/ready")).isEqualTo(200);
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .contains("started loyalty (pid " + pid + ", in app)", "started notifications (pid " + pid + ", in app)",
                            "started api (pid " + pid + ", in app)");
            String token = launcher.credentials().adminToken();
            assertThat(get(launcher.url("api") + "/loyalty/c-shared", token)).as("the api reaches its process mate")
                    .isEqualTo(get(launcher.url("loyalty") + "/loyalty/c-shared", token)).isNotEqualTo(502);
            assertThat(Files.readString(home.resolve("logs/app.log")))
                    .containsPattern("INFO  \\[loyalty] ").containsPattern("INFO  \\[notifications] ");

            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(120)).until(() -> rows(home, "loyalty", "notifications", "api").stream()
                    .allMatch(r -> r.state() == Supervisor.State.READY && r.restarts() == 1 && r.pid() != pid));
            assertThat(get(launcher.url("loyalty") + "/health/ready")).isEqualTo(200);
            assertThat(get(launcher.url("notifications") + "/health/ready")).isEqualTo(200);
            assertThat(get(launcher.url("api") + "/loyalty/c-shared", token)).as("routes again after the restart")
                    .isEqualTo(get(launcher.url("loyalty") + "/loyalty/c-shared", token)).isNotEqualTo(502);
        } finally {
            launcher.stopAll();
        }
        assertThat(rows(home, "loyalty", "notifications", "api")).allSatisfy(r ->
                assertThat(r.state()).isEqualTo(Supervisor.State.STOPPED));
    }

    private static List<StatusFile.Row> rows(Path home, String... services) throws IOException {
        List<StatusFile.Row> all = StatusFile.readFrom(home).rows();
        return List.of(services).stream()
                .map(s -> all.stream().filter(r -> r.service().equals(s)).findFirst().orElseThrow()).toList();
    }

    private static int get(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static int get(String url, String token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
