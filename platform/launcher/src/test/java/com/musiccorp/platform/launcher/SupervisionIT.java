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
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Supervision for real: the start command runs the payment gateway (a light service with no broker)
 * as its own process, the test SIGKILLs that process from outside, as the kernel's OOM killer would,
 * and the start command reports the death, restarts it with back-off, and says so in the status file
 * that {@code ./musiccorp status} reads. A restart on purpose ({@link SystemLauncher#restart}) is not
 * also restarted by the supervisor.
 */
class SupervisionIT {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final String SERVICE = "payment-gateway";
    private static final Duration RESTARTED_WITHIN = Duration.ofSeconds(90);

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Test
    void aServiceKilledFromOutsideIsReportedRestartedWithBackOffAndShownByStatus(@TempDir Path home) throws Exception {
        SystemLauncher launcher = new SystemLauncher(ROOT, home, Map.of("MUSICCORP_SERVICES", SERVICE,
                "GATEWAY_HTTP_PORT", String.valueOf(freePort())), new PrintStream(console, true), false);
        try {
            launcher.startAll();
            StatusFile.Row first = row(home);
            assertThat(first.state()).isEqualTo(Supervisor.State.READY);
            assertThat(first.restarts()).isZero();
            assertThat(first.address()).isEqualTo(launcher.url(SERVICE));

            ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly(); // SIGKILL, not through the launcher

            await().atMost(Duration.ofSeconds(30)).until(() -> printed().contains(
                    SERVICE + " (pid " + first.pid() + ") died with exit 137; restarting in 1 s (restart 1)"));
            StatusFile.Row second = awaitReady(home, 1);
            assertThat(second.pid()).isNotEqualTo(first.pid());
            assertThat(ProcessHandle.of(second.pid())).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            assertThat(printed()).contains("restarted " + SERVICE + " (pid " + second.pid() + "): " + SERVICE + " http=" + launcher.url(SERVICE));
            assertThat(get(launcher.url(SERVICE) + "/ledger?orderId=o-1")).as("the new process serves").isEqualTo(200);
            assertThat(Files.readString(home.resolve("logs/supervisor.log")))
                    .contains("(pid " + first.pid() + ") died with exit 137; restarting in 1 s (restart 1)");
            assertThat(Files.readString(home.resolve("logs/" + SERVICE + ".log")))
                    .as("the log keeps the life that ended").contains("=== restarted by the start command: restart 1 ===")
                    .containsPattern("(?s)READY payment-gateway.*restart 1 ===.*READY payment-gateway");

            var status = new ByteArrayOutputStream();
            assertThat(StatusCommand.print(home, new PrintStream(status, true, StandardCharsets.UTF_8), Instant.now()))
                    .as("status exits 0 while it runs").isZero();
            assertThat(status.toString(StandardCharsets.UTF_8)).containsPattern(
                    SERVICE + " +READY +" + second.pid() + " +" + launcher.url(SERVICE) + " +1 ");

            // Dying again soon after: the back-off doubles.
            ProcessHandle.of(second.pid()).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> printed().contains(
                    SERVICE + " (pid " + second.pid() + ") died with exit 137; restarting in 2 s (restart 2)"));
            StatusFile.Row third = awaitReady(home, 2);

            // A restart on purpose, as system-tests crash a service: restarted once, by the caller, not counted.
            launcher.restart(SERVICE, true);
            StatusFile.Row fourth = row(home);
            assertThat(fourth.pid()).isNotIn(first.pid(), second.pid(), third.pid());
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> {
                StatusFile.Row now = row(home);
                return now.pid() == fourth.pid() && now.state() == Supervisor.State.READY && now.restarts() == 2;
            });
            assertThat(printed()).doesNotContain("(pid " + third.pid() + ") died", "(restart 3)");
        } finally {
            launcher.stopAll();
        }
        assertThat(row(home).state()).isEqualTo(Supervisor.State.STOPPED);
        assertThat(StatusCommand.print(home, new PrintStream(new ByteArrayOutputStream()), Instant.now()))
                .as("status exits 1 once nothing runs").isEqualTo(1);
        assertThat(printed()).doesNotContain("(restart 3)");
    }

    private static StatusFile.Row awaitReady(Path home, int restarts) {
        return await().atMost(RESTARTED_WITHIN).until(() -> row(home),
                r -> r.state() == Supervisor.State.READY && r.restarts() == restarts);
    }

    private static StatusFile.Row row(Path home) throws IOException {
        return StatusFile.readFrom(home).rows().stream().filter(r -> r.service().equals(SERVICE)).findFirst().orElseThrow();
    }

    private String printed() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static int get(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
