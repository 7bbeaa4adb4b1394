package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.platform.avro.HttpSchemaRegistryClient;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** topics, schemas, dlq and query against a real broker and the real registry. */
class OperationsIT {
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    static SchemaRegistryServer registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) registry.close();
    }

    private static String[] withCluster(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers()));
        return all.toArray(String[]::new);
    }

    private static String[] withRegistry(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--registry-url", registry.url()));
        return all.toArray(String[]::new);
    }

    @Test
    void topicsListsTheCatalogAsTheClusterHasItWithEachContextsLag() throws Exception {
        // Three records on one partition, of which the orders context has committed one: lag 2.
        TopicPartition p0 = new TopicPartition(TopicCatalog.PAYMENTS_EVENTS, 0);
        try (var producer = producer()) {
            for (int i = 0; i < 3; i++) producer.send(new ProducerRecord<>(p0.topic(), 0, bytes("k"), bytes("v" + i))).get();
        }
        try (var group = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "musiccorp-orders"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            group.commitSync(Map.of(p0, new OffsetAndMetadata(1)));
        }

        Cli.Run run = Cli.run(withCluster("topics", "--json"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode result = Json.MAPPER.readTree(run.out());
        JsonNode orders = find(result.path("topics"), "name", "orders.events");
        assertThat(orders.path("owner").asText()).isEqualTo("orders");
        assertThat(orders.path("key").asText()).isEqualTo("order id");
        assertThat(orders.path("partitionsInCluster").asInt()).isEqualTo(6);
        assertThat(orders.path("retention").asText()).isEqualTo("forever");
        assertThat(orders.path("subjects").toString()).contains("com.musiccorp.events.OrderPlaced");
        assertThat(find(result.path("topics"), "name", "orders.commands").path("retention").asText()).isEqualTo("7 days");
        assertThat(find(result.path("topics"), "name", "_schemas").path("retention").asText()).isEqualTo("compacted");

        JsonNode ordersGroup = find(result.path("consumerGroups"), "group", "musiccorp-orders");
        assertThat(ordersGroup.path("lag").asLong()).isEqualTo(2);
        assertThat(ordersGroup.path("topics").path("payments.events").asLong()).isEqualTo(2);
        assertThat(find(result.path("consumerGroups"), "group", "musiccorp-loyalty").path("lag").isNull()).isTrue();
        assertThat(result.path("consumerGroups")).hasSize(6);

        Cli.Run human = Cli.run(withCluster("topics"));
        assertThat(human.out()).contains("orders.events", "OrderPlaced, OrderCompleted", "musiccorp-orders", "musiccorp-saga-status");
    }

    @Test
    void schemasAreRegisteredListedAndCheckedAgainstTheLiveRegistry() {
        Cli.Run empty = Cli.run(withRegistry("schemas", "list"));
        assertThat(empty.exitCode()).as(empty.toString()).isZero();
        assertThat(empty.out()).contains("com.musiccorp.events.OrderPlaced", "NOT REGISTERED");

        Cli.Run register = Cli.run(withRegistry("schemas", "register"));
        assertThat(register.exitCode()).as(register.toString()).isZero();
        assertThat(register.out()).contains("19 subjects registered",
                "registered com.musiccorp.events.OrderPlaced");

        Cli.Run list = Cli.run(withRegistry("schemas", "list"));
        assertThat(list.out()).doesNotContain("NOT REGISTERED")
                .containsPattern("com\\.musiccorp\\.events\\.OrderPlaced +1 +\\d+ +BACKWARD_TRANSITIVE");

        Cli.Run check = Cli.run(withRegistry("schemas", "check"));
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("OK            com.musiccorp.events.OrderPlaced").doesNotContain("INCOMPATIBLE");

        // Someone registers a version this build cannot read (customerId became an int): check fails.
        String subject = "com.musiccorp.events.NotificationSent";
        try (var client = new HttpSchemaRegistryClient(registry.url())) {
            Schema current = client.latest(subject).schema();
            Schema changed = new Schema.Parser().parse(current.toString()
                    .replace("{\"name\":\"customerId\",\"type\":{\"type\":\"string\",\"avro.java.string\":\"String\"}",
                            "{\"name\":\"customerId\",\"type\":\"int\""));
            assertThat(changed).isNotEqualTo(current);
            client.setCompatibility(subject, "NONE");
            client.register(subject, changed);
            client.setCompatibility(subject, "BACKWARD");
        }
        Cli.Run broken = Cli.run(withRegistry("schemas", "check", "--json"));
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
        assertThat(broken.out()).contains("\"status\" : \"INCOMPATIBLE\"", subject);
    }

    @Test
    void deadLettersAreListedAndReDrivenOnceToWhereTheyCameFrom() throws Exception {
        // As Kafka Streams' KIP-1034 dead-letter queue writes them; the first one dead-lettered twice.
        long stamp = 1763632800000L;
        try (var producer = producer()) {
            producer.send(deadLetter("o-dlq-1", "bad-1", "orders.events", 0, 5, stamp)).get();
            producer.send(deadLetter("o-dlq-1", "bad-1", "orders.events", 0, 5, stamp)).get();
            producer.send(deadLetter("o-dlq-2", "bad-2", "payments.events", 3, 7, stamp + 1)).get();
        }

        Cli.Run list = Cli.run(withRegistry(withCluster("dlq", "list", "orders", "--json")));
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.lines()).hasSize(3);
        JsonNode first = Json.MAPPER.readTree(list.lines().getFirst());
        assertThat(first.path("exception").asText()).isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(first.path("message").asText()).isEqualTo("Unknown magic byte!");
        assertThat(first.path("topic").asText()).isEqualTo("orders.events");
        assertThat(first.path("partition").asInt()).isZero();
        assertThat(first.path("offset").asLong()).isEqualTo(5);
        assertThat(first.path("value").path("text").asText()).isEqualTo("bad-1");

        long ordersBefore = Topics.settledEndOffsets(kafka.bootstrapServers(), TopicCatalog.ORDERS_EVENTS);
        Cli.Run dryRun = Cli.run(withCluster("dlq", "replay", "orders", "--all", "--dry-run"));
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.err()).contains("would re-drive 2 record(s)", "1 skipped (1 duplicate(s))");
        assertThat(Topics.settledEndOffsets(kafka.bootstrapServers(), TopicCatalog.ORDERS_EVENTS)).isEqualTo(ordersBefore);

        Cli.Run replay = Cli.run(withCluster("dlq", "replay", "orders", "--all"));
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.err()).contains("re-drove 2 record(s) to orders.events, payments.events; 1 skipped (1 duplicate(s))");
        assertThat(replay.out()).contains("re-drove orders.dlq@0 -> orders.events[0]@", "re-drove orders.dlq@2 -> payments.events[3]@");

        List<ConsumerRecord<byte[], byte[]>> orders = Topics.awaitWithKey(kafka.bootstrapServers(), "orders.events", "o-dlq-1", 1);
        assertThat(orders).singleElement().satisfies(r -> {
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("bad-1");
            assertThat(r.partition()).isZero();
            assertThat(r.timestamp()).isEqualTo(stamp);
            assertThat(header(r, "correlation-id")).isEqualTo("corr-o-dlq-1");
            assertThat(r.headers().toArray()).noneMatch(h -> h.key().startsWith("__streams.errors."));
        });
        assertThat(Topics.awaitWithKey(kafka.bootstrapServers(), "payments.events", "o-dlq-2", 1)).singleElement()
                .satisfies(r -> assertThat(r.partition()).isEqualTo(3));

        Cli.Run one = Cli.run(withCluster("dlq", "replay", "orders", "--offset", "2"));
        assertThat(one.err()).contains("re-drove 1 record(s) to payments.events; 0 skipped");
        assertThat(Topics.awaitWithKey(kafka.bootstrapServers(), "payments.events", "o-dlq-2", 2)).hasSize(2);
        assertThat(Topics.settledEndOffsets(kafka.bootstrapServers(), "orders.events")).as("o-dlq-1 re-driven once")
                .isEqualTo(ordersBefore + 2); // the record and its transaction's commit marker

        Cli.Run missing = Cli.run(withCluster("dlq", "replay", "orders", "--offset", "99"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no dead letter at offset 99 of orders.dlq");
        Cli.Run unknown = Cli.run(withCluster("dlq", "list", "shipping"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no context 'shipping'", "saga-status");
    }

    @Test
    void queryPrettyPrintsJsonAndFailsOnAnErrorStatus() throws Exception {
        try (var client = new HttpSchemaRegistryClient(registry.url())) {
            client.setCompatibility(null, "BACKWARD_TRANSITIVE");
        }
        Cli.Run ok = Cli.run("query", "/config", "--api-url", registry.url());
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("{\n  \"compatibilityLevel\" : \"BACKWARD_TRANSITIVE\"\n}");

        Cli.Run notFound = Cli.run("query", "/subjects/no.such.subject/versions", "--api-url", registry.url());
        assertThat(notFound.exitCode()).isEqualTo(1);
        assertThat(notFound.err()).contains("answered 404", "40401");
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(String key, String value, String topic, int partition,
                                                             long offset, long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("correlation-id", bytes("corr-" + key));
        headers.add("__streams.errors.exception", bytes("org.apache.kafka.common.errors.SerializationException"));
        headers.add("__streams.errors.message", bytes("Unknown magic byte!"));
        headers.add("__streams.errors.stacktrace", bytes("org.apache.kafka...\n\tat ..."));
        headers.add("__streams.errors.topic", bytes(topic));
        headers.add("__streams.errors.partition", bytes(String.valueOf(partition)));
        headers.add("__streams.errors.offset", bytes(String.valueOf(offset)));
        return new ProducerRecord<>(TopicCatalog.deadLetterTopic("orders"), null, timestamp, bytes(key), bytes(value), headers);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) if (node.path(field).asText().equals(value)) return node;
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
