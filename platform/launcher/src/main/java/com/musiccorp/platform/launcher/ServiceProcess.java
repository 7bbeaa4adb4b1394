package com.musiccorp.platform.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running service: a child JVM whose output is prefixed with its name and kept in a log file.
 * A service announces that it serves by printing one line starting with {@code READY}; a shared
 * process is ready once each of its services has printed its own {@code READY <service> ...}. Stopping it
 * through {@link #close} or {@link #kill} is on purpose; any other exit is a death the
 * {@link Supervisor} answers with a restart.
 */
public final class ServiceProcess implements AutoCloseable {
    private final ServiceDefinition definition;
    private final Process process;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    /** Service name → its READY line; for a shared process, one per member. */
    private final Map<String, String> readyLines = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean stoppedOnPurpose;

    private ServiceProcess(ServiceDefinition definition, Process process, PrintStream console, Path logFile,
                           boolean appendLog) {
        this.definition = definition;
        this.process = process;
        Thread pump = new Thread(() -> pump(console, logFile, appendLog), definition.name() + "-output");
        pump.setDaemon(true);
        pump.start();
        process.onExit().thenRun(() -> ready.completeExceptionally(new IllegalStateException(
                definition.name() + " exited with code " + process.exitValue() + " before it was ready; see " + logFile)));
    }

    /** @param appendLog keep what the log file holds (a restart after a death), rather than start it afresh */
    public static ServiceProcess start(ServiceDefinition def, Map<String, String> commonEnv, List<String> jvmArgs,
                                       Path logDir, PrintStream console, boolean appendLog) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(def.classpath());
        command.add(def.mainClass());
        command.addAll(def.mainArgs());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(commonEnv);
        pb.environment().putAll(def.env());
        Files.createDirectories(logDir);
        return new ServiceProcess(def, pb.start(), console, logDir.resolve(def.name() + ".log"), appendLog);
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

    /** The READY line a service of this process printed, or null (not yet, or not one of its services). */
    public String readyLine(String service) {
        return readyLines.get(service);
    }

    /** The services this process runs: a shared process's members, or itself. */
    public List<String> services() {
        return definition.services();
    }

    /**
     * The READY line once printed (a shared process: {@code READY <name> services=a,b,...} once every
     * member printed its own); completes exceptionally when the process exits before it.
     */
    public CompletableFuture<String> ready() {
        return ready;
    }

    /** Completes with the exit code once the process has ended, however it ended. */
    public CompletableFuture<Integer> exited() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Whether {@link #close} or {@link #kill} ended it, rather than a crash or a signal from outside. */
    public boolean stoppedOnPurpose() {
        return stoppedOnPurpose;
    }

    /** When the operating system started the process, if it says: tells a live pid from a reused one. */
    public Optional<Instant> startedAt() {
        return process.info().startInstant();
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

    /** Kills the process at once (SIGKILL), as a crash would: for tests of recovery. Not restarted. */
    public void kill() throws InterruptedException {
        stoppedOnPurpose = true;
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGKILL for a process that hangs: unlike {@link #kill}, a death the supervisor restarts. */
    void abort() {
        process.destroyForcibly();
    }

    /** SIGTERM, so the service runs its shutdown hooks (Streams leaves its group); SIGKILL after a grace period. */
    @Override
    public void close() {
        stoppedOnPurpose = true;
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

    private void announced(String line) {
        if (!definition.isShared()) {
            readyLines.put(definition.name(), line);
            ready.complete(line);
            return;
        }
        String[] words = line.split(" ");
        if (words.length < 2 || !definition.services().contains(words[1])) return;
        readyLines.put(words[1], line);
        if (readyLines.keySet().containsAll(definition.services())) {
            ready.complete("READY " + definition.name() + " services=" + String.join(",", definition.services()));
        }
    }

    private void pump(PrintStream console, Path logFile, boolean appendLog) {
        String prefix = String.format("%-14s| ", definition.name());
        OpenOption[] mode = appendLog ? new OpenOption[]{StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                : new OpenOption[]{StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE};
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintStream log = new PrintStream(Files.newOutputStream(logFile, mode), true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.println(line);
                if (line.startsWith("READY")) announced(line);
                if (console != null) console.println(prefix + line);
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }
}
