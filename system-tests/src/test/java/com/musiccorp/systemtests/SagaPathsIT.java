package com.musiccorp.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.EventRejected;
import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.avro.AvroSerializer;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.AckedPublisher;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every path of the order saga, end to end through every service as the start command runs them:
 * the customer and the operator use only the HTTP APIs, and what they see is what is asserted.
 */
@ExtendWith(RunningSystem.class)
class SagaPathsIT {
    private final RunningSystem.Services system = RunningSystem.get();
    private final Shop shop = new Shop(system);

    @Test
    void anOrderWithStockAndAGoodCardIsCompletedWithPointsAndMessages() {
        shop.receive("HAPPY-1", 10);
        shop.receive("HAPPY-2", 10);
        String orderId = shop.place("happy-cust", "tok_visa", List.of(new Shop.Line("HAPPY-1", 2, 2499),
                new Shop.Line("HAPPY-2", 1, 1000)));

        JsonNode order = shop.awaitOrder(orderId, "COMPLETED");
        assertThat(Shop.history(order)).containsExactly("OrderPlaced", "StockReserved", "PaymentTaken",
                "OrderPackaged", "OrderDispatched", "PointsAwarded", "OrderCompleted");
        assertThat(shop.ledger(orderId).get("captured").asInt()).isEqualTo(1);
        assertThat(shop.stock("HAPPY-1").get("shipped").asInt()).isEqualTo(2);
        assertThat(shop.stock("HAPPY-1").get("available").asInt()).isEqualTo(8);
        JsonNode balance = Http.get(system.url("api") + "/loyalty/happy-cust").body();
        assertThat(balance.get("balance").asInt()).isEqualTo(59); // 59.98 GBP, free shipping from 50
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(templates(orderId))
                .contains("ORDER_CONFIRMATION", "ORDER_DISPATCHED"));

