package com.musiccorp.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Personal data in permanent topics is sealed under each customer's key, and erasing a customer
 * (crypto-shredding) destroys that key: from then on every view and {@code cli tail} show the
 * fields as erased, while the order, its saga and every event stay whole. (A rebuild after an
 * erasure ends with equal digests: {@link SagaReplayIT} erases a customer before it rebuilds.)
 */
@ExtendWith(RunningSystem.class)
class PersonalDataErasureIT {

    private static final String ERASED = "erase-cust";
    private static final String KEPT = "keep-cust";

    private final RunningSystem.Services system = RunningSystem.get();
    private final Shop shop = new Shop(system);

    @Test
    void personalDataIsSealedEverywhereAndErasingACustomerLeavesTheirSagasWhole() throws Exception {
        shop.receive("GDPR-1", 5);
        String erasedOrder = shop.place(ERASED, "tok_visa", List.of(new Shop.Line("GDPR-1", 1, 1500)));
        String keptOrder = shop.place(KEPT, "tok_visa", List.of(new Shop.Line("GDPR-1", 1, 1500)));
        JsonNode before = shop.awaitOrder(erasedOrder, "COMPLETED");
        shop.awaitOrder(keptOrder, "COMPLETED");
        JsonNode sagaBefore = shop.awaitSaga(erasedOrder, "COMPLETED");

        // Whoever may see it sees it in the clear, and the mail provider was handed the real address.
        assertThat(before.get("personalData").asText()).isEqualTo("shown");
        assertThat(before.get("customerEmail").asText()).isEqualTo(ERASED + "@example.com");
        assertThat(before.path("shippingAddress").path("line1").asText()).isEqualTo("3 Abbey Road");
        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox().contains(ERASED + "@example.com"));

        // No topic (events, commands, changelogs, repartitions, dead letters) holds it in the clear.
        Map<String, List<String>> clear = clearTextOf(Set.of(erasedOrder, keptOrder),
                List.of(ERASED + "@example.com", Shop.nameOf(ERASED), KEPT + "@example.com", "Abbey Road"));
        assertThat(clear).as("records of the two orders with personal data in the clear").isEmpty();

        // Only an admin erases.
        String path = system.url("api") + "/customers/" + ERASED + "/personal-data";
        assertThat(Http.as(null).send("DELETE", path).status()).isEqualTo(401);
        assertThat(Http.as(system.credentials().operatorToken()).send("DELETE", path).status()).isEqualTo(403);
        Http.Answer erased = Http.send("DELETE", path);
        assertThat(erased.status()).as(erased.raw().body()).isEqualTo(200);
        assertThat(erased.body().get("keysDestroyed").asInt()).isEqualTo(1);
        assertThat(Http.send("DELETE", path).body().get("keysDestroyed").asInt()).as("idempotent").isZero();

        // The order and its saga stay whole; only the personal fields are gone.
        JsonNode after = Http.get(system.url("api") + "/orders/" + erasedOrder).body();
        assertThat(after.get("personalData").asText()).isEqualTo("erased");
        assertThat(after.path("customerName").isTextual()).as("customerName is gone").isFalse();
        assertThat(after.path("customerEmail").isTextual()).as("customerEmail is gone").isFalse();
        assertThat(after.path("shippingAddress").path("line1").isTextual()).as("line1 is gone").isFalse();
        assertThat(after.toString()).doesNotContain(ERASED + "@example.com", "Abbey Road", "pii:1:");
        assertThat(after.path("shippingAddress").path("city").asText()).isEqualTo("London");
        assertThat(after.get("status")).isEqualTo(before.get("status"));
        assertThat(after.get("history")).isEqualTo(before.get("history"));
        assertThat(after.get("totalMinor")).isEqualTo(before.get("totalMinor"));
        assertThat(Shop.timeline(Http.get(system.url("api") + "/sagas/by-order/" + erasedOrder).body()))
                .isEqualTo(Shop.timeline(sagaBefore));
        JsonNode kept = Http.get(system.url("api") + "/orders/" + keptOrder).body();
        assertThat(kept.get("personalData").asText()).isEqualTo("shown");
        assertThat(kept.get("customerEmail").asText()).isEqualTo(KEPT + "@example.com");

        // cli tail shows the erased customer's fields as erased, the other's opened.
        Map<String, JsonNode> placed = new HashMap<>();
        Cli.Result tail = Cli.against(system, "tail", "orders.events", "--from-beginning", "--no-follow", "--type", "OrderPlaced", "--json");
        assertThat(tail.exitCode()).isZero();
        for (String line : tail.lines()) {
            JsonNode record = Http.JSON.readTree(line);
            placed.put(record.path("key").asText(), record.path("value"));
        }
        assertThat(placed.get(erasedOrder).path("customer").path("email").asText()).isEqualTo("[erased]");
        assertThat(placed.get(erasedOrder).path("shippingAddress").path("line1").asText()).isEqualTo("[erased]");
        assertThat(placed.get(erasedOrder).path("shippingAddress").path("postalCode").asText()).isEqualTo("NW8 9AY");
        assertThat(placed.get(keptOrder).path("customer").path("email").asText()).isEqualTo(KEPT + "@example.com");
    }

    /** Every record keyed by one of {@code orderIds}, in every topic, committed or not, that contains one of {@code texts}. */
    private Map<String, List<String>> clearTextOf(Set<String> orderIds, List<String> texts) throws Exception {
        Map<String, List<String>> found = new HashMap<>();
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", system.bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        }
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null || orderIds.stream().noneMatch(key::contains)) continue;
                    String value = new String(r.value(), StandardCharsets.UTF_8);
                    texts.stream().filter(value::contains)
                            .forEach(t -> found.computeIfAbsent(r.topic() + "@" + r.offset(), k -> new ArrayList<>()).add(t));
                }
            }
        }
        return found;
    }

    private String mailbox() throws IOException {
        try (Stream<Path> files = Files.walk(system.home())) {
            StringBuilder all = new StringBuilder();
            for (Path p : files.filter(f -> f.getFileName().toString().equals("mailbox.log")).toList()) {
                all.append(Files.readString(p, StandardCharsets.UTF_8));
            }
            return all.toString();
        }
    }
}
