package com.musiccorp.platform.streams;

import com.musiccorp.events.Money;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.schemas.Causation;
import com.musiccorp.platform.metrics.ProcessMeters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record that cannot be read, or makes processing throw, goes to the context's dead-letter topic
 * with its original bytes and the reason, and the records after it are still processed. So does a
 * well-formed event of a type its topic does not carry.
 */
class DeadLetterIT {
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    static SchemaRegistryServer registry;
    static final String OUT = "test.out";

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(OUT, 1, (short) 1),
                    new NewTopic(TopicCatalog.deadLetterTopic("dlqtest"), 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) registry.close();
    }

    @Test
    void unreadableAndFailingRecordsAreDeadLetteredAndProcessingGoesOn(@TempDir Path state) throws Exception {
        ContextSettings settings = ContextSettings.from("dlqtest", Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "SCHEMA_REGISTRY_URL", registry.url(),
                "STATE_DIR", state.toString()));
        Properties props = StreamsSettings.forContext(settings);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(TopicCatalog.ORDERS_EVENTS, Consumed.with(Serdes.String(), EventSerdes.anyEvent(props))
                        .withName("orders-events-source"))
                .mapValues(event -> {
                    String orderId = ((OrderCompleted) event).getOrderId();
                    if (orderId.startsWith("poison")) throw new IllegalStateException("cannot process " + orderId);
                    return orderId;
                }, Named.as("read-order-id"))
                .to(OUT, Produced.with(Serdes.String(), Serdes.String()).withName("test-out-sink"));

        try (StreamsRuntime runtime = new StreamsRuntime(builder.build(props), props).start();
             var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer());
             var events = EventSerdes.anyEvent(props)) {
            await().atMost(Duration.ofSeconds(60)).until(runtime::isReady);

            byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
            byte[] unknownId = {0, 0, 0, 0x7f, 0x7f, 1, 2, 3};
            send(producer, "garbage", garbage);
            send(producer, "unknown-id", unknownId);
            send(producer, "poison-1", events.serializer().serialize(TopicCatalog.ORDERS_EVENTS, completed("poison-1")));
            send(producer, "wrong-type", events.serializer().serialize(TopicCatalog.ORDERS_EVENTS, awarded("wrong-type")));
            OrderCompleted huge = completed("oversized");
            huge.setCustomerId("c".repeat(300_000));
            send(producer, "oversized", events.serializer().serialize(TopicCatalog.ORDERS_EVENTS, huge));
            send(producer, "good-1", events.serializer().serialize(TopicCatalog.ORDERS_EVENTS, completed("good-1")));

            List<ConsumerRecord<byte[], byte[]>> out = TopicRecords.readAll(kafka.bootstrapServers(), OUT, 1);
            assertThat(new String(out.getFirst().value(), StandardCharsets.UTF_8)).isEqualTo("good-1");

            List<ConsumerRecord<byte[], byte[]>> dead = TopicRecords.readAll(kafka.bootstrapServers(), TopicCatalog.deadLetterTopic("dlqtest"), 5);
            assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactly("garbage", "unknown-id", "poison-1", "wrong-type", "oversized");
            assertThat(dead.get(0).value()).isEqualTo(garbage);
            assertThat(dead.get(1).value()).isEqualTo(unknownId);
            for (var record : dead) {
                assertThat(TopicRecords.header(record, "__streams.errors.topic")).isEqualTo(TopicCatalog.ORDERS_EVENTS);
                assertThat(TopicRecords.header(record, "__streams.errors.partition")).isNotBlank();
                assertThat(TopicRecords.header(record, "__streams.errors.offset")).isNotBlank();
                assertThat(TopicRecords.header(record, "__streams.errors.exception")).isNotBlank();
            }
            assertThat(TopicRecords.header(dead.get(0), "__streams.errors.message")).containsIgnoringCase("magic byte");
            assertThat(TopicRecords.header(dead.get(1), "__streams.errors.message")).contains(String.valueOf(0x7f7f));
            assertThat(TopicRecords.header(dead.get(2), "__streams.errors.message")).contains("cannot process poison-1");
            assertThat(TopicRecords.header(dead.get(3), "__streams.errors.message"))
                    .contains("com.musiccorp.events.PointsAwarded is not an event of orders.events");
            assertThat(TopicRecords.header(dead.get(4), "__streams.errors.message")).contains("over the contract's limit");

            // Counted per context and stage, and Kafka Streams' own metrics are in the same registry.
            assertThat(deadLetters("read")).as("garbage, unknown id, wrong type, over MAX_EVENT_BYTES").isEqualTo(4);
            assertThat(deadLetters("process")).as("poison-1").isEqualTo(1);
            assertThat(ProcessMeters.registry().scrape())
                    .contains("musiccorp_dead_letters_total{context=\"dlqtest\",stage=\"read\"} 4.0")
                    .contains("kafka_stream_");
        }
        assertThat(ProcessMeters.registry().scrape()).as("closing the runtime removes its Streams meters")
                .doesNotContain("kafka_stream_state");
    }

    private static double deadLetters(String stage) {
        var counter = ProcessMeters.registry().find(ContextMeters.DEAD_LETTERS)
                .tag("context", "dlqtest").tag("stage", stage).counter();
        return counter == null ? 0 : counter.count();
    }

    private static OrderCompleted completed(String orderId) {
        return OrderCompleted.newBuilder()
                .setMetadata(Causation.fromCommand(orderId, "corr-" + orderId, Instant.parse("2026-11-23T10:00:00Z"),
                        "orders", "OrderCompleted"))
                .setOrderId(orderId).setCustomerId("c-1").setCompletedAt(Instant.parse("2026-11-23T10:00:00Z"))
                .build();
    }

    private static PointsAwarded awarded(String orderId) {
        return PointsAwarded.newBuilder()
                .setMetadata(Causation.fromCommand(orderId, "corr-" + orderId, Instant.parse("2026-11-23T10:00:00Z"),
                        "loyalty", "PointsAwarded"))
                .setOrderId(orderId).setCustomerId("c-1").setPoints(1).setNewBalance(1)
                .setOrderTotal(Money.newBuilder().setAmountMinor(100).setCurrency("GBP").build())
                .build();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(TopicCatalog.ORDERS_EVENTS, 0, key.getBytes(StandardCharsets.UTF_8), value)).get();
    }
}
