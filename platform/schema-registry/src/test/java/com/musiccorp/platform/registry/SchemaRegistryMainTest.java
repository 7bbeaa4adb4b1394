package com.musiccorp.platform.registry;

import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static com.musiccorp.platform.registry.RegistryHttp.record;
import static org.assertj.core.api.Assertions.assertThat;

/** The registry as its own process: configured by environment, one READY line, a clean stop on SIGTERM. */
class SchemaRegistryMainTest {
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void runsAsAProcess() throws Exception {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, SchemaRegistryMain.class.getName());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        builder.environment().put("REGISTRY_PORT", String.valueOf(port));
        builder.environment().put("LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        String readyLine = "READY schema-registry url=http://localhost:" + port;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    if (line.equals(readyLine)) ready.complete(null);
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("exited without READY"));
        });
        try {
            ready.get(60, TimeUnit.SECONDS);
            RegistryHttp http = new RegistryHttp("http://localhost:" + port);
            assertThat(http.registerOk("main-value", record("Main", "x:int"))).isPositive();
            assertThat(http.get("/health").body()).isEqualTo("{\"status\":\"UP\"}");

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM; output: %s", output).isTrue();
            assertThat(output.stream().filter(l -> l.startsWith("READY"))).containsExactly(readyLine);
        } finally {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
