package com.musiccorp.platform.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running service: a child JVM whose output is prefixed with its name and kept in a log file.
 * A service announces that it serves by printing one line starting with {@code READY}.
 */
public final class ServiceProcess implements AutoCloseable {
    private final ServiceDefinition definition;
    private final Process process;
    private final CompletableFuture<String> ready = new CompletableFuture<>();

    private ServiceProcess(ServiceDefinition definition, Process process, PrintStream console, Path logFile) {
        this.definition = definition;
        this.process = process;
        Thread pump = new Thread(() -> pump(console, logFile), definition.name() + "-output");
        pump.setDaemon(true);
        pump.start();
        process.onExit().thenRun(() -> ready.completeExceptionally(new IllegalStateException(
                definition.name() + " exited with code " + process.exitValue() + " before it was ready; see " + logFile)));
    }

    public static ServiceProcess start(ServiceDefinition def, Map<String, String> commonEnv, List<String> jvmArgs,
                                       Path logDir, PrintStream console) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(def.classpath());
        command.add(def.mainClass());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(commonEnv);
        pb.environment().putAll(def.env());
        Files.createDirectories(logDir);
        return new ServiceProcess(def, pb.start(), console, logDir.resolve(def.name() + ".log"));
    }

    /** Waits for the READY line and returns it. */
    public String awaitReady(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException(definition.name() + " did not print READY within " + timeout);
        }
    }

    public String name() {
        return definition.name();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the process at once (SIGKILL), as a crash would: for tests of recovery. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, so the service runs its shutdown hooks (Streams leaves its group); SIGKILL after a grace period. */
    @Override
    public void close() {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void pump(PrintStream console, Path logFile) {
        String prefix = String.format("%-14s| ", definition.name());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintStream log = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.println(line);
                if (line.startsWith("READY")) ready.complete(line);
                if (console != null) console.println(prefix + line);
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }
}
