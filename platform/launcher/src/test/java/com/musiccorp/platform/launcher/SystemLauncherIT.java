package com.musiccorp.platform.launcher;

import com.musiccorp.platform.avro.HttpSchemaRegistryClient;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.kafka.TopicSpec;
import com.musiccorp.schemas.SubjectCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start command for real: the broker and the registry as their own processes, from their
 * built classpaths, then every event schema registered. Processors are left out (they have their
 * own end-to-end tests); what is tested here is the launcher and the foundation it brings up.
 */
class SystemLauncherIT {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void startsBrokerAndRegistryRegistersEverySchemaAndStopsCleanlyKeepingState(@TempDir Path stateDir) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "KAFKA_PORT", String.valueOf(freePort()), "KAFKA_CONTROLLER_PORT", String.valueOf(freePort()),
                "REGISTRY_PORT", String.valueOf(freePort()), "MUSICCORP_SERVICES", "kafka,schema-registry"));
        var console = new ByteArrayOutputStream();
        SystemLauncher launcher = new SystemLauncher(ROOT, stateDir, settings, new PrintStream(console, true), false);
        Map<String, String> env = launcher.commonEnvironment();
        Map<String, Integer> idsBefore;
        try {
            launcher.startAll();
            // Each process gets its heap: the registry's own (service.properties), starting small, the
            // broker the default, whole from the start.
            if (System.getenv("SERVICE_HEAP") == null) {
                assertThat(commandLine(launcher.pid("schema-registry"))).contains("-XX:+UseSerialGC", "-Xms32m", "-Xmx128m",
                        "-XX:TieredStopAtLevel=1"); // its own env.SERVICE_JVM_OPTIONS
                assertThat(commandLine(launcher.pid("kafka"))).doesNotContain("-XX:TieredStopAtLevel=1");
                assertThat(commandLine(launcher.pid("kafka"))).contains("-Xms160m", "-Xmx160m");
            }
            if (Runtime.version().feature() >= 25) {
                assertThat(commandLine(launcher.pid("kafka"))).contains("-XX:+UseCompactObjectHeaders");
            }
            String printed = console.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("started kafka", "started schema-registry",
                    "registered " + SubjectCatalog.fromGeneratedClasses().schemas().size() + " event schemas");

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", env.get("KAFKA_BOOTSTRAP_SERVERS")))) {
                assertThat(admin.listTopics().names().get())
                        .containsAll(TopicCatalog.all().stream().map(TopicSpec::name).toList());
            }
            try (var registry = new HttpSchemaRegistryClient(env.get("SCHEMA_REGISTRY_URL"))) {
                assertThat(registry.listSubjects()).containsAll(SubjectCatalog.fromGeneratedClasses().schemas().keySet());
                assertThat(registry.getCompatibility("com.musiccorp.events.OrderPlaced")).isEqualTo("BACKWARD_TRANSITIVE");
                idsBefore = ids(registry);
            }
        } finally {
            launcher.stopAll();
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("stopping schema-registry", "stopping kafka");
        int registryPort = Integer.parseInt(settings.get("REGISTRY_PORT"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !listening(registryPort));

        // Same state directory: the broker keeps its log, so the registry serves the same ids.
        SystemLauncher again = new SystemLauncher(ROOT, stateDir, settings, new PrintStream(new ByteArrayOutputStream()), false);
        try {
            again.startAll();
            try (var registry = new HttpSchemaRegistryClient(env.get("SCHEMA_REGISTRY_URL"))) {
                assertThat(ids(registry)).isEqualTo(idsBefore);
            }
        } finally {
            again.stopAll();
        }
    }

    private static Map<String, Integer> ids(HttpSchemaRegistryClient registry) {
        Map<String, Integer> ids = new HashMap<>();
        for (String subject : registry.listSubjects()) ids.put(subject, registry.latest(subject).id());
        return ids;
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A process's command line, as Linux shows it. */
    static List<String> commandLine(long pid) throws java.io.IOException {
        return List.of(new String(java.nio.file.Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                StandardCharsets.UTF_8).split("\0"));
    }
}
