package com.musiccorp.platform.streams;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where one bounded context runs: its name (also its application id and the owner in the topic
 * catalog), the cluster and registry it talks to, and where its local state lives. Read from the
 * environment the start command and the compose file set, with the embedded defaults.
 */
public record ContextSettings(
        String context,
        String bootstrapServers,
        String schemaRegistryUrl,
        Path stateDir,
        Optional<String> applicationServer,
        int replicationFactor,
        int standbyReplicas) {

    public static ContextSettings fromEnvironment(String context) {
        return from(context, System.getenv());
    }

    static ContextSettings from(String context, Map<String, String> env) {
        return new ContextSettings(
                context,
                get(env, "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                get(env, "SCHEMA_REGISTRY_URL", "http://localhost:8081"),
                Path.of(get(env, "STATE_DIR", ".musiccorp/state")).resolve(context),
                Optional.ofNullable(env.get("APPLICATION_SERVER")).filter(s -> !s.isBlank()),
                // -1: the broker's default.replication.factor (1 embedded, 3 on the compose cluster).
                Integer.parseInt(get(env, "STREAMS_REPLICATION_FACTOR", "-1")),
                Integer.parseInt(get(env, "STREAMS_NUM_STANDBY_REPLICAS", "0")));
    }

    public ContextSettings withStateDir(Path dir) {
        return new ContextSettings(context, bootstrapServers, schemaRegistryUrl, dir, applicationServer,
                replicationFactor, standbyReplicas);
    }

    public ContextSettings withApplicationServer(String hostPort) {
        return new ContextSettings(context, bootstrapServers, schemaRegistryUrl, stateDir, Optional.of(hostPort),
                replicationFactor, standbyReplicas);
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
