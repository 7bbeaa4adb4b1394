package com.musiccorp.platform.kafka;

import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded broker as its own process (the start command's first service): a persistent
 * data directory, the Confluent default port, and every catalog topic created before it says ready.
 *
 * <p>Settings come from the environment: {@code KAFKA_PORT} (9092), {@code KAFKA_CONTROLLER_PORT}
 * (9093), {@code KAFKA_DATA_DIR} ({@code .musiccorp/kafka}).
 *
 * <p>{@code KAFKA_SECURITY=scram} secures it (SASL/SCRAM and ACLs, see {@link EmbeddedKafkaBroker.Builder#secured}):
 * {@code KAFKA_ADMIN_PASSWORD} (required) is the super user {@code admin}'s, which creates the topics;
 * each context whose {@code <CONTEXT>_KAFKA_SASL_PASSWORD} is set gets its principal and
 * {@link ContextAcls}, and the schema registry with {@code SCHEMA_REGISTRY_KAFKA_SASL_PASSWORD}
 * its own ({@link RegistryAcls}). A data directory formatted unsecured cannot be secured later.
 */
public final class KafkaBrokerMain {
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(env("KAFKA_PORT", "9092"));
        int controllerPort = Integer.parseInt(env("KAFKA_CONTROLLER_PORT", "9093"));
        Path dataDir = Path.of(env("KAFKA_DATA_DIR", ".musiccorp/kafka")).toAbsolutePath();

        Map<String, String> env = System.getenv();
        Optional<ScramLogin> adminLogin = adminLogin(env);
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().port(port).controllerPort(controllerPort).dataDir(dataDir);
        adminLogin.ifPresent(builder::secured);
        EmbeddedKafkaBroker broker = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));

        try (Admin admin = Admin.create(broker.clientConfig())) {
            new TopicProvisioner(admin).ensure(TopicCatalog.all());
            if (broker.admin().isPresent()) {
                for (String context : TopicCatalog.contexts()) {
                    ScramLogin.ofContext(context, env).ifPresent(login -> new ContextPrincipals(admin).create(context, login.password()));
                }
                ScramLogin.ofContext(RegistryAcls.PRINCIPAL_NAME, env).ifPresent(login ->
                        new ContextPrincipals(admin).createRegistry(login.password(), TopicCatalog.SCHEMAS));
            }
        }
        // The start command waits for this exact line.
        System.out.println("READY kafka bootstrap.servers=localhost:" + port + " data=" + dataDir
                + (adminLogin.isPresent() ? " security=SASL_PLAINTEXT/SCRAM-SHA-512" : ""));
        stopped.await();
    }

    private static Optional<ScramLogin> adminLogin(Map<String, String> env) {
        String security = env.getOrDefault("KAFKA_SECURITY", "none").strip();
        if (security.isEmpty() || security.equals("none")) return Optional.empty();
        if (!security.equals("scram")) throw new IllegalArgumentException("KAFKA_SECURITY is 'scram' or 'none', not '" + security + "'");
        String password = env.get("KAFKA_ADMIN_PASSWORD");
        if (password == null || password.isBlank()) throw new IllegalArgumentException("KAFKA_SECURITY=scram needs KAFKA_ADMIN_PASSWORD");
        return Optional.of(new ScramLogin("admin", password.strip()));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