        JsonNode saga = shop.awaitSaga(orderId, "COMPLETED");
        assertThat(saga.get("correlationId").asText()).isNotEqualTo(orderId);
        assertThat(Shop.timeline(saga)).containsSubsequence("OrderPlaced", "StockReserved", "PaymentTaken",
                "OrderPackaged", "OrderDispatched", "PointsAwarded", "OrderCompleted");
        assertThat(saga.has("failureReason")).isFalse();
        assertThat(Http.get(system.url("api") + "/sagas/" + saga.get("correlationId").asText()).body().get("orderId").asText())
                .isEqualTo(orderId);
        JsonNode choreography = Http.get(system.url("api") + "/choreography").body();
        assertThat(choreography.toString()).contains("OrderPlaced", "StockReserved");
    }

    @Test
    void aSecondPaymentTakenForAPaidOrderIsRefusedWithTheReasonRecordedAndChangesNothing() throws Exception {
        shop.receive("TWICE-1", 3);
        String orderId = shop.place("twice-cust", "tok_visa", List.of(new Shop.Line("TWICE-1", 1, 2000)));
        shop.awaitOrder(orderId, "COMPLETED");
        PaymentTaken original = (PaymentTaken) EventLog.readAll(system).stream()
                .filter(w -> w.key().equals(orderId) && w.event() instanceof PaymentTaken).findFirst().orElseThrow().event();

        // The same payment again under another event id: an illegal transition, not a redelivery.
        PaymentTaken forged = PaymentTaken.newBuilder(original)
                .setMetadata(EventMetadata.newBuilder(original.getMetadata()).setEventId(UUID.randomUUID()).build())
                .setPaymentId("forged-" + original.getPaymentId()).build();
        try (var serializer = new AvroSerializer<SpecificRecord>();
             var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", system.bootstrapServers()),
                     new StringSerializer(), serializer)) {
            serializer.configure(AvroSerdeConfig.registryConfig(system.registryUrl(), system.registryUserInfo()), false);
            producer.send(AckedPublisher.eventRecord(TopicCatalog.PAYMENTS_EVENTS, orderId, forged)).get();
        }

        String forgedId = forged.getMetadata().getEventId().toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(EventLog.readAll(system).stream()
                .filter(w -> w.key().equals(orderId) && w.event() instanceof EventRejected r
                        && r.getRejectedEventId().equals(forgedId)))
                .as("orders and the warehouse each record why they refused it")
                .extracting(EventLog.Written::topic)
                .contains(TopicCatalog.ORDERS_EVENTS, TopicCatalog.WAREHOUSE_EVENTS));
        assertThat(shop.awaitOrder(orderId, "COMPLETED").get("status").asText()).isEqualTo("COMPLETED");
        assertThat(shop.ledger(orderId).get("captured").asInt()).isEqualTo(1);
        assertThat(shop.stock("TWICE-1").get("shipped").asInt()).isEqualTo(1);
    }

    @Test
    void anOrderShortOfStockIsCancelledWithoutAnyChargeAttempted() {
        shop.receive("SHORT-1", 1);
        String orderId = shop.place("short-cust", "tok_visa", List.of(new Shop.Line("SHORT-1", 3, 1500)));

        JsonNode order = shop.awaitOrder(orderId, "CANCELLED");
        assertThat(order.get("cancellationCode").asText()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(order.get("cancellationReason").asText()).contains("SHORT-1", "short by 2");
        assertThat(shop.ledger(orderId).path("charges")).as("no charge attempted").isEmpty();
        assertThat(shop.stock("SHORT-1").get("available").asInt()).isEqualTo(1);
        assertThat(Shop.history(order)).doesNotContain("PaymentTaken", "PaymentFailed", "OrderPackaged");

        JsonNode saga = shop.awaitSaga(orderId, "CANCELLED");
        assertThat(saga.get("failureReason").asText()).contains("SHORT-1");
        assertThat(Shop.timeline(saga)).containsSubsequence("OrderPlaced", "StockInsufficient", "OrderCancelled")
                .doesNotContain("PaymentTaken", "PaymentFailed");
    }

    @Test
    void aDeclinedPaymentReleasesTheStockAndCancelsTheOrder() {
        shop.receive("DECLINE-1", 5);
        String orderId = shop.place("declined-cust", "tok_decline", List.of(new Shop.Line("DECLINE-1", 2, 1500)));

        JsonNode order = shop.awaitOrder(orderId, "CANCELLED");
        assertThat(order.get("cancellationCode").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(Shop.history(order)).contains("StockReserved", "PaymentFailed", "StockReleased")
                .doesNotContain("PaymentTaken", "OrderPackaged", "OrderDispatched", "PointsAwarded");
        assertThat(shop.ledger(orderId).get("captured").asInt()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(shop.stock("DECLINE-1").get("available").asInt()).isEqualTo(5);
            assertThat(shop.stock("DECLINE-1").get("reserved").asInt()).isZero();
        });
        assertThat(Http.get(system.url("api") + "/loyalty/declined-cust").status()).isEqualTo(404);

        JsonNode saga = shop.awaitSaga(orderId, "CANCELLED");
        assertThat(saga.get("failureReason").asText()).containsIgnoringCase("declined");
        assertThat(saga.get("compensations").findValuesAsText("eventType")).contains("StockReleased");
    }

    @Test
    void anItemMissingAtPackingIsRefundedReleasedCancelledAndApologisedFor() {
        shop.receive("MISSING-A", 2);
        shop.receive("MISSING-B", 3);
        // The gateway answers after 5 s: time for the shelf count to land between reservation and packing.
        String orderId = shop.place("missing-cust", "tok_slow_5000", List.of(new Shop.Line("MISSING-A", 2, 1200),
                new Shop.Line("MISSING-B", 1, 800)));
        shop.awaitOrder(orderId, "RESERVED");
        shop.adjust("MISSING-A", -1, "shelf count: one copy damaged");

        JsonNode order = shop.awaitOrder(orderId, "CANCELLED");
        assertThat(order.get("cancellationCode").asText()).isEqualTo("ITEM_NOT_FOUND");
        assertThat(Shop.history(order)).contains("PaymentTaken", "ItemNotFound", "StockReleased", "PaymentRefunded")
                .doesNotContain("OrderPackaged", "OrderDispatched", "PointsAwarded");
        JsonNode charge = shop.ledger(orderId).get("charges").get(0);
        assertThat(charge.hasNonNull("refundKey")).as("refunded: " + charge).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(shop.stock("MISSING-A").get("available").asInt()).isEqualTo(1);
            assertThat(shop.stock("MISSING-B").get("available").asInt()).isEqualTo(3);
            // the confirmation cannot be unsent, so a second message says what went wrong
            assertThat(templates(orderId)).contains("ORDER_CONFIRMATION", "ORDER_PROBLEM_APOLOGY");
        });
        JsonNode saga = shop.awaitSaga(orderId, "CANCELLED");
        assertThat(saga.get("failureReason").asText()).contains("MISSING-A");
        assertThat(saga.get("compensations").findValuesAsText("eventType")).contains("StockReleased", "PaymentRefunded");
    }

    @Test
    void aFailedDispatchWaitsForAPersonAndAnOperatorsRetryShipsIt() {
        shop.receive("NOVAN-1", 4);
        String orderId = shop.place("novan-cust", "tok_visa", List.of(new Shop.Line("NOVAN-1", 1, 3000)), "NOVAN 3");

        JsonNode stuck = shop.awaitOrder(orderId, "NEEDS_ATTENTION");
        assertThat(Shop.history(stuck)).contains("DispatchDelayed", "DispatchFailed");
        JsonNode attention = shop.awaitSaga(orderId, "NEEDS_ATTENTION");
        assertThat(attention.get("failureReason").asText()).contains("NOVAN 3");
        shop.operator("/fulfilments/" + orderId + "/dispatch-retries", "", "retry-" + orderId);

        JsonNode order = shop.awaitOrder(orderId, "COMPLETED");
        assertThat(Shop.history(order)).containsSubsequence("DispatchFailed", "OrderDispatched", "PointsAwarded", "OrderCompleted");
        assertThat(shop.stock("NOVAN-1").get("shipped").asInt()).isEqualTo(1);
        assertThat(Shop.timeline(shop.awaitSaga(orderId, "COMPLETED"))).containsSubsequence("DispatchFailed", "OrderDispatched");
    }

    @Test
    void anOperatorCancelsAnOrderWhoseDispatchFailedAndTheCustomerIsRefunded() {
        shop.receive("NOVAN-2", 4);
        String orderId = shop.place("novan-cancel", "tok_visa", List.of(new Shop.Line("NOVAN-2", 2, 2000)), "NOVAN 99");
        shop.awaitOrder(orderId, "NEEDS_ATTENTION");
        shop.operator("/orders/" + orderId + "/cancellation", java.util.Map.of("reason", "the carrier cannot reach the address"),
                "cancel-" + orderId);

        JsonNode order = shop.awaitOrder(orderId, "CANCELLED");
        assertThat(order.get("cancellationCode").asText()).isEqualTo("DISPATCH_FAILED");
        assertThat(order.get("cancellationReason").asText()).contains("the carrier cannot reach the address");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(shop.stock("NOVAN-2").get("available").asInt()).isEqualTo(4);
            JsonNode charge = shop.ledger(orderId).get("charges").get(0);
            assertThat(charge.hasNonNull("refundKey")).as("refunded: " + charge).isTrue();
            assertThat(templates(orderId)).contains("ORDER_CANCELLED");
        });
        assertThat(Http.get(system.url("api") + "/loyalty/novan-cancel").status()).isEqualTo(404);
        JsonNode saga = shop.awaitSaga(orderId, "CANCELLED");
        assertThat(saga.get("compensations").findValuesAsText("eventType")).contains("StockReleased", "PaymentRefunded");
    }

    @Test
    void oneBaseUrlRoutesToTheOwnerWhoseAnswersPassThroughAndEachServiceStillAnswersDirectly() {
        String api = system.url("api");
        Http.Answer unknownOrder = Http.get(api + "/orders/no-such-order");
        assertThat(unknownOrder.status()).isEqualTo(404);
        assertThat(unknownOrder.body().get("message").asText()).contains("no order no-such-order");
        assertThat(Http.get(system.url("orders") + "/orders/no-such-order").status()).isEqualTo(404);

        Http.Answer refused = Http.post(api + "/orders", "{\"lines\": []}", null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("violations").findValuesAsText("field")).contains("customerId", "lines");

        Http.Answer nobody = Http.get(api + "/no/such/view");
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.body().get("message").asText()).contains("no service serves /no/such/view");
        assertThat(Http.get(api + "/").body().findValuesAsText("prefix"))
                .contains("/orders", "/stock", "/fulfilments", "/loyalty", "/sagas", "/choreography");
        assertThat(Http.get(api + "/health/ready").status()).isEqualTo(200);
    }

    /** The templates of the messages notifications recorded as sent for the order. */
    private List<String> templates(String orderId) {
        return EventLog.readAll(system).stream()
                .filter(w -> w.key().equals(orderId) && w.event() instanceof NotificationSent)
                .map(w -> ((NotificationSent) w.event()).getTemplate().toString())
                .toList();
    }
}
