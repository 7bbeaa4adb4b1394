package com.musiccorp.platform.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose brokers' start script (compose/secured-broker.sh), run here with stand-ins for the
 * image's kafka-storage.sh and run (no Docker engine): what it formats with and what it hands on.
 */
class SecuredBrokerScriptTest {
    private static final Path SCRIPT = Path.of("compose/secured-broker.sh").toAbsolutePath();

    @TempDir
    Path home;

    private record Run(int exit, String output) {
    }

    private Run run(Map<String, String> env) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("config"));
        // kafka-storage.sh: records its arguments and the config it was given.
        stub("bin/kafka-storage.sh", "printf '%s\\n' \"$@\" > \"$0.args\"; cp \"$6\" \"$0.properties\"");
        // The image's run: shows what the broker would be configured with.
        stub("run", "echo \"RUN $KAFKA_LISTENER_NAME_INTERNAL_SCRAM___SHA___512_SASL_JAAS_CONFIG\"");
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("BROKER_HOME", home.toString());
        pb.environment().put("BROKER_RUN", home.resolve("run").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    private void stub(String name, String body) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    private Properties properties(String name) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(Files.readString(home.resolve(name))));
        return props;
    }

    @Test
    void refusesToStartWithoutTheAdminsPassword() throws Exception {
        Run run = run(Map.of("CLUSTER_ID", "XQPEk1EgRsO_lphkAe_LTA"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("KAFKA_ADMIN_PASSWORD is not set").doesNotContain("RUN");
        assertThat(home.resolve("bin/kafka-storage.sh.args")).doesNotExist();
    }

    @Test
    void refusesAPasswordThatWouldBreakTheJaasOrScramSyntax() throws Exception {
        Run run = run(Map.of("CLUSTER_ID", "XQPEk1EgRsO_lphkAe_LTA", "BROKER_ADMIN_PASSWORD", "a,b"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("must not hold");
    }

    @Test
    void formatsWithTheAdminsScramLoginAndTheImagesOwnConfigurationThenRunsTheImage() throws Exception {
        Run run = run(Map.of("CLUSTER_ID", "XQPEk1EgRsO_lphkAe_LTA", "BROKER_ADMIN_PASSWORD", "s3cret",
                "KAFKA_NODE_ID", "2", "KAFKA_SUPER_USERS", "User:admin", "KAFKA_HEAP_OPTS", "-Xmx1g",
                "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT"));
        assertThat(run.exit()).as(run.output()).isZero();

        List<String> args = Files.readAllLines(home.resolve("bin/kafka-storage.sh.args"));
        assertThat(args.subList(0, 5)).containsExactly("format", "--ignore-formatted", "--cluster-id", "XQPEk1EgRsO_lphkAe_LTA", "-c");
        assertThat(args.subList(6, 8)).containsExactly("--add-scram", "SCRAM-SHA-512=[name=admin,password=s3cret]");
        assertThat(Path.of(args.get(5))).as("the rendered config, which holds passwords, is gone").doesNotExist();

        String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"s3cret\";";
        Properties rendered = properties("bin/kafka-storage.sh.properties");
        assertThat(rendered).containsEntry("node.id", "2").containsEntry("super.users", "User:admin")
                .containsEntry("listener.security.protocol.map", "INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT")
                .containsEntry("listener.name.internal.scram-sha-512.sasl.jaas.config", scram)
                .containsEntry("listener.name.external.scram-sha-512.sasl.jaas.config", scram)
                .containsEntry("listener.name.controller.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"s3cret\" user_admin=\"s3cret\";")
                .doesNotContainKey("heap.opts");
        assertThat(rendered.keySet()).as("only KAFKA_* settings").allSatisfy(k -> assertThat(k.toString()).doesNotContain("password"));

        Path client = home.resolve("config/admin-client.properties");
        assertThat(properties("config/admin-client.properties")).containsExactlyInAnyOrderEntriesOf(
                Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", scram));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(client))).isEqualTo("rw-------");
        assertThat(run.output()).contains("RUN " + scram);
    }
}
