package com.musiccorp.platform.registry;

import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Confluent's own registry client (Debian's python3-confluent-kafka, driven by
 * src/test/python/confluent_client_conformance.py) against this registry: an independent judge of
 * "speaks the Confluent API". A missing client fails the test; it is never skipped. The conformance
 * run is against a registry with {@code REGISTRY_USER_INFO} set, so the client sends Confluent's
 * {@code basic.auth.user.info} throughout, and one without it is refused; the restart run is against
 * one without, which behaves as an unauthenticated registry always did.
 */
class ConfluentClientConformanceTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Path SCRIPT = Path.of("src/test/python/confluent_client_conformance.py");
    private static final Path RESTART_SCRIPT = Path.of("src/test/python/confluent_client_restart.py");

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static final String USER_INFO = "conformance:pa55-" + java.util.UUID.randomUUID();

    @Test
    void confluentsPythonClientAgrees() throws Exception {
        requireConfluentClient();
        RegistrySettings protectedChanges = RegistrySettings.fromEnvironment(java.util.Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "REGISTRY_PORT", "0",
                "REGISTRY_TOPIC", "_schemas_conformance", "REGISTRY_USER_INFO", USER_INFO));
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(protectedChanges)) {
            Process process = new ProcessBuilder(PYTHON, SCRIPT.toString(), registry.url(), USER_INFO)
                    .redirectErrorStream(true).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("The conformance script did not finish within 120 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
            List<String> lines = output.lines().toList();
            assertThat(lines).as(output).noneMatch(l -> l.startsWith("FAIL"));
            long checks = lines.stream().filter(l -> l.startsWith("OK ")).count();
            assertThat(checks).as(output).isGreaterThanOrEqualTo(25);
            assertThat(lines).as(output).contains("PASSED " + checks + " checks");
            assertThat(lines).as(output).contains("OK register-incompatible-409", "OK compatibility-config",
                    "OK hard-delete-subject", "OK lookup-unknown-schema-40403",
                    "OK auth-anonymous-register-refused-401", "OK auth-wrong-password-refused-401",
                    "OK auth-anonymous-changes-refused-401", "OK auth-anonymous-reads-allowed");
        }
    }

    @Test
    void whatConfluentsClientRegisteredSurvivesARestart(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        requireConfluentClient();
        Path state = dir.resolve("ids.json");
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0)) {
            assertThat(runScript(RESTART_SCRIPT, "before", registry.url(), state.toString()))
                    .contains("OK registered-before-restart");
        }
        // A new registry process state, same Kafka: everything comes back from _schemas.
        try (SchemaRegistryServer restarted = SchemaRegistryServer.start(kafka.bootstrapServers(), 0)) {
            assertThat(runScript(RESTART_SCRIPT, "after", restarted.url(), state.toString()))
                    .contains("OK versions-survive", "OK same-ids-by-version-and-id", "OK subject-level-survives",
                            "OK re-register-returns-same-id");
        }
    }

    private static String runScript(Path script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(script + " did not finish within 120 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        return output;
    }

    private static void requireConfluentClient() throws IOException, InterruptedException {
        assertThat(Files.isRegularFile(SCRIPT)).as("%s exists (tests run from the module directory)", SCRIPT).isTrue();
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing: run bin/ensure-test-tools (it installs Debian's python3 with python3-confluent-kafka)");
        }
        Process probe = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka.schema_registry")
                .redirectErrorStream(true).start();
        boolean done = probe.waitFor(30, TimeUnit.SECONDS);
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done || probe.exitValue() != 0) {
            fail("Confluent's Python registry client is not importable by " + PYTHON + ": run bin/ensure-test-tools "
                    + "(it apt-installs python3-confluent-kafka; the registry client also needs python3-requests).\n" + output);
        }
    }
}
