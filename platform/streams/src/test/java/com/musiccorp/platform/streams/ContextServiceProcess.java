package com.musiccorp.platform.streams;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A context's main run the way the start command runs it, for end-to-end tests: its own JVM on the
 * module's runtime classpath ({@code target/classes} + {@code target/classpath.txt}; the test
 * classpath would also hold other modules' Micronaut beans), waiting for its READY line, its output
 * kept in {@code target/<context>-service-it.log}, and stopped with SIGTERM.
 */
public final class ContextServiceProcess implements AutoCloseable {
    private final String context;
    private final Process process;
    private final Thread output;
    private final String baseUrl;

    private ContextServiceProcess(String context, Process process, Thread output, String baseUrl) {
        this.context = context;
        this.process = process;
        this.output = output;
        this.baseUrl = baseUrl;
    }

    /** Starts {@code mainClass} with {@code env} and returns once it printed {@code READY <context> http=...}. */
    public static ContextServiceProcess start(String context, Class<?> mainClass, Map<String, String> env) throws Exception {
        return start(context, context, mainClass, env);
    }

    /** One of several instances of a context; {@code instance} names its log, {@code target/<instance>-service-it.log}. */
    public static ContextServiceProcess start(String context, String instance, Class<?> mainClass, Map<String, String> env)
            throws Exception {
        String classpath = "target/classes" + File.pathSeparator + Files.readString(Path.of("target/classpath.txt")).trim();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, mainClass.getName())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();

        String readyPrefix = "READY " + context + " http=";
        Path logFile = Path.of("target/" + instance + "-service-it.log");
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread output = Thread.ofPlatform().daemon().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 var log = new PrintWriter(Files.newBufferedWriter(logFile), true)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    log.println(line);
                    if (line.startsWith(readyPrefix)) ready.complete(line);
                }
                ready.completeExceptionally(new IllegalStateException(context + " exited before READY; see " + logFile));
            } catch (Exception e) {
                ready.completeExceptionally(e);
            }
        });
        String line = ready.get(90, TimeUnit.SECONDS);
        return new ContextServiceProcess(context, process, output, line.substring(readyPrefix.length()));
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** SIGTERM, and the test fails unless the service stops by itself (HTTP, then Streams leaving the group). */
    @Override
    public void close() throws InterruptedException {
        // Through the handle: Process.destroy() also closes our end of its output, losing the shutdown's lines.
        process.toHandle().destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(context + " stops on SIGTERM").isTrue();
        output.join(Duration.ofSeconds(2));
    }
}
