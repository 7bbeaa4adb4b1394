package com.musiccorp.platform.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * The life of one bounded context's process, the same for every context: start Streams, serve
 * HTTP, print {@code READY <context> http=...} (the start command waits for that line) once Streams
 * is RUNNING with its stores restored, and on SIGTERM stop HTTP first (no request may need Streams
 * after it), then Streams (leaving the group, so a restart gets its partitions back in seconds),
 * then the context's own resources.
 */
public final class ContextService {
    private static final Logger log = LoggerFactory.getLogger(ContextService.class);

    /** What a context serves over HTTP. */
    public interface Http extends AutoCloseable {
        int port();

        @Override
        void close();
    }

    private ContextService() {
    }

    /**
     * Runs until SIGTERM; exits the JVM with 1 when HTTP cannot start or Streams dies before it is ready.
     *
     * @param resources closed after Streams, in order (producers, serdes)
     */
    public static void run(String context, StreamsRuntime runtime, int httpPort, IntFunction<? extends Http> startHttp,
                           AutoCloseable... resources) throws InterruptedException {
        runtime.start();
        Http http;
        try {
            http = startHttp.apply(httpPort);
        } catch (RuntimeException e) {
            System.err.println(context + " could not serve HTTP on port " + httpPort + ": " + e);
            runtime.close();
            closeAll(List.of(resources));
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            log.info("Stopping {}: HTTP first, then Kafka Streams (leaving the group)", context);
            http.close();
            runtime.close();
            closeAll(List.of(resources));
            log.info("Stopped");
            stopped.countDown();
        }, context + "-shutdown"));

        while (!runtime.isReady() && !stopping.get()) {
            KafkaStreams.State state = runtime.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                System.err.println(context + ": Kafka Streams stopped before it was ready (" + state + ")");
                System.exit(1);
            }
            Thread.sleep(100);
        }
        if (!stopping.get()) {
            System.out.println("READY " + context + " http=http://localhost:" + http.port());
        }
        stopped.await();
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                log.warn("Closing {} failed", r, e);
            }
        }
    }
}
