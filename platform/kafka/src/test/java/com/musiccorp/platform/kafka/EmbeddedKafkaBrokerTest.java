package com.musiccorp.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EmbeddedKafkaBrokerTest {

    @Test
    void createsTheCatalogTopicsWithTheirPartitionsAndRetention() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             Admin admin = Admin.create(broker.clientConfig())) {
            List<String> created = new TopicProvisioner(admin).ensure(TopicCatalog.all());
            assertThat(created).containsExactlyInAnyOrderElementsOf(
                    TopicCatalog.all().stream().map(TopicSpec::name).toList());
            // A second run is a no-op, as at every restart of the start command.
            assertThat(new TopicProvisioner(admin).ensure(TopicCatalog.all())).isEmpty();

            var orders = admin.describeTopics(List.of(TopicCatalog.ORDERS_EVENTS)).allTopicNames().get()
                    .get(TopicCatalog.ORDERS_EVENTS);
            assertThat(orders.partitions()).hasSize(TopicCatalog.ORDER_PARTITIONS);
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, TopicCatalog.ORDERS_EVENTS);
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            var schemas = new ConfigResource(ConfigResource.Type.TOPIC, TopicCatalog.SCHEMAS);
            assertThat(admin.describeConfigs(List.of(schemas)).all().get().get(schemas)
                    .get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void theLogCleanersOffsetMapTakesSixteenMegabytesOfHeapNotKafkasDefaultHundredAndTwentyEight() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             Admin admin = Admin.create(broker.clientConfig())) {
            var node = new ConfigResource(ConfigResource.Type.BROKER, "1");
            var config = admin.describeConfigs(List.of(node)).all().get().get(node);
            assertThat(config.get("log.cleaner.dedupe.buffer.size").value()).isEqualTo(String.valueOf(16 * 1024 * 1024));
            assertThat(config.get("log.cleaner.enable").value()).as("compacted topics are still cleaned").isEqualTo("true");
        }
    }

    @Test
    void refusesATopicWhosePartitionCountDiffersFromTheCatalog() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(TopicCatalog.PAYMENTS_EVENTS, 2, (short) 1))).all().get();
            assertThatThrownBy(() -> new TopicProvisioner(admin).ensure(TopicCatalog.all()))
                    .hasMessageContaining("payments.events has 2 partitions, the catalog says 6");
        }
    }

    @Test
    void refusesAnExistingTopicWhoseReplicationOrMinInsyncReplicasDifferNamingEachMismatch() throws Exception {
        TopicSpec spec = new TopicSpec("shaped", "test", "order id", List.of(), 3, Map.of(), "a topic of the wrong shape");
        TopicSpec other = new TopicSpec("other", "test", "order id", List.of(), 1, Map.of(), "another one");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic("shaped", 2, (short) 1).configs(Map.of("min.insync.replicas", "1")),
                    new NewTopic("other", 1, (short) 1))).all().get();
            // What compose's topics-init asks of a three-broker cluster, against topics made for one broker.
            assertThatThrownBy(() -> new TopicProvisioner(admin, (short) 3, Map.of("min.insync.replicas", "2"))
                    .ensure(List.of(spec, other)))
                    .hasMessageContaining("shaped has 2 partitions, the catalog says 3")
                    .hasMessageContaining("shaped has replication factor 1, expected 3")
                    .hasMessageContaining("shaped has min.insync.replicas=1, expected 2")
                    .hasMessageContaining("other has replication factor 1, expected 3")
                    .hasMessageContaining("other has min.insync.replicas=1, expected 2");
            // The same shape it would create passes: replication 1, and min.insync.replicas as configured.
            admin.createPartitions(Map.of("shaped", org.apache.kafka.clients.admin.NewPartitions.increaseTo(3))).all().get();
            // The new partitions reach the metadata the provisioner reads a moment after the call returns.
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of("shaped")).allTopicNames()
                    .get().get("shaped").partitions().size() == 3);
            assertThat(new TopicProvisioner(admin, (short) 1, Map.of("min.insync.replicas", "1"))
                    .ensure(List.of(spec, other))).isEmpty();
            assertThatThrownBy(() -> new TopicProvisioner(admin, (short) 1, Map.of("min.insync.replicas", "2"))
                    .ensure(List.of(spec)))
                    .hasMessageContaining("1 mismatches")
                    .hasMessageContaining("shaped has min.insync.replicas=1, expected 2");
        }
    }

    @Test
    void keepsRecordsAcrossARestartOnTheSameDataDirectory(@TempDir Path dataDir) throws Exception {
        int port = EmbeddedKafkaBroker.freePort();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(port).build().start();
             Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic("durable", 1, (short) 1))).all().get();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                    broker.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("durable", "k", "survives a restart")).get();
            }
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(port).build().start();
             var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(),
                     "group.id", "t", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of("durable"));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return !seen.isEmpty();
            });
            assertThat(seen.getFirst().value()).isEqualTo("survives a restart");
        }
    }

    @Test
    void everyOrderKeyedTopicIsCoPartitioned() {
        assertThat(TopicCatalog.all().stream().filter(t -> t.key().equals("order id")))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.partitions()).isEqualTo(TopicCatalog.ORDER_PARTITIONS));
    }
}
