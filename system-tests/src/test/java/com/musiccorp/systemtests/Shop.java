package com.musiccorp.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a customer and an operator do, through the one base URL ({@code api}) only, as README tells
 * them to; the payment gateway is an outside system with its own address.
 */
final class Shop {
    /** Where a saga can come to rest: ended, or waiting for a person. */
    static final Set<String> AT_REST = Set.of("COMPLETED", "CANCELLED", "NEEDS_ATTENTION");

    private final RunningSystem.Services system;

    Shop(RunningSystem.Services system) {
        this.system = system;
    }

    /** One line of an order: a SKU, how many, and the unit price in minor units. */
    record Line(String sku, int quantity, long unitPriceMinor) {
    }

    void receive(String sku, int quantity) {
        Http.Answer answer = Http.post(system.url("api") + "/stock/" + sku + "/receipts", Map.of(
                "title", "Title of " + sku, "artist", "Artist", "format", "VINYL", "quantity", quantity), null);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
    }

    void adjust(String sku, int delta, String reason) {
        Http.Answer answer = Http.post(system.url("api") + "/stock/" + sku + "/adjustments",
                Map.of("quantityDelta", delta, "reason", reason), null);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
    }

    /** Places an order and returns its id; a 503 (store or broker busy) is retried as its Retry-After asks. */
    String place(String customerId, String token, List<Line> lines) {
        return place(customerId, token, lines, "NW8 9AY");
    }

    /**
     * The name every order of {@code customerId} carries: a person's, not a phrase a log line naming
     * the customer's id could contain ("Customer c-1: keys destroyed").
     */
    static String nameOf(String customerId) {
        return "Ada " + customerId + " Lovelace";
    }

    /** {@code POST /orders}'s body, as README's example writes it. */
    static Map<String, Object> orderBody(String customerId, List<Line> lines, String postalCode, String token) {
        List<Map<String, Object>> body = new ArrayList<>();
        for (Line l : lines) {
            body.add(Map.of("sku", l.sku(), "title", "Title of " + l.sku(), "artist", "Artist", "format", "VINYL",
                    "quantity", l.quantity(), "unitPriceMinor", l.unitPriceMinor()));
        }
        return Map.of(
                "customerId", customerId, "customerName", nameOf(customerId),
                "customerEmail", customerId + "@example.com", "lines", body, "currency", "GBP",
                "shippingAddress", Map.of("name", nameOf(customerId), "line1", "3 Abbey Road", "city", "London",
                        "postalCode", postalCode, "countryCode", "GB"),
                "paymentMethodToken", token);
    }

    /** With a postal code of {@code NOVAN <n>} the simulated carrier has no van for the first n attempts. */
    String place(String customerId, String token, List<Line> lines, String postalCode) {
        Map<String, Object> order = orderBody(customerId, lines, postalCode, token);
        String key = customerId + "-" + System.nanoTime();
        AtomicReference<Http.Answer> placed = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            placed.set(Http.post(system.url("api") + "/orders", order, key));
            return placed.get().status() != 503;
        });
        assertThat(placed.get().status()).as(placed.get().raw().body()).isEqualTo(202);
        return placed.get().body().get("orderId").asText();
    }

    /** The order as {@code GET /orders/{id}} shows it once its status is one of {@code statuses}. */
    JsonNode awaitOrder(String orderId, Set<String> statuses, Duration atMost) {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        await().atMost(atMost).pollInterval(Duration.ofMillis(300)).until(() -> {
            Http.Answer answer = Http.get(system.url("api") + "/orders/" + orderId);
            if (answer.status() != 200) return false;
            seen.set(answer.body());
            return statuses.contains(answer.body().get("status").asText());
        });
        return seen.get();
    }

    JsonNode awaitOrder(String orderId, String status) {
        return awaitOrder(orderId, Set.of(status), Duration.ofSeconds(90));
    }

    /** An operator's command: 202 once it is durably queued for the owning context. */
    void operator(String path, Object body, String idempotencyKey) {
        Http.Answer answer = Http.post(system.url("api") + path, body, idempotencyKey);
        assertThat(answer.status()).as(path + ": " + answer.raw().body()).isEqualTo(202);
    }

    /** The saga of an order as saga-status shows it, once its status is {@code status}. */
    JsonNode awaitSaga(String orderId, String status) {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Http.Answer answer = Http.get(system.url("api") + "/sagas/by-order/" + orderId);
            if (answer.status() != 200) return false;
            seen.set(answer.body());
            return answer.body().get("status").asText().equals(status);
        });
        return seen.get();
    }

    /** The event types of a saga's timeline, in the order saga-status puts them. */
    static List<String> timeline(JsonNode saga) {
        List<String> types = new ArrayList<>();
        saga.get("timeline").forEach(step -> types.add(step.get("eventType").asText()));
        return types;
    }

    JsonNode stock(String sku) {
        Http.Answer answer = Http.get(system.url("api") + "/stock/" + sku);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.body();
    }

    JsonNode ledger(String orderId) {
        Http.Answer answer = Http.get(system.url("payment-gateway") + "/ledger?orderId=" + orderId);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.body();
    }

    /** The event types of an order's history as orders shows it. */
    static List<String> history(JsonNode order) {
        List<String> types = new ArrayList<>();
        order.get("history").forEach(h -> types.add(h.get("eventType").asText()));
        return types;
    }
}
