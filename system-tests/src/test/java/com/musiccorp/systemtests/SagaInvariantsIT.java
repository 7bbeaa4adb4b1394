package com.musiccorp.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.events.StockReserved;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The saga's promises under load and failure: many concurrent multi-line orders compete for scarce
 * stock while payments and then loyalty are killed (SIGKILL) and restarted mid-run. Afterwards no
 * SKU is oversold, every order was charged at most once and only after a reservation, every
 * dispatched order got its points exactly once, and every saga came to rest.
 */
@ExtendWith(RunningSystem.class)
class SagaInvariantsIT {
    private static final List<String> SKUS = List.of("INV-A", "INV-B", "INV-C", "INV-D");
    private static final int RECEIVED_PER_SKU = 12;
    private static final int ORDERS = 40;

    private final RunningSystem.Services system = RunningSystem.get();
    private final Shop shop = new Shop(system);

    @Test
    void concurrentOrdersAcrossCrashesNeverOversellNeverDoubleChargeAndAllComeToRest() throws Exception {
        SKUS.forEach(sku -> shop.receive(sku, RECEIVED_PER_SKU));
        Random random = new Random(42);
        List<Runnable> placements = new ArrayList<>();
        List<String> orderIds = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < ORDERS; i++) {
            List<Shop.Line> lines = new ArrayList<>();
            List<String> skus = new ArrayList<>(SKUS);
            Collections.shuffle(skus, random);
            for (String sku : skus.subList(0, 1 + random.nextInt(3))) {
                lines.add(new Shop.Line(sku, 1 + random.nextInt(3), 1000 + random.nextInt(2000)));
            }
            int dice = random.nextInt(100);
            String token = dice < 10 ? "tok_decline" : dice < 20 ? "tok_transient_2" : dice < 35 ? "tok_slow_800" : "tok_visa";
            String customer = "inv-cust-" + (i % 7);
            placements.add(() -> orderIds.add(shop.place(customer, token, lines)));
        }

        ExecutorService customers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> first = placements.subList(0, ORDERS / 2).stream().map(customers::submit).toList();
            for (Future<?> f : first) f.get();
            // Half the orders are in flight: payments dies mid-charge and comes back on its state.
            List<Future<?>> second = placements.subList(ORDERS / 2, ORDERS).stream().map(customers::submit).toList();
            system.crashAndRestart("payments");
            for (Future<?> f : second) f.get();
            system.crashAndRestart("loyalty");
        } finally {
            customers.shutdownNow();
        }
        assertThat(orderIds).hasSize(ORDERS).doesNotHaveDuplicates();

        Map<String, String> statuses = new java.util.HashMap<>();
        for (String orderId : orderIds) {
            statuses.put(orderId, shop.awaitOrder(orderId, Shop.AT_REST, Duration.ofSeconds(240)).get("status").asText());
        }
        System.out.println("orders at rest: " + statuses.values().stream()
                .collect(java.util.stream.Collectors.groupingBy(s -> s, java.util.stream.Collectors.counting())));

        Map<String, List<EventLog.Written>> events = EventLog.byOrder(EventLog.readAll(system));
        for (String orderId : orderIds) {
            List<EventLog.Written> own = events.getOrDefault(orderId, List.of());
            long taken = count(own, PaymentTaken.class);
            long reserved = count(own, StockReserved.class);
            long dispatched = count(own, OrderDispatched.class);
            long points = count(own, PointsAwarded.class);
            JsonNode ledger = shop.ledger(orderId);
            String which = orderId + " (" + statuses.get(orderId) + ")";

            assertThat(taken).as("PaymentTaken records of " + which).isLessThanOrEqualTo(1);
            assertThat(ledger.get("captured").asInt()).as("captured charges of " + which).isEqualTo((int) taken);
            if (!ledger.path("charges").isEmpty()) {
                assertThat(reserved).as("a charge of " + which + " without a reservation").isEqualTo(1);
            }
            assertThat(points).as("PointsAwarded records of " + which).isEqualTo(dispatched);
            assertThat(dispatched).as("OrderDispatched records of " + which).isLessThanOrEqualTo(1);
            if (statuses.get(orderId).equals("COMPLETED")) {
                assertThat(taken).as("a completed order was paid: " + which).isEqualTo(1);
            }
        }

        for (String sku : SKUS) {
            JsonNode stock = shop.stock(sku);
            int available = stock.get("available").asInt();
            int reserved = stock.get("reserved").asInt();
            int shipped = stock.get("shipped").asInt();
            assertThat(available).as(sku + " available").isNotNegative();
            assertThat(reserved).as(sku + " reserved").isNotNegative();
            assertThat(shipped).as(sku + " shipped").isLessThanOrEqualTo(RECEIVED_PER_SKU);
            assertThat(available + reserved).as(sku + ": reserved + available = received - shipped; " + stock)
                    .isEqualTo(RECEIVED_PER_SKU - shipped);
        }
    }

    private static long count(List<EventLog.Written> events, Class<?> type) {
        return events.stream().filter(w -> type.isInstance(w.event())).count();
    }
}
