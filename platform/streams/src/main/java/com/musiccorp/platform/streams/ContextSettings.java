package com.musiccorp.platform.streams;

import com.musiccorp.platform.kafka.ScramLogin;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where one bounded context runs: its name (also its application id and the owner in the topic
 * catalog), the cluster and registry it talks to, and where its local state lives. Read from the
 * environment the start command and the compose file set, with the embedded defaults.
 * {@code registryUserInfo} is {@code REGISTRY_USER_INFO} ({@code user:password}), the registry's
 * basic-auth credentials, when set. {@code kafkaLogin} is the context's SASL/SCRAM login to a secured
 * broker, when the environment gives one (see {@link #kafkaLogin(String, Map)}); without it the
 * clients connect in plaintext, as to the embedded default.
 */
public record ContextSettings(
        String context,
        String bootstrapServers,
        String schemaRegistryUrl,
        Path stateDir,
        Optional<String> applicationServer,
        int replicationFactor,
        int standbyReplicas,
        Optional<String> registryUserInfo,
        Optional<ScramLogin> kafkaLogin) {

    /** Without registry credentials nor a Kafka login. */
    public ContextSettings(String context, String bootstrapServers, String schemaRegistryUrl, Path stateDir,
                           Optional<String> applicationServer, int replicationFactor, int standbyReplicas) {
        this(context, bootstrapServers, schemaRegistryUrl, stateDir, applicationServer, replicationFactor, standbyReplicas,
                Optional.empty(), Optional.empty());
    }

    public static ContextSettings fromEnvironment(String context) {
        return from(context, System.getenv());
    }

    static ContextSettings from(String context, Map<String, String> env) {
        return new ContextSettings(
                context,
                get(env, "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                get(env, "SCHEMA_REGISTRY_URL", "http://localhost:8081"),
                Path.of(get(env, "STATE_DIR", ".musiccorp/state")).resolve(context),
                applicationServer(context, env),
                // -1: the broker's default.replication.factor (1 embedded, 3 on the compose cluster).
                Integer.parseInt(get(env, "STREAMS_REPLICATION_FACTOR", "-1")),
                Integer.parseInt(get(env, "STREAMS_NUM_STANDBY_REPLICAS", "0")),
                Optional.ofNullable(get(env, "REGISTRY_USER_INFO", null)),
                kafkaLogin(context, env));
    }

    /**
     * The context's Kafka login: its own ({@link ScramLogin#ofContext}, {@code <CONTEXT>_KAFKA_SASL_PASSWORD}),
     * else {@code KAFKA_SASL_USERNAME} and {@code KAFKA_SASL_PASSWORD} for a process of one context, else none.
     */
    static Optional<ScramLogin> kafkaLogin(String context, Map<String, String> env) {
        return ScramLogin.ofContext(context, env).or(() -> ScramLogin.fromEnvironment(env));
    }

    /**
     * What every Kafka client of the context connects with: {@code bootstrap.servers} and, with a
     * login, {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}.
     */
    public Map<String, Object> kafkaConnection() {
        Map<String, Object> c = new java.util.HashMap<>(Map.of("bootstrap.servers", bootstrapServers));
        kafkaLogin.ifPresent(login -> c.putAll(login.clientConfig()));
        return Map.copyOf(c);
    }

    /**
     * Where other instances reach this one's HTTP API for keys it owns ({@code application.server}):
     * {@code APPLICATION_SERVER}, else {@code localhost:<CONTEXT>_HTTP_PORT} (e.g. {@code ORDERS_HTTP_PORT},
     * {@code SAGA_STATUS_HTTP_PORT}) when that port is fixed; a free port (0) is only known too late.
     */
    static Optional<String> applicationServer(String context, Map<String, String> env) {
        String explicit = env.get("APPLICATION_SERVER");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(explicit.strip());
        }
        String port = env.get(context.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_HTTP_PORT");
        return port == null || port.isBlank() || port.strip().equals("0") ? Optional.empty()
                : Optional.of("localhost:" + port.strip());
    }

    public ContextSettings withStateDir(Path dir) {
        return new ContextSettings(context, bootstrapServers, schemaRegistryUrl, dir, applicationServer,
                replicationFactor, standbyReplicas, registryUserInfo, kafkaLogin);
    }

    public ContextSettings withApplicationServer(String hostPort) {
        return new ContextSettings(context, bootstrapServers, schemaRegistryUrl, stateDir, Optional.of(hostPort),
                replicationFactor, standbyReplicas, registryUserInfo, kafkaLogin);
    }

    /** Never prints the registry's or Kafka's password. */
    @Override
    public String toString() {
        return "ContextSettings[context=" + context + ", bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl="
                + schemaRegistryUrl + ", stateDir=" + stateDir + ", applicationServer=" + applicationServer
                + ", replicationFactor=" + replicationFactor + ", standbyReplicas=" + standbyReplicas
                + ", registryUserInfo=" + registryUserInfo.map(u -> "<set>").orElse("<none>")
                + ", kafkaLogin=" + kafkaLogin.map(ScramLogin::username).orElse("<none>") + "]";
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
