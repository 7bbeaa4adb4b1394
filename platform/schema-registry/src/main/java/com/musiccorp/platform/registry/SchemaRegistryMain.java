package com.musiccorp.platform.registry;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the registry as its own process. Settings come from the environment (see
 * {@link RegistrySettings#fromEnvironment}): {@code KAFKA_BOOTSTRAP_SERVERS} (localhost:9092),
 * {@code REGISTRY_PORT} (8081), {@code REGISTRY_HOST} (127.0.0.1). Prints
 * {@code READY schema-registry url=http://localhost:PORT} once it serves; stops cleanly on SIGTERM.
 */
public final class SchemaRegistryMain {
    private SchemaRegistryMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RegistrySettings settings = RegistrySettings.fromEnvironment(System.getenv());
        SchemaRegistryServer server;
        try {
            server = SchemaRegistryServer.start(settings);
        } catch (RuntimeException e) {
            System.err.println("schema-registry could not start with Kafka at " + settings.bootstrapServers() + ": " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "schema-registry-shutdown"));
        // The start command waits for this exact line.
        System.out.println("READY schema-registry url=http://localhost:" + server.port());
        stopped.await();
    }
}
