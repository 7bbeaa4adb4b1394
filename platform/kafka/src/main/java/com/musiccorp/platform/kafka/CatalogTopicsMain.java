package com.musiccorp.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * Creates the catalog's topics on any cluster (the compose file's {@code topics-init} step), so a
 * production cluster gets exactly the partitions and retention the catalog declares. Topics that
 * already exist are verified instead: partitions, replication factor and {@code min.insync.replicas}
 * must be what it would create, or it exits non-zero naming every mismatch (so the services never
 * start on a cluster weaker than the compose file says).
 *
 * <p>Env: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code TOPIC_REPLICATION_FACTOR} (default 3),
 * {@code TOPIC_MIN_INSYNC_REPLICAS} (default 2); on a secured cluster the admin's login,
 * {@code KAFKA_SASL_USERNAME} and {@code KAFKA_SASL_PASSWORD} ({@link ScramLogin#fromEnvironment}).
 */
public final class CatalogTopicsMain {
    public static void main(String[] args) {
        String bootstrap = env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        short replicas = Short.parseShort(env("TOPIC_REPLICATION_FACTOR", "3"));
        String minIsr = env("TOPIC_MIN_INSYNC_REPLICAS", "2");
        Map<String, Object> config = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        ScramLogin.fromEnvironment(System.getenv()).ifPresent(login -> config.putAll(login.clientConfig()));
        try (Admin admin = Admin.create(config)) {
            var created = new TopicProvisioner(admin, replicas, Map.of("min.insync.replicas", minIsr))
                    .ensure(TopicCatalog.all());
            System.out.println("READY topics created=" + created.size() + " of " + TopicCatalog.all().size()
                    + " replication.factor=" + replicas + " min.insync.replicas=" + minIsr);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
