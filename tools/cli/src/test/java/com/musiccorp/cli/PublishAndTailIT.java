package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.platform.avro.AvroDeserializer;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.launcher.SchemaBootstrap;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * publish and tail on a real broker and the real registry: hand-written JSON becomes events a
 * service can read (Confluent wire format, key, event-time timestamp, saga headers), one saga's
 * events are found across topics by correlation id, and invalid input publishes nothing.
 */
class PublishAndTailIT {
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    static SchemaRegistryServer registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
        SchemaBootstrap.registerAll(registry.url());
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) registry.close();
    }

    private static String[] withCluster(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers(), "--registry-url", registry.url()));
        return all.toArray(String[]::new);
    }

    @Test
    void publishedEventsAreWhatAServiceReadsAndTailFollowsOneSagaAcrossTopics() throws Exception {
        String saga = "corr-round-trip";
        Cli.Run placed = Cli.runWithInput(Events.orderPlaced("o-rt-1", "2"),
                withCluster("publish", "orders.events", "OrderPlaced", "--correlation-id", saga, "--json"));
        assertThat(placed.exitCode()).as(placed.toString()).isZero();
        String paidAt = "2026-11-20T10:05:00Z";
        String metadata = """
                {"eventId": "5f0c7a52-0000-4000-8000-000000000001", "correlationId": "%s", "occurredAt": "%s",
                 "producer": "payments", "schemaVersion": 1}""".formatted(saga, paidAt);
        // Two events in one input, one per line: the second belongs to another saga.
        String payments = Events.paymentTaken("o-rt-1", metadata).replace("\n", " ") + "\n"
                + Events.paymentTaken("o-rt-other", null).replace("\n", " ") + "\n";
        Cli.Run paid = Cli.runWithInput(payments, withCluster("publish", "payments.events", "PaymentTaken"));
        assertThat(paid.exitCode()).as(paid.toString()).isZero();
        assertThat(paid.out()).contains("published PaymentTaken key=o-rt-1 to payments.events[",
                "published PaymentTaken key=o-rt-other");

        // What a service sees: Confluent-framed Avro of the generated class, keyed by order id, at event time.
        ConsumerRecord<byte[], byte[]> payment =
                Topics.awaitWithKey(kafka.bootstrapServers(), TopicCatalog.PAYMENTS_EVENTS, "o-rt-1", 1).getFirst();
        try (var events = new AvroDeserializer<>(null, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false)) {
            PaymentTaken taken = (PaymentTaken) events.deserialize(TopicCatalog.PAYMENTS_EVENTS, payment.value());
            assertThat(taken.getMetadata().getCorrelationId()).isEqualTo(saga);
            assertThat(taken.getMetadata().getProducer()).isEqualTo("payments");
            assertThat(taken.getTakenAt()).isEqualTo(Instant.ofEpochMilli(1763632800000L));
        }
        assertThat(payment.timestamp()).isEqualTo(Instant.parse(paidAt).toEpochMilli());
        assertThat(header(payment, "event-type")).isEqualTo("PaymentTaken");
        assertThat(header(payment, "correlation-id")).isEqualTo(saga);
        assertThat(header(payment, "event-id")).isEqualTo("5f0c7a52-0000-4000-8000-000000000001");
        assertThat(header(payment, "producer")).isEqualTo("payments");

        Topics.awaitWithKey(kafka.bootstrapServers(), TopicCatalog.ORDERS_EVENTS, "o-rt-1", 1);
        Cli.Run tail = Cli.run(withCluster("tail", "--from-beginning", "--no-follow", "--correlation-id", saga, "--json"));
        assertThat(tail.exitCode()).as(tail.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : tail.lines()) lines.add(Json.MAPPER.readTree(line));
        assertThat(lines).extracting(l -> l.path("type").asText()).containsExactlyInAnyOrder("PaymentTaken", "OrderPlaced");
        JsonNode order = lines.stream().filter(l -> l.path("type").asText().equals("OrderPlaced")).findFirst().orElseThrow();
        assertThat(order.path("topic").asText()).isEqualTo("orders.events");
        assertThat(order.path("key").asText()).isEqualTo("o-rt-1");
        assertThat(order.path("headers").path("correlation-id").asText()).isEqualTo(saga);
        assertThat(order.path("headers").path("producer").asText()).isEqualTo("cli");
        assertThat(order.path("value").path("lines").get(0).path("format").asText()).isEqualTo("VINYL");
        assertThat(order.path("value").path("placedAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
        JsonNode published = Json.MAPPER.readTree(placed.lines().getFirst());
        assertThat(order.path("offset").asLong()).isEqualTo(published.path("offset").asLong());
        assertThat(Instant.parse(order.path("timestamp").asText()))
                .isEqualTo(Instant.parse(order.path("value").path("metadata").path("occurredAt").asText()));

        Cli.Run onlyOrders = Cli.run(withCluster("tail", "--from-beginning", "--no-follow", "--type", "OrderPlaced",
                "--correlation-id", saga));
        assertThat(onlyOrders.out()).contains("orders.events[", "key=o-rt-1 OrderPlaced correlationId=" + saga)
                .doesNotContain("PaymentTaken");
    }

    @Test
    void aCorrelationIdIsDerivedFromTheOrderIdAsOrdersDoesWhenNoneIsGiven() {
        Cli.Run placed = Cli.runWithInput(Events.orderPlaced("o-derived", "1"),
                withCluster("publish", "orders.events", "OrderPlaced"));
        assertThat(placed.exitCode()).as(placed.toString()).isZero();
        assertThat(placed.out()).contains("correlationId=" + MetadataDefaults.derivedCorrelationId("o-derived"))
                .doesNotContain("correlationId=o-derived ");
    }

    @Test
    void anInvalidEventAmongValidOnesPublishesNothingAndNamesEveryProblem() {
        long before = Topics.settledEndOffsets(kafka.bootstrapServers(), TopicCatalog.ORDERS_EVENTS);
        String input = "[" + Events.orderPlaced("o-valid", "1") + "," + Events.orderPlaced("o-invalid", "\"two\"")
                .replace("\"VINYL\"", "\"VINYLS\"") + "]";

        Cli.Run run = Cli.runWithInput(input, withCluster("publish", "orders.events", "OrderPlaced"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("event 2: lines[0].quantity: expected int, got \"two\"",
                "event 2: lines[0].format: expected one of [CD, VINYL, CASSETTE, DIGITAL, UNKNOWN], got \"VINYLS\"",
                "2 problem(s) against com.musiccorp.events.OrderPlaced version 1; nothing published");
        assertThat(run.err()).doesNotContain("event 1:");
        assertThat(run.out()).isEmpty();
        assertThat(Topics.settledEndOffsets(kafka.bootstrapServers(), TopicCatalog.ORDERS_EVENTS)).isEqualTo(before);

        Cli.Run notJson = Cli.runWithInput("{\"orderId\": ", withCluster("publish", "orders.events", "OrderPlaced"));
        assertThat(notJson.exitCode()).isEqualTo(2);
        assertThat(notJson.err()).contains("input is not JSON");
        assertThat(Topics.settledEndOffsets(kafka.bootstrapServers(), TopicCatalog.ORDERS_EVENTS)).isEqualTo(before);
    }

    @Test
    void tailShowsCommandsAsJsonAndUndecodableRecordsWithTheError() throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TopicCatalog.ORDERS_COMMANDS, "o-cmd",
                    "{\"type\":\"CancelOrder\",\"orderId\":\"o-cmd\"}".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(TopicCatalog.ORDERS_COMMANDS, "o-garbage",
                    new byte[]{0, 0x7f, 0x7f, 0x7f, 0x7f, 1, 2})).get();
        }
        Cli.Run tail = Cli.run(withCluster("tail", "orders.commands", "--from-beginning", "--no-follow", "--json"));
        assertThat(tail.exitCode()).as(tail.toString()).isZero();
        JsonNode command = Json.MAPPER.readTree(tail.lines().get(0));
        assertThat(command.path("value").path("type").asText()).isEqualTo("CancelOrder");
        JsonNode garbage = Json.MAPPER.readTree(tail.lines().get(1));
        assertThat(garbage.path("key").asText()).isEqualTo("o-garbage");
        assertThat(garbage.path("value").path("error").asText()).contains(String.valueOf(0x7f7f7f7f));
    }

    @Test
    void tailFollowsEventsAsTheyArrive() throws Exception {
        StringWriter progress = new StringWriter();
        CompletableFuture<Cli.Run> following = CompletableFuture.supplyAsync(() -> Cli.run("", progress,
                withCluster("tail", "--follow", "--max", "1", "--correlation-id", "corr-live", "--json")));
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.toString().contains("reading"));

        Cli.Run placed = Cli.runWithInput(Events.orderPlaced("o-live", "1"),
                withCluster("publish", "orders.events", "OrderPlaced", "--correlation-id", "corr-live"));
        assertThat(placed.exitCode()).as(placed.toString()).isZero();

        Cli.Run tail = following.get(30, TimeUnit.SECONDS);
        assertThat(tail.exitCode()).isZero();
        assertThat(tail.lines()).singleElement().satisfies(line ->
                assertThat(Json.MAPPER.readTree(line).path("key").asText()).isEqualTo("o-live"));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
