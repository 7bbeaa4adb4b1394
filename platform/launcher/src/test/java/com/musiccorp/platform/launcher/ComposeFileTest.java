package com.musiccorp.platform.launcher;

import com.musiccorp.platform.kafka.TopicCatalog;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file is the production-shaped deployment; nothing here can start it (no Docker
 * engine), so this test keeps it honest against the repository: every service module runs in it,
 * the cluster has production replication, the topics come from the catalog, and Docker's own
 * compose tool accepts the file.
 */
class ComposeFileTest {
    /** Services the compose file replaces with the real thing: three brokers, Confluent's registry. */
    private static final List<String> REPLACED_IN_COMPOSE = List.of("kafka", "schema-registry");
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader r = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(r);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    @Test
    void runsEveryServiceModuleOfTheRepository() throws IOException {
        var services = services();
        for (ServiceDefinition def : SystemLauncher.discover(ROOT)) {
            if (REPLACED_IN_COMPOSE.contains(def.name())) continue;
            String module = ROOT.relativize(def.moduleDir().toAbsolutePath().normalize()).toString();
            assertThat(services).as("compose service for module %s", module).containsKey(def.name());
            assertThat((List<String>) services.get(def.name()).get("command")).as(def.name()).containsExactly(module);
        }
    }

    @Test
    void runsAThreeBrokerKraftClusterWithProductionReplication() throws IOException {
        var brokers = services().entrySet().stream()
                .filter(e -> String.valueOf(e.getValue().get("image")).startsWith("apache/kafka:")).toList();
        assertThat(brokers).hasSize(3);
        for (var broker : brokers) {
            Map<String, Object> env = env(broker.getValue());
            assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2)
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 2)
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            assertThat(String.valueOf(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).split(",")).hasSize(3);
        }
    }

    @Test
    void createsTheCatalogTopicsWithReplicationThreeAndRegistersSchemasInConfluentsRegistry() throws IOException {
        var services = services();
        Map<String, Object> topics = env(services.get("topics-init"));
        assertThat(topics).containsEntry("MAIN_CLASS", "com.musiccorp.platform.kafka.CatalogTopicsMain")
                .containsEntry("TOPIC_REPLICATION_FACTOR", 3).containsEntry("TOPIC_MIN_INSYNC_REPLICAS", 2);
        Map<String, Object> registry = services.get("schema-registry");
        assertThat(String.valueOf(registry.get("image"))).startsWith("confluentinc/cp-schema-registry:");
        assertThat(env(registry)).containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC", TopicCatalog.SCHEMAS)
                .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", 3);
        assertThat(env(services.get("schemas-init")))
                .containsEntry("MAIN_CLASS", SchemaBootstrap.class.getName());
    }

    @Test
    void dockersComposeToolAcceptsTheFile() throws Exception {
        Path tool = Path.of("/usr/bin/docker-compose");
        assertThat(tool).as("docker-compose (Debian) validates the file without a daemon; run bin/ensure-test-tools")
                .exists();
        Process p = new ProcessBuilder(tool.toString(), "-f", "docker-compose.yml", "config", "-q")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(output).isZero();
    }
}
