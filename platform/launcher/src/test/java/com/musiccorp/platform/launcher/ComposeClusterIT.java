package com.musiccorp.platform.launcher;

import com.musiccorp.platform.avro.HttpSchemaRegistryClient;
import com.musiccorp.platform.kafka.ContextPrincipals;
import com.musiccorp.platform.kafka.ScramLogin;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.schemas.SubjectCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The compose deployment, started for real where a Docker engine exists (skipped cleanly where
 * none does, e.g. on the project's CI machine; ComposeFileTest and SystemLauncherIT cover the same
 * behaviour there): the catalog's topics at replication 3 and every schema in Confluent's registry,
 * on the secured brokers (read as the admin; a client without a login is refused).
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeClusterIT {
    @Container
    static final ComposeContainer compose = new ComposeContainer(new File("../../docker-compose.yml"))
            .withBuild(true)
            // What README has a user source from credentials.env; the services refuse to start without a secret.
            .withEnv(environment())
            .withExposedService("kafka-1", 9092, Wait.forListeningPort())
            .withExposedService("schema-registry", 8081, Wait.forHttp("/subjects").forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(5)));

    private static final String ADMIN_PASSWORD = "compose-it-admin";

    /** What README has a user source from credentials.env: the services and brokers refuse to start without it. */
    private static Map<String, String> environment() {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "MUSICCORP_JWT_SECRET", "compose-it-" + "0123456789abcdef".repeat(4),
                "REGISTRY_USER_INFO", "musiccorp:compose-it",
                "METRICS_TOKEN", "compose-it-metrics", "GRAFANA_ADMIN_PASSWORD", "compose-it-grafana",
                DevelopmentCredentials.KAFKA_ADMIN_PASSWORD, ADMIN_PASSWORD));
        for (String principal : ContextPrincipals.names()) env.put(ScramLogin.passwordVariable(principal), "compose-it-" + principal);
        return env;
    }

    private static Map<String, Object> adminClient(boolean login) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of("bootstrap.servers", "localhost:9092"));
        if (login) config.putAll(new ScramLogin("admin", ADMIN_PASSWORD).clientConfig());
        return config;
    }

    @Test
    void clusterHasTheCatalogTopicsReplicatedAndEverySchemaRegistered() throws Exception {
        String registryUrl = "http://" + compose.getServiceHost("schema-registry", 8081) + ":"
                + compose.getServicePort("schema-registry", 8081);
        try (var registry = new HttpSchemaRegistryClient(registryUrl)) {
            await().atMost(Duration.ofMinutes(3)).untilAsserted(() ->
                    assertThat(registry.listSubjects()).containsAll(SubjectCatalog.fromGeneratedClasses().schemas().keySet()));
        }
        try (Admin admin = Admin.create(adminClient(true))) {
            var orders = admin.describeTopics(List.of(TopicCatalog.ORDERS_EVENTS)).allTopicNames().get()
                    .get(TopicCatalog.ORDERS_EVENTS);
            assertThat(orders.partitions()).hasSize(TopicCatalog.ORDER_PARTITIONS)
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        }
        Map<String, Object> anonymous = adminClient(false);
        anonymous.put("default.api.timeout.ms", 10_000);
        anonymous.put("request.timeout.ms", 5_000);
        try (Admin admin = Admin.create(anonymous)) {
            assertThat(admin.listTopics().names()).as("a client without a login is disconnected")
                    .failsWithin(Duration.ofSeconds(30));
        }
    }
}
