package com.musiccorp.cli;

import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real main as its own process, as `./musiccorp cli` runs it: stdout carries only the result
 * (pipeable into jq), the exit code reaches the shell, the environment supplies the cluster.
 */
class MainProcessIT {
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void stdoutIsOnlyTheResultAndTheEnvironmentNamesTheCluster() throws Exception {
        Result topics = run("topics", "--json");
        assertThat(topics.exitCode()).as(topics.err()).isZero();
        assertThat(Json.MAPPER.readTree(topics.out()).path("topics").size()).isGreaterThan(10);

        Result usage = run("dlq", "list");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.out()).isEmpty();
        assertThat(usage.err()).contains("Missing required parameter: 'CONTEXT'");
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) throws Exception {
        String classpath = "target/classes" + java.io.File.pathSeparator
                + Files.readString(Path.of("target/classpath.txt")).strip();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, MusicCorpCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
