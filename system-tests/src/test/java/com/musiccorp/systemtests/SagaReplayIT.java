package com.musiccorp.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replay on the whole running system, through the one base URL: after many sagas (every path the
 * suite has run so far, plus a mix here) have come to rest, orders' store is rebuilt from the event
 * topics beside the live one and saga-status is rebuilt into a new generation that takes over. Both
 * rebuilt states have the live state's digest (also after a customer's personal data was erased), not one event is written to any event topic
 * meanwhile, and the system goes on deciding new orders afterwards.
 */
@ExtendWith(RunningSystem.class)
class SagaReplayIT {

    private final RunningSystem.Services system = RunningSystem.get();
    private final Shop shop = new Shop(system);

    @Test
    void rebuiltStatesEqualTheLiveOnesByDigestAndTheReplayWritesNoEvent() {
        shop.receive("RPL-A", 20);
        shop.receive("RPL-B", 3);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String token = i % 5 == 4 ? "tok_decline" : "tok_visa";
            int quantity = i % 6 == 5 ? 9 : 1; // more RPL-B than there is: insufficient stock
            orders.add(shop.place("rpl-cust-" + (i % 4), token,
                    List.of(new Shop.Line("RPL-A", 1, 1500), new Shop.Line("RPL-B", quantity, 900))));
        }
        for (String orderId : orders) {
            shop.awaitOrder(orderId, Shop.AT_REST, Duration.ofSeconds(120));
        }
        // One customer asks to be forgotten first: the rebuild must still equal the live state.
        Http.Answer erased = Http.send("DELETE", api("/customers/rpl-cust-3/personal-data"));
        assertThat(erased.status()).as(erased.raw().body()).isEqualTo(200);
        Map<TopicPartition, Long> quiet = awaitQuietEventTopics();
        JsonNode ordersDigest = awaitOk("/admin/orders/digest");
        JsonNode sagasDigest = awaitOk("/admin/saga-status/digest");
        assertThat(ordersDigest.get("stores").get("orders-store").get("entries").asLong()).isGreaterThanOrEqualTo(12);

        Http.Answer ordersRebuild = Http.post(api("/admin/orders/rebuild"), "{}", null);
        assertThat(ordersRebuild.status()).as(ordersRebuild.raw().body()).isEqualTo(202);
        Http.Answer sagasRebuild = Http.post(api("/admin/saga-status/rebuild"), "{}", null);
        assertThat(sagasRebuild.status()).as(sagasRebuild.raw().body()).isEqualTo(202);
        assertThat(Http.get(api("/orders/" + orders.getFirst())).status()).as("the live state serves meanwhile")
                .isEqualTo(200);

        JsonNode ordersDone = awaitRebuild("orders", s -> s.get("phase").asText().equals("CAUGHT_UP"));
        for (String orderId : orders) { // the views first: a difference names the order
            JsonNode live = Http.get(api("/orders/" + orderId)).body();
            JsonNode rebuilt = Http.get(api("/admin/orders/rebuild/view/" + orderId)).body();
            assertThat(rebuilt.get("status")).as(orderId + "\nlive:    " + live + "\nrebuilt: " + rebuilt)
                    .isEqualTo(live.get("status"));
            assertThat(rebuilt.get("history").size()).as(orderId + "\nlive:    " + live + "\nrebuilt: " + rebuilt)
                    .isEqualTo(live.get("history").size());
            assertThat(rebuilt.get("personalData")).as(orderId + " (rpl-cust-3 erased)\nlive:    " + live + "\nrebuilt: " + rebuilt)
                    .isEqualTo(live.get("personalData"));
            assertThat(live.get("personalData").asText()).isEqualTo(
                    live.get("customerId").asText().equals("rpl-cust-3") ? "erased" : "shown");
            JsonNode liveEntry = Http.get(api("/admin/orders/digest/entries/" + orderId)).body();
            JsonNode rebuiltEntry = Http.get(api("/admin/orders/digest/entries/" + orderId + "?of=rebuild")).body();
            assertThat(rebuiltEntry).as(orderId + " as the digests see it").isEqualTo(liveEntry);
        }
        assertThat(ordersDone.get("digest")).as("orders rebuilt from the topics = the live orders store")
                .isEqualTo(ordersDigest);
        assertThat(awaitOk("/admin/orders/digest?of=rebuild")).isEqualTo(ordersDigest);
        assertThat(ordersDone.get("serving").asText()).as("a processor's rebuild does not take over")
                .isEqualTo("musiccorp-orders");
        JsonNode sagasDone = awaitRebuild("saga-status", s -> s.get("phase").asText().equals("SWITCHED"));
        assertThat(sagasDone.get("digest")).isEqualTo(sagasDigest);
        assertThat(awaitOk("/admin/saga-status/digest")).isEqualTo(sagasDigest);
        assertThat(sagasDone.get("eventsDone").asLong()).isPositive();

        assertThat(endOffsets()).as("a replay writes no event").isEqualTo(quiet);

        Http.Answer discarded = Http.send("DELETE", api("/admin/orders/rebuild"));
        assertThat(discarded.body().get("phase").asText()).isEqualTo("DISCARDED");

        // The system goes on: a new order is decided by orders and folded by saga-status's new generation.
        String after = shop.place("rpl-cust-after", "tok_visa", List.of(new Shop.Line("RPL-A", 1, 1500)));
        shop.awaitOrder(after, "COMPLETED");
        shop.awaitSaga(after, "COMPLETED");
    }

    private String api(String path) {
        return system.url("api") + path;
    }

    private JsonNode awaitOk(String path) {
        AtomicReference<JsonNode> body = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Http.Answer answer = Http.get(api(path));
            body.set(answer.body());
            return answer.status() == 200;
        });
        return body.get();
    }

    private JsonNode awaitRebuild(String context, Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Http.Answer answer = Http.get(api("/admin/" + context + "/rebuild"));
            if (answer.status() != 200) return false;
            seen.set(answer.body());
            assertThat(answer.body().get("phase").asText()).as(answer.raw().body()).isNotIn("FAILED", "DISCARDED");
            return condition.test(answer.body());
        });
        return seen.get();
    }

    /** The event topics' ends once nothing has been written for a while (retries and timers done). */
    private Map<TopicPartition, Long> awaitQuietEventTopics() {
        AtomicReference<Map<TopicPartition, Long>> last = new AtomicReference<>(Map.of());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Map<TopicPartition, Long> now = endOffsets();
            return now.equals(last.getAndSet(now));
        });
        return last.get();
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = EventLog.SAGA_TOPICS.stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            return consumer.endOffsets(partitions);
        }
    }
}
