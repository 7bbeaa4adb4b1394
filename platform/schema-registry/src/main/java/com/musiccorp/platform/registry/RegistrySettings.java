package com.musiccorp.platform.registry;

import com.musiccorp.platform.kafka.TopicCatalog;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a registry instance runs. Every instance that points at the same Kafka cluster and topic is the
 * same registry: they share state and ids, and each of them can register.
 *
 * @param bootstrapServers  the Kafka cluster that holds the registry's topic
 * @param host              address the HTTP server binds to
 * @param port              HTTP port; 0 picks a free one
 * @param topic             the compacted one-partition topic holding every schema ({@code _schemas})
 * @param replicationFactor replication factor used when the registry creates its topic
 * @param writeTimeout      how long a write may take before it fails with error code 50002
 * @param readyTimeout      how long {@link SchemaRegistryServer#start} waits for the topic to be read
 * @param kafkaOverrides    extra Kafka client properties (security settings, for instance)
 * @param userInfo          {@code user:password} every change must send as HTTP basic auth, or null for no authentication
 * @param authReads         whether reads need the credentials too (only with {@code userInfo})
 */
public record RegistrySettings(String bootstrapServers, String host, int port, String topic, short replicationFactor,
                               Duration writeTimeout, Duration readyTimeout, Map<String, String> kafkaOverrides,
                               String userInfo, boolean authReads) {

    public RegistrySettings {
        kafkaOverrides = Map.copyOf(kafkaOverrides);
        if (userInfo != null && userInfo.indexOf(':') < 1) {
            throw new IllegalArgumentException("REGISTRY_USER_INFO must be <user>:<password>");
        }
    }

    public static RegistrySettings defaults(String bootstrapServers) {
        return new RegistrySettings(bootstrapServers, "127.0.0.1", 0, TopicCatalog.SCHEMAS, (short) 1,
                Duration.ofSeconds(30), Duration.ofSeconds(60), Map.of(), null, false);
    }

    /**
     * Reads {@code KAFKA_BOOTSTRAP_SERVERS} (localhost:9092), {@code REGISTRY_HOST} (127.0.0.1),
     * {@code REGISTRY_PORT} (8081), {@code REGISTRY_TOPIC} (_schemas),
     * {@code REGISTRY_TOPIC_REPLICATION_FACTOR} (1), and {@code REGISTRY_KAFKA_*} as Kafka client
     * properties ({@code REGISTRY_KAFKA_SECURITY_PROTOCOL=SSL} is {@code security.protocol=SSL}),
     * {@code REGISTRY_USER_INFO} ({@code user:password}, none) and {@code REGISTRY_AUTH_READS} (false).
     */
    public static RegistrySettings fromEnvironment(Map<String, String> env) {
        Map<String, String> overrides = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("REGISTRY_KAFKA_")) {
                overrides.put(name.substring("REGISTRY_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return defaults(get(env, "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"))
                .withHost(get(env, "REGISTRY_HOST", "127.0.0.1"))
                .withPort(Integer.parseInt(get(env, "REGISTRY_PORT", "8081")))
                .withTopic(get(env, "REGISTRY_TOPIC", TopicCatalog.SCHEMAS))
                .withReplicationFactor(Short.parseShort(get(env, "REGISTRY_TOPIC_REPLICATION_FACTOR", "1")))
                .withKafkaOverrides(overrides)
                .withUserInfo(get(env, "REGISTRY_USER_INFO", null))
                .withAuthReads(Boolean.parseBoolean(get(env, "REGISTRY_AUTH_READS", "false")));
    }

    /** All instances of one registry share this id: each write fences the previous writer. */
    String transactionalId() {
        return "schema-registry-writer-" + topic;
    }

    public RegistrySettings withHost(String value) {
        return new RegistrySettings(bootstrapServers, value, port, topic, replicationFactor, writeTimeout, readyTimeout, kafkaOverrides, userInfo, authReads);
    }

    public RegistrySettings withPort(int value) {
        return new RegistrySettings(bootstrapServers, host, value, topic, replicationFactor, writeTimeout, readyTimeout, kafkaOverrides, userInfo, authReads);
    }

    public RegistrySettings withTopic(String value) {
        return new RegistrySettings(bootstrapServers, host, port, value, replicationFactor, writeTimeout, readyTimeout, kafkaOverrides, userInfo, authReads);
    }

    public RegistrySettings withReplicationFactor(short value) {
        return new RegistrySettings(bootstrapServers, host, port, topic, value, writeTimeout, readyTimeout, kafkaOverrides, userInfo, authReads);
    }

    public RegistrySettings withWriteTimeout(Duration value) {
        return new RegistrySettings(bootstrapServers, host, port, topic, replicationFactor, value, readyTimeout, kafkaOverrides, userInfo, authReads);
    }

    public RegistrySettings withReadyTimeout(Duration value) {
        return new RegistrySettings(bootstrapServers, host, port, topic, replicationFactor, writeTimeout, value, kafkaOverrides, userInfo, authReads);
    }

    public RegistrySettings withKafkaOverrides(Map<String, String> value) {
        return new RegistrySettings(bootstrapServers, host, port, topic, replicationFactor, writeTimeout, readyTimeout, value, userInfo, authReads);
    }

    public RegistrySettings withUserInfo(String value) {
        return new RegistrySettings(bootstrapServers, host, port, topic, replicationFactor, writeTimeout, readyTimeout, kafkaOverrides, value, authReads);
    }

    public RegistrySettings withAuthReads(boolean value) {
        return new RegistrySettings(bootstrapServers, host, port, topic, replicationFactor, writeTimeout, readyTimeout, kafkaOverrides, userInfo, value);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "RegistrySettings[bootstrapServers=" + bootstrapServers + ", host=" + host + ", port=" + port + ", topic=" + topic
                + ", replicationFactor=" + replicationFactor + ", writeTimeout=" + writeTimeout + ", readyTimeout=" + readyTimeout
                + ", kafkaOverrides=" + kafkaOverrides.keySet() + ", user=" + (userInfo == null ? null : userInfo.substring(0, userInfo.indexOf(':')))
                + ", authReads=" + authReads + "]";
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
