package com.musiccorp.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockReserved;
import com.musiccorp.platform.streams.EventHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga's promises under load and failure: many concurrent multi-line orders compete for scarce
 * stock while others order a plentiful SKU, and payments (while a charge is in flight) and then
 * loyalty are killed (SIGKILL) and restarted mid-run. Afterwards, with every saga at rest and read
 * back from the topics: the outcome mix is the one the orders call for (every plentiful order paid
 * with a good token completed, every {@code tok_decline} one declined, scarce stock ran short for
 * some), the kill hit sagas in flight, no SKU is oversold and none keeps a reservation, every order
 * was placed once, ended once, charged at most once and only after a reservation, and every
 * dispatched order got its points exactly once.
 */
@ExtendWith(RunningSystem.class)
class SagaInvariantsIT {
    private static final List<String> SCARCE = List.of("INV-A", "INV-B", "INV-C", "INV-D");
    private static final String PLENTIFUL = "INV-P";
    private static final int RECEIVED_PER_SCARCE_SKU = 12;
    private static final int RECEIVED_PLENTIFUL = 1000;
    private static final int ORDERS = 40;
    private static final String DECLINE = "tok_decline";

    private final RunningSystem.Services system = RunningSystem.get();
    private final Shop shop = new Shop(system);

    /** What one order asks for; {@code plentiful} orders cannot run short of stock. */
    private record Planned(int index, String customer, String token, List<Shop.Line> lines, boolean plentiful) {
    }

