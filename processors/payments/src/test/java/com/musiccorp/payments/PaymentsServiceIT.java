package com.musiccorp.payments;

import static com.musiccorp.payments.domain.Events.correlationOf;
import static com.musiccorp.payments.domain.Events.orderCancelled;
import static com.musiccorp.payments.domain.Events.orderPlaced;
import static com.musiccorp.payments.domain.Events.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.gateway.GatewaySimulator;
import com.musiccorp.gateway.http.GatewayHttpServer;
import com.musiccorp.payments.domain.IdempotencyKeys;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.ContextServiceProcess;
import com.musiccorp.platform.streams.DeadLetterProbe;
import com.musiccorp.platform.streams.EventSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * End to end on a real broker and schema registry, with {@link PaymentsService} as its own process
 * (as the start command runs it) and the simulated gateway serving HTTP in this JVM: an order whose
 * stock is reserved is charged once, through a transient failure, and PaymentTaken is written once;
 * a paid order cancelled after a failed dispatch is refunded once; unreadable input is dead-lettered
 * and the next order is still charged. The gateway's ledger is the proof of what was charged.
 */
class PaymentsServiceIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @TempDir
    static Path state;

    static SchemaRegistryServer registry;
    static GatewayHttpServer gateway;
    static ContextServiceProcess service;
    static String baseUrl;
    static Serde<SpecificRecord> events;

    @BeforeAll
    static void startSystem() throws Exception {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
        gateway = GatewayHttpServer.start(0, new GatewaySimulator());
        Properties serdeConfig = new Properties();
        serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        events = EventSerdes.anyEvent(serdeConfig);

        service = ContextServiceProcess.start("payments", PaymentsService.class, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(),
                "STATE_DIR", state.toString(),
                "PAYMENTS_HTTP_PORT", "0",
                "PAYMENT_GATEWAY_URL", gateway.url()));
        baseUrl = service.baseUrl();
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (service != null) {
            service.close(); // SIGTERM; fails unless it stops by itself
        }
        if (events != null) {
            events.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aReservedOrderIsChargedOnceThroughATransientFailure() throws Exception {
        String orderId = "it-order-1";
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        SpecificRecord placed = orderPlaced(orderId, "tok_transient_1_visa", 2599, "1").event();
        SpecificRecord reserved = stockReserved(orderId, "1").event();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            send(producer, TopicCatalog.ORDERS_EVENTS, orderId, placed);
            send(producer, TopicCatalog.WAREHOUSE_EVENTS, orderId, reserved);
            send(producer, TopicCatalog.WAREHOUSE_EVENTS, orderId, reserved); // redelivered
        }

        List<ConsumerRecord<byte[], byte[]>> taken = read(TopicCatalog.PAYMENTS_EVENTS, orderId, 1);
        assertThat(taken).singleElement().satisfies(r ->
                assertThat(EventHeaders.text(r.headers(), EventHeaders.EVENT_TYPE)).isEqualTo("PaymentTaken"));
        PaymentTaken event = (PaymentTaken) events.deserializer()
                .deserialize(TopicCatalog.PAYMENTS_EVENTS, taken.getFirst().value());
        String key = IdempotencyKeys.charge(orderId).toString();
        assertThat(event.getPaymentId()).isEqualTo(key);
        assertThat(gateway.simulator().ledger().capturedChargesFor(orderId)).hasSize(1);
        assertThat(gateway.simulator().ledger().callsWith(key)).isEqualTo(2);
    }

    @Test
    void aPaidOrderCancelledAfterAFailedDispatchIsRefundedOnce() throws Exception {
        String orderId = "it-order-cancelled";
        try (var producer = producer()) {
            send(producer, TopicCatalog.ORDERS_EVENTS, orderId, orderPlaced(orderId, "tok_visa", 4599, "1").event());
            send(producer, TopicCatalog.WAREHOUSE_EVENTS, orderId, stockReserved(orderId, "1").event());
        }
        assertThat(types(read(TopicCatalog.PAYMENTS_EVENTS, orderId, 1))).containsExactly("PaymentTaken");

        SpecificRecord cancelled = orderCancelled(orderId, CancellationReason.DISPATCH_FAILED, "1").event();
        try (var producer = producer()) {
            send(producer, TopicCatalog.ORDERS_EVENTS, orderId, cancelled);
            send(producer, TopicCatalog.ORDERS_EVENTS, orderId, cancelled); // redelivered
        }

        List<ConsumerRecord<byte[], byte[]>> written = read(TopicCatalog.PAYMENTS_EVENTS, orderId, 2);
        assertThat(types(written)).containsExactly("PaymentTaken", "PaymentRefunded");
        PaymentRefunded refunded = (PaymentRefunded) events.deserializer()
                .deserialize(TopicCatalog.PAYMENTS_EVENTS, written.get(1).value());
        assertThat(refunded.getAmount().getAmountMinor()).isEqualTo(4599);
        assertThat(refunded.getMetadata().getCorrelationId()).isEqualTo(correlationOf(orderId));
        var ledger = gateway.simulator().ledger();
        assertThat(ledger.capturedChargesFor(orderId)).singleElement()
                .satisfies(charge -> assertThat(charge.refundKey()).isEqualTo(IdempotencyKeys.refund(orderId).toString()));
        assertThat(ledger.callsWith(IdempotencyKeys.charge(orderId).toString())).isEqualTo(1);
        assertThat(ledger.callsWith(IdempotencyKeys.refund(orderId).toString())).isEqualTo(1);
    }

    @Test
    void unreadableRecordsAreDeadLetteredAndTheNextOrderIsStillCharged() throws Exception {
        DeadLetterProbe.assertUnreadableRecordsAreDeadLettered(kafka.bootstrapServers(), "payments",
                TopicCatalog.WAREHOUSE_EVENTS);

        String orderId = "it-order-after-dlq";
        try (var producer = producer()) {
            send(producer, TopicCatalog.ORDERS_EVENTS, orderId, orderPlaced(orderId, "tok_visa", 1999, "1").event());
            send(producer, TopicCatalog.WAREHOUSE_EVENTS, orderId, stockReserved(orderId, "1").event());
        }
        assertThat(types(read(TopicCatalog.PAYMENTS_EVENTS, orderId, 1))).containsExactly("PaymentTaken");
        assertThat(gateway.simulator().ledger().capturedChargesFor(orderId)).hasSize(1);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<String> types(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> EventHeaders.text(r.headers(), EventHeaders.EVENT_TYPE)).toList();
    }

    private void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, SpecificRecord event)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, null, EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8), events.serializer().serialize(topic, event),
                EventHeaders.of(event))).get();
    }

    /** Committed records with this key, once {@code expected} are there and the topic stayed quiet for 2 s. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, String key, int expected) {
        List<ConsumerRecord<byte[], byte[]>> matching = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "it-reader-" + System.nanoTime(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> collect(r, key, matching));
                return matching.size() >= expected;
            });
            long quietUntil = System.currentTimeMillis() + 2000;
            while (System.currentTimeMillis() < quietUntil) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> collect(r, key, matching));
            }
        }
        return matching;
    }

    private static void collect(ConsumerRecord<byte[], byte[]> r, String key, List<ConsumerRecord<byte[], byte[]>> into) {
        if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))) {
            into.add(r);
        }
    }
}
