package com.musiccorp.systemtests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code musiccorp cli <args>} as README runs it ({@code bin/run-service tools/cli}), from a test. */
final class Cli {

    /** How the command ended: its exit code (-1 when it had to be stopped after two minutes) and what it printed. */
    record Result(int exitCode, List<String> lines) {
    }

    private Cli() {
    }

    /** Runs the CLI with {@code env} added to this JVM's environment; standard error is left out. */
    static Result run(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cli", ".out");
        List<String> command = new ArrayList<>(List.of("bin/run-service", "tools/cli"));
        command.addAll(args);
        ProcessBuilder cli = new ProcessBuilder(command).directory(RunningSystem.ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        cli.environment().putAll(env);
        cli.environment().put("MAIN_CLASS", "com.musiccorp.cli.MusicCorpCli");
        // run-service runs the `java` on PATH: the JDK running this test (21+), not an older default.
        cli.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + cli.environment().getOrDefault("PATH", ""));
        Process process = cli.start();
        boolean done = process.waitFor(120, TimeUnit.SECONDS);
        if (!done) process.destroyForcibly();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        Files.deleteIfExists(out);
        return new Result(done ? process.exitValue() : -1, lines);
    }

    /** Runs the CLI against the running system (its broker and registry, with the registry's credentials). */
    static Result against(RunningSystem.Services system, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", system.bootstrapServers(), "--registry-url", system.registryUrl()));
        return run(system.registryUserInfo() == null ? Map.of() : Map.of("REGISTRY_USER_INFO", system.registryUserInfo()), all);
    }
}