    @Test
    void concurrentOrdersAcrossCrashesNeverOversellNeverDoubleChargeAndAllComeToRest() throws Exception {
        SCARCE.forEach(sku -> shop.receive(sku, RECEIVED_PER_SCARCE_SKU));
        shop.receive(PLENTIFUL, RECEIVED_PLENTIFUL);
        List<Planned> plan = plan();

        // The mix is fixed by the seed: check here what it promises, so the assertions below cannot be vacuous.
        Map<String, Integer> scarceDemandPaying = new TreeMap<>();
        plan.stream().filter(p -> !p.plentiful() && !p.token().equals(DECLINE)).flatMap(p -> p.lines().stream())
                .forEach(l -> scarceDemandPaying.merge(l.sku(), l.quantity(), Integer::sum));
        assertThat(scarceDemandPaying.values()).as("orders with a good token ask more of some scarce SKU than it has: "
                + scarceDemandPaying).anyMatch(demand -> demand > RECEIVED_PER_SCARCE_SKU);
        assertThat(plan).as("plentiful orders with a good token").anyMatch(p -> p.plentiful() && !p.token().equals(DECLINE));
        assertThat(plan).as("plentiful orders with tok_decline").anyMatch(p -> p.plentiful() && p.token().equals(DECLINE));

        Map<String, Planned> planOf = new ConcurrentHashMap<>();
        List<String> orderIds = Collections.synchronizedList(new ArrayList<>());
        List<Runnable> placements = plan.stream().<Runnable>map(p -> () -> {
            String orderId = shop.place(p.customer(), p.token(), p.lines());
            planOf.put(orderId, p);
            orderIds.add(orderId);
        }).toList();

        Instant killedAt;
        List<String> placedBeforeKill;
        ExecutorService customers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> first = placements.subList(0, ORDERS / 2).stream().map(customers::submit).toList();
            for (Future<?> f : first) f.get();
            List<Future<?>> second = placements.subList(ORDERS / 2, ORDERS).stream().map(customers::submit).toList();
            // Kill payments while a placed saga waits for its charge (RESERVED: stock held, payment to take).
            await("a placed saga waiting for its payment").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        for (String orderId : List.copyOf(orderIds)) {
                            Http.Answer answer = Http.get(system.url("api") + "/orders/" + orderId);
                            if (answer.status() == 200 && answer.body().get("status").asText().equals("RESERVED")) return true;
                        }
                        return false;
                    });
            placedBeforeKill = List.copyOf(orderIds);
            killedAt = Instant.now();
            system.crashAndRestart("payments");
            for (Future<?> f : second) f.get();
            system.crashAndRestart("loyalty");
        } finally {
            customers.shutdownNow();
        }
        assertThat(orderIds).hasSize(ORDERS).doesNotHaveDuplicates();

        Map<String, String> statuses = new HashMap<>();
        for (String orderId : orderIds) {
            statuses.put(orderId, shop.awaitOrder(orderId, Shop.AT_REST, Duration.ofSeconds(240)).get("status").asText());
        }
        System.out.println("orders at rest: " + statuses.values().stream()
                .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting())));

        // At rest, no reservation is left on any SKU (a released or shipped reservation may land just after the
        // order's own status; nothing else is running).
        for (String sku : allSkus()) {
            await(sku + " reserved == 0 at rest").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(shop.stock(sku).get("reserved").asInt())
                            .as(sku + " reserved at rest: " + shop.stock(sku)).isZero());
        }

        // Counted from the topics, once everything is at rest (no window that a late duplicate could miss).
        Map<String, List<EventLog.Written>> events = EventLog.byOrder(EventLog.readAll(system));
        Map<String, Long> mix = new TreeMap<>();
        List<String> hitInFlight = new ArrayList<>();
        for (String orderId : orderIds) {
            List<EventLog.Written> own = events.getOrDefault(orderId, List.of());
            Planned planned = planOf.get(orderId);
            String status = statuses.get(orderId);
            String which = orderId + " (" + status + ", " + planned + ")";
            long placed = count(own, OrderPlaced.class);
            long completed = count(own, OrderCompleted.class);
            long cancelled = count(own, OrderCancelled.class);
            long taken = count(own, PaymentTaken.class);
            long refunded = count(own, PaymentRefunded.class);
            long reserved = count(own, StockReserved.class);
            long insufficient = count(own, StockInsufficient.class);
            long dispatched = count(own, OrderDispatched.class);
            long points = count(own, PointsAwarded.class);
            JsonNode ledger = shop.ledger(orderId);

            assertThat(placed).as("OrderPlaced records of " + which).isEqualTo(1);
            assertThat(completed + cancelled).as("terminal events (OrderCompleted, OrderCancelled) of " + which).isEqualTo(1);
            assertThat(taken).as("PaymentTaken records of " + which).isLessThanOrEqualTo(1);
            assertThat(ledger.get("captured").asInt()).as("captured charges of " + which).isEqualTo((int) taken);
            if (!ledger.path("charges").isEmpty()) {
                assertThat(reserved).as("a charge of " + which + " without a reservation").isEqualTo(1);
            }
            assertThat(points).as("PointsAwarded records of " + which).isEqualTo(dispatched);
            assertThat(dispatched).as("OrderDispatched records of " + which).isLessThanOrEqualTo(1);

            String outcome;
            switch (status) {
                case "COMPLETED" -> {
                    assertThat(completed).as("OrderCompleted of " + which).isEqualTo(1);
                    assertThat(taken).as("a completed order was paid: " + which).isEqualTo(1);
                    assertThat(refunded).as("a completed order was not refunded: " + which).isZero();
                    assertThat(dispatched).as("a completed order was dispatched: " + which).isEqualTo(1);
                    assertThat(planned.token()).as("a declined token completed: " + which).isNotEqualTo(DECLINE);
                    outcome = "completed";
                }
                case "CANCELLED" -> {
                    OrderCancelled cancellation = (OrderCancelled) own.stream().map(EventLog.Written::event)
                            .filter(OrderCancelled.class::isInstance).findFirst().orElseThrow();
                    assertThat(taken).as("a cancelled order nets to zero: " + which).isEqualTo(refunded);
                    CancellationReason reason = cancellation.getReasonCode();
                    if (reason == CancellationReason.INSUFFICIENT_STOCK) {
                        assertThat(planned.plentiful()).as("short of a plentiful SKU: " + which).isFalse();
                        assertThat(insufficient).as("StockInsufficient of " + which).isEqualTo(1);
                        assertThat(reserved).as("no reservation for " + which).isZero();
                        outcome = "short of stock";
                    } else {
                        assertThat(reason).as("why " + which + " was cancelled").isEqualTo(CancellationReason.PAYMENT_DECLINED);
                        assertThat(planned.token()).as("only tok_decline is declined: " + which).isEqualTo(DECLINE);
                        assertThat(count(own, PaymentFailed.class)).as("PaymentFailed of " + which).isEqualTo(1);
                        outcome = "declined";
                    }
                }
                default -> throw new AssertionError("no order of this test waits for a person: " + which);
            }
            if (planned.plentiful()) {
                assertThat(outcome).as("a plentiful order ends as its token says: " + which)
                        .isEqualTo(planned.token().equals(DECLINE) ? "declined" : "completed");
            }
            mix.merge(outcome, 1L, Long::sum);

            // A saga placed before the kill whose payment step was decided after it: the kill hit it in flight.
            if (placedBeforeKill.contains(orderId) && own.stream()
                    .filter(w -> w.event() instanceof PaymentTaken || w.event() instanceof PaymentFailed)
                    .anyMatch(w -> EventHeaders.metadataOf(w.event()).getOccurredAt().isAfter(killedAt))) {
                hitInFlight.add(orderId);
            }
        }
        System.out.println("outcomes: " + mix + "; sagas the payments kill hit in flight: " + hitInFlight.size());
        long plentifulPaying = plan.stream().filter(p -> p.plentiful() && !p.token().equals(DECLINE)).count();
        assertThat(mix.getOrDefault("completed", 0L)).as("completed " + mix).isGreaterThanOrEqualTo(plentifulPaying);
        assertThat(mix.getOrDefault("short of stock", 0L)).as("short of stock " + mix).isPositive();
        assertThat(mix.getOrDefault("declined", 0L)).as("declined " + mix)
                .isGreaterThanOrEqualTo(plan.stream().filter(p -> p.plentiful() && p.token().equals(DECLINE)).count());
        assertThat(hitInFlight).as("sagas placed before payments was killed (%s) that paid or failed after it", killedAt)
                .isNotEmpty();

        for (String sku : allSkus()) {
            JsonNode stock = shop.stock(sku);
            int received = sku.equals(PLENTIFUL) ? RECEIVED_PLENTIFUL : RECEIVED_PER_SCARCE_SKU;
            int available = stock.get("available").asInt();
            int reserved = stock.get("reserved").asInt();
            int shipped = stock.get("shipped").asInt();
            int shippedByCompleted = orderIds.stream().filter(id -> statuses.get(id).equals("COMPLETED"))
                    .flatMap(id -> planOf.get(id).lines().stream()).filter(l -> l.sku().equals(sku))
                    .mapToInt(Shop.Line::quantity).sum();
            assertThat(available).as(sku + " available").isNotNegative();
            assertThat(reserved).as(sku + " reserved at rest").isZero();
            assertThat(shipped).as(sku + " shipped = what the completed orders asked for; " + stock)
                    .isEqualTo(shippedByCompleted).isLessThanOrEqualTo(received);
            assertThat(available + reserved).as(sku + ": reserved + available = received - shipped; " + stock)
                    .isEqualTo(received - shipped);
        }
    }

    /**
     * Every fourth order buys 1–3 of the plentiful SKU (one in four of those with {@code tok_decline});
     * the others buy 1–3 lines of the scarce SKUs, 1–3 each, with a random token (one in ten declines).
     */
    private static List<Planned> plan() {
        Random random = new Random(42);
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String customer = "inv-cust-" + (i % 7);
            int dice = random.nextInt(100);
            if (i % 4 == 0) {
                String token = i % 16 == 0 ? DECLINE : dice < 30 ? "tok_transient_2" : dice < 60 ? "tok_slow_800" : "tok_visa";
                plan.add(new Planned(i, customer, token,
                        List.of(new Shop.Line(PLENTIFUL, 1 + random.nextInt(3), 1000 + random.nextInt(2000))), true));
                continue;
            }
            List<Shop.Line> lines = new ArrayList<>();
            List<String> skus = new ArrayList<>(SCARCE);
            Collections.shuffle(skus, random);
            for (String sku : skus.subList(0, 1 + random.nextInt(3))) {
                lines.add(new Shop.Line(sku, 1 + random.nextInt(3), 1000 + random.nextInt(2000)));
            }
            String token = dice < 10 ? DECLINE : dice < 20 ? "tok_transient_2" : dice < 35 ? "tok_slow_800" : "tok_visa";
            plan.add(new Planned(i, customer, token, lines, false));
        }
        return plan;
    }

    private static List<String> allSkus() {
        List<String> all = new ArrayList<>(SCARCE);
        all.add(PLENTIFUL);
        return all;
    }

    private static long count(List<EventLog.Written> events, Class<?> type) {
        return events.stream().filter(w -> type.isInstance(w.event())).count();
    }
}
