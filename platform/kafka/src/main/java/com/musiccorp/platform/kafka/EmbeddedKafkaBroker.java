package com.musiccorp.platform.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker + controller, one node), in this JVM.
 * It is the project's embedded default and what every integration test runs against: no Docker,
 * no download, only the Maven Central jars. Listeners bind to loopback only.
 *
 * <p>{@link Builder#secured Secured}, clients authenticate with SASL/SCRAM-SHA-512 and every request
 * is checked against ACLs ({@code StandardAuthorizer}, nothing allowed without one): only the admin,
 * a super user, may do anything; {@link ContextPrincipals} creates each context's principal.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    /** The log cleaner's offset map: see {@link #serverProperties}. */
    static final int CLEANER_OFFSET_MAP_BYTES = 16 * 1024 * 1024;

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final Optional<ScramLogin> admin;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Builder b) {
        this.deleteOnClose = b.dataDir == null;
        this.dataDir = b.dataDir != null ? b.dataDir : tempDir();
        this.port = b.port > 0 ? b.port : freePort();
        this.controllerPort = b.controllerPort > 0 ? b.controllerPort : freePortOtherThan(port);
        this.overrides = Map.copyOf(b.overrides);
        this.admin = Optional.ofNullable(b.admin);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the data directory on first use, starts the broker and waits until it answers. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) return this;
        long t0 = System.nanoTime();
        Properties props = serverProperties();
        KafkaConfig config = new KafkaConfig(props, false);
        formatOnce(config);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
        log.info("Kafka broker ready on {} in {} ms (data in {})", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), dataDir);
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Admin client settings for this broker (logged in as the admin when secured); callers own the client's lifecycle. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        admin.ifPresent(login -> config.putAll(login.clientConfig()));
        return Map.copyOf(config);
    }

    /** The super user's login when secured. */
    public Optional<ScramLogin> admin() {
        return admin;
    }

    @Override
    public synchronized void close() {
        if (server == null) return;
        server.shutdown();
        server.awaitShutdown();
        server = null;
        if (deleteOnClose) deleteRecursively(dataDir);
        log.info("Kafka broker on port {} stopped", port);
    }

    Properties serverProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("log").toString());
        // One broker: internal topics cannot have more than one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Consumer groups (Streams apps) should not wait 3 s before their first assignment.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics come from the catalog; a typo in a topic name must fail, not create a topic.
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        // The log cleaner's offset map is a heap buffer allocated whole at start: Kafka's default
        // (128 MB) took half of the broker's heap, so the old generation stayed full and the broker
        // ran a full collection every few seconds under load (jstat: 67 in 5 minutes, 12 s of
        // pauses). 16 MB maps ~600,000 keys per cleaning pass; a larger dirty section is cleaned
        // in several passes (Kafka maps a segment partially when the map is full).
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(CLEANER_OFFSET_MAP_BYTES));
        admin.ifPresent(login -> p.putAll(secured(login)));
        p.putAll(overrides);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    /**
     * Clients on SASL_PLAINTEXT with SCRAM-SHA-512, whose credentials live in the cluster metadata.
     * The controller listener cannot use SCRAM (the controller needs it before any metadata is read),
     * so it takes SASL/PLAIN with the admin's password as its only user: nobody reaches the
     * controller without it. The admin is the only super user; the broker itself logs in as it.
     */
    private Map<String, String> secured(ScramLogin login) {
        Map<String, String> p = new HashMap<>();
        p.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", ScramLogin.MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", ScramLogin.MECHANISM);
        p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", login.jaasConfig());
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + login.username()
                        + "\" password=\"" + login.password() + "\" user_" + login.username() + "=\"" + login.password() + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", "User:" + login.username());
        return p;
    }

    private void formatOnce(KafkaConfig config) {
        Path logDir = dataDir.resolve("log");
        if (Files.exists(logDir.resolve("meta.properties"))) return; // formatted by an earlier run
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(config.nodeId())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    // As `kafka-storage format --add-scram`: SCRAM logins are metadata, so the
                    // admin's must be there before the first client connects.
                    .setScramArguments(admin.map(login -> List.of(ScramLogin.MECHANISM + "=[name=" + login.username()
                            + ",password=" + login.password() + "]")).orElse(List.of()))
                    .setPrintStream(quiet)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format KRaft storage in " + logDir, e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        Map<String, Object> config = new HashMap<>(clientConfig());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) return;
                } catch (Exception e) {
                    last = e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        throw new IllegalStateException("Kafka broker did not become ready within " + timeout, last);
    }

    /** The OS may hand a just-released port out again at once: the two listeners need two ports. */
    private static int freePortOtherThan(int taken) {
        int port;
        do {
            port = freePort();
        } while (port == taken);
        return port;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("musiccorp-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}", dir, e);
        }
    }

    public static final class Builder {
        private Path dataDir;
        private int port;
        private int controllerPort;
        private final Map<String, String> overrides = new HashMap<>();
        private ScramLogin admin;

        /** A directory that survives restarts; without one the broker uses a temporary directory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The client port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /**
         * SASL/SCRAM and ACLs, with {@code admin} as the only super user. Its login is written when
         * the data directory is formatted: a directory formatted without it cannot be secured later.
         */
        public Builder secured(ScramLogin admin) {
            this.admin = admin;
            return this;
        }

        public Builder config(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
