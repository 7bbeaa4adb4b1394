package com.musiccorp.platform.kafka;

import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded broker as its own process (the start command's first service): a persistent
 * data directory, the Confluent default port, and every catalog topic created before it says ready.
 *
 * <p>Settings come from the environment: {@code KAFKA_PORT} (9092), {@code KAFKA_CONTROLLER_PORT}
 * (9093), {@code KAFKA_DATA_DIR} ({@code .musiccorp/kafka}).
 */
public final class KafkaBrokerMain {
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(env("KAFKA_PORT", "9092"));
        int controllerPort = Integer.parseInt(env("KAFKA_CONTROLLER_PORT", "9093"));
        Path dataDir = Path.of(env("KAFKA_DATA_DIR", ".musiccorp/kafka")).toAbsolutePath();

        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .port(port).controllerPort(controllerPort).dataDir(dataDir).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));

        try (Admin admin = Admin.create(broker.clientConfig())) {
            new TopicProvisioner(admin).ensure(TopicCatalog.all());
        }
        // The start command waits for this exact line.
        System.out.println("READY kafka bootstrap.servers=localhost:" + port + " data=" + dataDir);
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
