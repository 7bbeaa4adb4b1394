package com.musiccorp.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.events.StockReceived;
import com.musiccorp.events.StockReserved;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.avro.AvroSerializer;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.schemas.ContractLimits;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison records on every context's input topics, written by an outside producer as anyone with
 * access to the cluster could: bytes that are not Avro, an unknown schema id, a known schema of a
 * type the topic does not carry, a valid event under a key that is not its order id (or SKU), and
 * a valid event over {@link ContractLimits#MAX_EVENT_BYTES}. Each must land in the dead-letter
 * topic of every context that reads the topic, with {@code __streams.errors.*} headers naming the
 * reason; {@code musiccorp cli dlq list} shows it; and the next saga still completes.
 */
@ExtendWith(RunningSystem.class)
class PoisonRecordsIT {
    /** Who reads which topic: the INPUT_TOPICS of each topology (OrdersTopology, WarehouseTopology, …). */
    static final Map<String, List<String>> READERS = readers();

    /** Confluent framing (magic byte 0) with schema id 0x7f7f7f7f, which no registry has handed out. */
    private static final byte[] UNKNOWN_SCHEMA_ID = {0, 0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3};
    private static final byte[] GARBAGE = "definitely not avro".getBytes(StandardCharsets.UTF_8);
    private static final String OVERSIZED = "x".repeat(300 * 1024);

    private final RunningSystem.Services system = RunningSystem.get();
    private final Shop shop = new Shop(system);
    private final String run = Long.toString(System.nanoTime(), 36);

    /** One poison record, and the contexts that must dead-letter it with a message containing {@code reason}. */
    record Poison(String name, String topic, String key, byte[] value, Headers headers, List<String> deadLetteredBy,
                  String reason) {
    }

    @Test
    void everyPoisonRecordIsDeadLetteredByEveryReaderAndTheNextSagaStillCompletes() throws Exception {
        Map<String, SpecificRecord> template = templates();
        List<Poison> poisons = poisons(template);

        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Poison p : poisons) {
                producer.send(new ProducerRecord<>(p.topic(), null, utf8(p.key()), p.value(), p.headers())).get();
            }
        }

        Map<String, Map<String, ConsumerRecord<byte[], byte[]>>> dead = awaitDeadLetters(poisons);
        SoftAssertions softly = new SoftAssertions();
        StringBuilder table = new StringBuilder();
        for (Poison p : poisons) {
            table.append(String.format("%-34s %-21s %s%n", p.name(), p.topic(), p.deadLetteredBy().stream()
                    .map(c -> c + (dead.getOrDefault(c, Map.of()).containsKey(p.key()) ? "" : " MISSING"))
                    .toList()));
            for (String context : p.deadLetteredBy()) {
                String what = p.name() + " on " + p.topic() + " (key " + p.key() + ") in " + TopicCatalog.deadLetterTopic(context);
                ConsumerRecord<byte[], byte[]> letter = dead.getOrDefault(context, Map.of()).get(p.key());
                softly.assertThat(letter).as(what + ": dead-lettered").isNotNull();
                if (letter == null) continue;
                softly.assertThat(letter.value()).as(what + ": the original bytes").isEqualTo(p.value());
                softly.assertThat(header(letter, "__streams.errors.topic")).as(what + ": source topic").isEqualTo(p.topic());
                softly.assertThat(header(letter, "__streams.errors.offset")).as(what + ": source offset").isNotBlank();
                softly.assertThat(header(letter, "__streams.errors.exception")).as(what + ": exception").isNotBlank();
                softly.assertThat(header(letter, "__streams.errors.message")).as(what + ": the reason")
                        .isNotBlank().containsIgnoringCase(p.reason());
            }
        }

        System.out.println("PoisonRecordsIT: " + poisons.size() + " poison records, "
                + poisons.stream().mapToInt(p -> p.deadLetteredBy().size()).sum() + " dead letters expected\n" + table);

        // What an operator sees: `musiccorp cli dlq list <context> --json`, one dead letter per line.
        for (String context : TopicCatalog.all().stream().map(t -> t.name()).filter(n -> n.endsWith(".dlq"))
                .map(n -> n.substring(0, n.length() - ".dlq".length())).toList()) {
            Map<String, JsonNode> listed = cliDlqList(context, softly);
            for (Poison p : poisons) {
                if (!p.deadLetteredBy().contains(context)) continue;
                JsonNode line = listed.get(p.key());
                softly.assertThat(line).as("cli dlq list " + context + " shows " + p.name() + " (key " + p.key() + ")")
                        .isNotNull();
                if (line != null) {
                    softly.assertThat(line.path("message").asText()).as("cli dlq list " + context + ": " + p.name())
                            .isNotBlank();
                    softly.assertThat(line.path("topic").asText()).as("cli dlq list " + context + ": " + p.name())
                            .isEqualTo(p.topic());
                }
            }
        }

        // Processing went on: the next saga completes, and saga-status follows it to the end.
        shop.receive("POISON-AFTER", 3);
        String orderId = shop.place("poison-after", "tok_visa", List.of(new Shop.Line("POISON-AFTER", 1, 2500)));
        softly.assertThat(shop.awaitOrder(orderId, Shop.AT_REST, Duration.ofSeconds(90)).get("status").asText())
                .as("the order placed after the poison records").isEqualTo("COMPLETED");
        softly.assertThat(shop.awaitSaga(orderId, "COMPLETED").get("status").asText()).isEqualTo("COMPLETED");
        softly.assertAll();
    }

    // ---------------------------------------------------------------------------------------------
    // The poison

    private List<Poison> poisons(Map<String, SpecificRecord> t) {
        List<Poison> all = new ArrayList<>();
        // Not Avro at all, and Avro framing naming a schema id no registry has: on every input topic.
        for (String topic : READERS.keySet()) {
            all.add(raw("garbage bytes", topic, GARBAGE, topic.endsWith(".commands") ? "JSON" : "magic byte"));
            if (!topic.endsWith(".commands")) {
                all.add(raw("unknown schema id", topic, UNKNOWN_SCHEMA_ID, String.valueOf(0x7f7f7f7f)));
            }
        }
        // A registered schema of a type the topic does not carry.
        all.add(event("wrong type PointsAwarded", TopicCatalog.ORDERS_EVENTS, order(t.get("PointsAwarded")), null, "PointsAwarded"));
        all.add(event("wrong type OrderPlaced", TopicCatalog.WAREHOUSE_EVENTS, order(t.get("OrderPlaced")), null, "OrderPlaced"));
        all.add(event("wrong type StockReserved", TopicCatalog.PAYMENTS_EVENTS, order(t.get("StockReserved")), null, "StockReserved"));
        all.add(event("wrong type PaymentTaken", TopicCatalog.LOYALTY_EVENTS, order(t.get("PaymentTaken")), null, "PaymentTaken"));
        all.add(event("wrong type OrderCompleted", TopicCatalog.NOTIFICATIONS_EVENTS, order(t.get("OrderCompleted")), null, "OrderCompleted"));
        all.add(event("wrong type OrderPlaced", TopicCatalog.WAREHOUSE_STOCK, order(t.get("OrderPlaced")), null, "OrderPlaced"));
        // A valid event under a key that is not its order id: dead-lettered by each reader that acts on
        // that type (a context ignores the types it has no concern with, whatever their key), so each
        // topic gets the types that together reach every reader.
        all.add(wrongKey(TopicCatalog.ORDERS_EVENTS, order(t.get("OrderPlaced")), List.of("orders", "warehouse", "payments",
                "notifications", "saga-status")));
        all.add(wrongKey(TopicCatalog.WAREHOUSE_EVENTS, order(t.get("OrderDispatched")), List.of("orders", "loyalty",
                "notifications", "saga-status")));
        all.add(wrongKey(TopicCatalog.WAREHOUSE_EVENTS, order(t.get("StockReserved")), List.of("orders", "payments", "saga-status")));
        all.add(wrongKey(TopicCatalog.PAYMENTS_EVENTS, order(t.get("PaymentTaken")), List.of("orders", "warehouse", "saga-status")));
        all.add(wrongKey(TopicCatalog.PAYMENTS_EVENTS, order(refundOf((PaymentTaken) t.get("PaymentTaken"))),
                List.of("orders", "notifications", "saga-status")));
        all.add(wrongKey(TopicCatalog.LOYALTY_EVENTS, order(t.get("PointsAwarded")), List.of("orders", "saga-status")));
        all.add(wrongKey(TopicCatalog.NOTIFICATIONS_EVENTS, order(t.get("NotificationSent")), List.of("saga-status")));
        all.add(wrongKey(TopicCatalog.WAREHOUSE_STOCK, receipt(t.get("OrderPlaced")), List.of("warehouse")));
        // A valid event of a type the topic carries, with a 300 KB string field: over the contract's limit.
        String limit = String.valueOf(ContractLimits.MAX_EVENT_BYTES);
        all.add(event("oversized OrderPlaced", TopicCatalog.ORDERS_EVENTS,
                with(order(t.get("OrderPlaced")), "paymentMethodToken", OVERSIZED), null, limit));
        all.add(event("oversized OrderDispatched", TopicCatalog.WAREHOUSE_EVENTS,
                with(order(t.get("OrderDispatched")), "carrier", OVERSIZED), null, limit));
        all.add(event("oversized PaymentTaken", TopicCatalog.PAYMENTS_EVENTS,
                with(order(t.get("PaymentTaken")), "gatewayReference", OVERSIZED), null, limit));
        all.add(event("oversized PointsAwarded", TopicCatalog.LOYALTY_EVENTS,
                with(order(t.get("PointsAwarded")), "customerId", OVERSIZED), null, limit));
        all.add(event("oversized NotificationSent", TopicCatalog.NOTIFICATIONS_EVENTS,
                with(order(t.get("NotificationSent")), "subject", OVERSIZED), null, limit));
        SpecificRecord bigReceipt = with(receipt(t.get("OrderPlaced")), "title", OVERSIZED);
        all.add(event("oversized StockReceived", TopicCatalog.WAREHOUSE_STOCK, bigReceipt, null, limit));
        return all;
    }

    private Poison raw(String name, String topic, byte[] value, String reason) {
        return new Poison(name, topic, key(name), value, new RecordHeaders(), READERS.get(topic), reason);
    }

    private Poison wrongKey(String topic, SpecificRecord event, List<String> readersActingOnIt) {
        String name = "wrong key on " + event.getSchema().getName();
        // The key names another order (SKU), so the event's own id is what the reason quotes.
        return new Poison(name, topic, key(name), serialize(topic, event), EventHeaders.of(event), readersActingOnIt,
                "is not the");
    }

    private Poison event(String name, String topic, SpecificRecord event, String key, String reason) {
        String k = key != null ? key : ownKey(event);
        return new Poison(name, topic, k, serialize(topic, event), EventHeaders.of(event), READERS.get(topic), reason);
    }

    private String key(String name) {
        return "poison-" + run + "-" + name.replaceAll("[^A-Za-z0-9]+", "-") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String ownKey(SpecificRecord event) {
        var field = event.getSchema().getField("orderId");
        return String.valueOf(event.get(field != null ? field.pos() : event.getSchema().getField("sku").pos()));
    }

    /** A copy of the template under a fresh order id and saga, so no real order is touched. */
    private SpecificRecord order(SpecificRecord template) {
        SpecificRecord copy = SpecificData.get().deepCopy(template.getSchema(), template);
        copy.put(copy.getSchema().getField("metadata").pos(), metadata(EventHeaders.metadataOf(template)));
        copy.put(copy.getSchema().getField("orderId").pos(), key("order"));
        return copy;
    }

    private SpecificRecord receipt(SpecificRecord anyEvent) {
        String sku = key("sku");
        return StockReceived.newBuilder().setMetadata(metadata(EventHeaders.metadataOf(anyEvent))).setSku(sku)
                .setTitle("Poison").setArtist("Nobody").setFormat(MediaFormat.VINYL).setQuantity(1)
                .setReceiptId(key("receipt")).setReceivedAt(Instant.now()).build();
    }

    private SpecificRecord refundOf(PaymentTaken taken) {
        return PaymentRefunded.newBuilder().setMetadata(taken.getMetadata()).setOrderId(taken.getOrderId())
                .setPaymentId(taken.getPaymentId()).setAmount(taken.getAmount()).setCustomerId(taken.getCustomerId())
                .setReason("poison").build();
    }

    private static EventMetadata metadata(EventMetadata template) {
        return EventMetadata.newBuilder(template).setEventId(UUID.randomUUID())
                .setCorrelationId(UUID.randomUUID().toString()).setCausationId(null).setOccurredAt(Instant.now()).build();
    }

    private static SpecificRecord with(SpecificRecord event, String field, String value) {
        event.put(event.getSchema().getField(field).pos(), value);
        return event;
    }

    private byte[] serialize(String topic, SpecificRecord event) {
        try (var serializer = new AvroSerializer<SpecificRecord>()) {
            serializer.configure(AvroSerdeConfig.registryConfig(system.registryUrl(), system.registryUserInfo()), false);
            return serializer.serialize(topic, event);
        }
    }

    /** The events of one completed order, one per type: the shapes the poison is cut from. */
    private Map<String, SpecificRecord> templates() {
        shop.receive("POISON-TEMPLATE", 3);
        String orderId = shop.place("poison-template", "tok_visa", List.of(new Shop.Line("POISON-TEMPLATE", 1, 1500)));
        shop.awaitOrder(orderId, "COMPLETED");
        Map<String, SpecificRecord> byType = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            EventLog.readAll(system).stream().filter(w -> w.key().equals(orderId))
                    .forEach(w -> byType.putIfAbsent(w.type(), w.event()));
            return byType.keySet().containsAll(List.of("OrderPlaced", "StockReserved", "PaymentTaken", "OrderDispatched",
                    "PointsAwarded", "OrderCompleted", "NotificationSent"));
        });
        assertThat(byType.get("OrderPlaced")).isInstanceOf(OrderPlaced.class);
        assertThat(byType.get("StockReserved")).isInstanceOf(StockReserved.class);
        assertThat(byType.get("OrderDispatched")).isInstanceOf(OrderDispatched.class);
        assertThat(byType.get("PointsAwarded")).isInstanceOf(PointsAwarded.class);
        assertThat(byType.get("OrderCompleted")).isInstanceOf(OrderCompleted.class);
        assertThat(byType.get("NotificationSent")).isInstanceOf(NotificationSent.class);
        return byType;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading the dead letters

    /** Polls every dead-letter topic once, until each expected (context, key) is there or 60 s passed. */
    private Map<String, Map<String, ConsumerRecord<byte[], byte[]>>> awaitDeadLetters(List<Poison> poisons) {
        Map<String, Map<String, ConsumerRecord<byte[], byte[]>>> dead = new HashMap<>();
        long expected = poisons.stream().mapToLong(p -> p.deadLetteredBy().size()).sum();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> dlqs = READERS.values().stream().flatMap(List::stream).distinct()
                    .map(c -> new TopicPartition(TopicCatalog.deadLetterTopic(c), 0)).toList();
            consumer.assign(dlqs);
            consumer.seekToBeginning(dlqs);
            Map<String, String> contextOf = new HashMap<>();
            dlqs.forEach(tp -> contextOf.put(tp.topic(), tp.topic().substring(0, tp.topic().length() - ".dlq".length())));
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    for (var r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.key() == null) continue;
                        dead.computeIfAbsent(contextOf.get(r.topic()), c -> new HashMap<>())
                                .putIfAbsent(new String(r.key(), StandardCharsets.UTF_8), r);
                    }
                    return poisons.stream().mapToLong(p -> p.deadLetteredBy().stream()
                            .filter(c -> dead.getOrDefault(c, Map.of()).containsKey(p.key())).count()).sum() >= expected;
                });
            } catch (ConditionTimeoutException e) {
                // reported below, per missing dead letter
            }
        }
        return dead;
    }

    /** {@code musiccorp cli dlq list <context> --json}, as README runs it, by key. */
    private Map<String, JsonNode> cliDlqList(String context, SoftAssertions softly) throws IOException, InterruptedException {
        Cli.Result listed = Cli.against(system, "dlq", "list", context, "--json");
        softly.assertThat(listed.exitCode()).as("cli dlq list " + context + " exits 0").isZero();
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (String line : listed.lines()) {
            JsonNode json = Http.JSON.readTree(line);
            byKey.putIfAbsent(json.path("key").asText(), json);
        }
        return byKey;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> readers() {
        Map<String, List<String>> readers = new LinkedHashMap<>();
        readers.put(TopicCatalog.ORDERS_EVENTS, List.of("orders", "warehouse", "payments", "notifications", "saga-status"));
        readers.put(TopicCatalog.WAREHOUSE_EVENTS, List.of("orders", "payments", "loyalty", "notifications", "saga-status"));
        readers.put(TopicCatalog.PAYMENTS_EVENTS, List.of("orders", "warehouse", "notifications", "saga-status"));
        readers.put(TopicCatalog.LOYALTY_EVENTS, List.of("orders", "saga-status"));
        readers.put(TopicCatalog.NOTIFICATIONS_EVENTS, List.of("saga-status"));
        readers.put(TopicCatalog.WAREHOUSE_STOCK, List.of("warehouse"));
        readers.put(TopicCatalog.ORDERS_COMMANDS, List.of("orders"));
        readers.put(TopicCatalog.WAREHOUSE_COMMANDS, List.of("warehouse"));
        return readers;
    }
}
