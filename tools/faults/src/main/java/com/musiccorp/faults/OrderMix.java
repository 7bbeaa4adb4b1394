package com.musiccorp.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The orders a run places, by index, and the stock received before them. Out of every 100: 70 plain
 * orders that complete, 6 multi-line orders (3 SKUs), 6 paid through a slow gateway
 * ({@code tok_slow_1500}), 2 through a gateway slower than payments' call timeout
 * ({@code tok_slow_6000}: unanswered calls, then a lookup by key), 5 declined ({@code tok_decline}),
 * 4 short of stock (5 of a SKU with 1 unit), 6 racing for a scarce SKU (fewer units than orders: some
 * get it, some are short) and 1 whose dispatch the carrier refuses until an operator cancels it.
 */
final class OrderMix {
    enum Kind {
        COMPLETE, MULTI_LINE, SLOW_GATEWAY, TIMING_OUT_GATEWAY, DECLINED, INSUFFICIENT_STOCK, SCARCE_RACE,
        OPERATOR_CANCELS;

        /** The saga statuses this kind of order may end in. */
        Set<String> expectedEnds() {
            return switch (this) {
                case COMPLETE, MULTI_LINE, SLOW_GATEWAY -> Set.of("COMPLETED");
                case DECLINED, INSUFFICIENT_STOCK, OPERATOR_CANCELS -> Set.of("CANCELLED");
                case TIMING_OUT_GATEWAY, SCARCE_RACE -> Set.of("COMPLETED", "CANCELLED");
            };
        }
    }

    static final int PLENTIFUL_SKUS = 8;
    static final int SCARCE_SKUS = 3;
    /** Far more than a run orders of any plentiful SKU. */
    static final int PLENTY = 5_000;

    private final String runId;
    private final int sagas;

    OrderMix(String runId, int sagas) {
        this.runId = runId;
        this.sagas = sagas;
    }

    static Kind kindOf(long index) {
        int slot = (int) (index % 100);
        if (slot < 70) return Kind.COMPLETE;
        if (slot < 76) return Kind.MULTI_LINE;
        if (slot < 82) return Kind.SLOW_GATEWAY;
        if (slot < 84) return Kind.TIMING_OUT_GATEWAY;
        if (slot < 89) return Kind.DECLINED;
        if (slot < 93) return Kind.INSUFFICIENT_STOCK;
        if (slot < 99) return Kind.SCARCE_RACE;
        return Kind.OPERATOR_CANCELS;
    }

    String runId() {
        return runId;
    }

    String idempotencyKey(long index) {
        return "faults-" + runId + "-" + index;
    }

    /** A customer of this run: also how a run's orders are told from any other's on the topics. */
    String customer(long index) {
        return "f" + runId + "-c" + (index % 500);
    }

    boolean isOurCustomer(String customerId) {
        return customerId.startsWith("f" + runId + "-c");
    }

    String plentiful(int i) {
        return "F" + runId + "-P" + i;
    }

    String scarce(int i) {
        return "F" + runId + "-S" + i;
    }

    String shortSku() {
        return "F" + runId + "-SHORT";
    }

    /** What is received before the load: SKU → units. The scarce SKUs get about half of what races for them. */
    Map<String, Integer> receipts() {
        Map<String, Integer> stock = new LinkedHashMap<>();
        int plenty = Math.max(PLENTY, sagas);
        for (int i = 0; i < PLENTIFUL_SKUS; i++) stock.put(plentiful(i), plenty);
        int racing = Math.max(1, sagas * 6 / 100 / SCARCE_SKUS);
        for (int i = 0; i < SCARCE_SKUS; i++) stock.put(scarce(i), Math.max(1, racing / 2));
        stock.put(shortSku(), 1);
        return stock;
    }

    /** One line of an order. */
    record Line(String sku, int quantity, long unitPriceMinor) {
    }

    List<Line> lines(long index) {
        List<Line> lines = new ArrayList<>();
        int p = (int) (index % PLENTIFUL_SKUS);
        switch (kindOf(index)) {
            case INSUFFICIENT_STOCK -> lines.add(new Line(shortSku(), 5, 1999));
            case SCARCE_RACE -> lines.add(new Line(scarce((int) (index % SCARCE_SKUS)), 1, 2599));
            case MULTI_LINE -> {
                for (int l = 0; l < 3; l++) lines.add(new Line(plentiful((p + l) % PLENTIFUL_SKUS), 1 + l, 1499));
            }
            default -> lines.add(new Line(plentiful(p), 1 + (int) (index % 2), 1999));
        }
        return lines;
    }

    String token(long index) {
        return switch (kindOf(index)) {
            case DECLINED -> "tok_decline";
            case SLOW_GATEWAY -> "tok_slow_1500";
            case TIMING_OUT_GATEWAY -> "tok_slow_6000";
            default -> "tok_ok";
        };
    }

    String body(long index) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Line l : lines(index)) {
            lines.add(Map.of("sku", l.sku(), "title", "Title of " + l.sku(), "artist", "Artist", "format", "VINYL",
                    "quantity", l.quantity(), "unitPriceMinor", l.unitPriceMinor()));
        }
        String customer = customer(index);
        // "NOVAN 99": the simulated carrier has no van for the first 99 tries, so the warehouse gives up.
        String postalCode = kindOf(index) == Kind.OPERATOR_CANCELS ? "NOVAN 99" : "NW8 9AY";
        return Http.json(Map.of(
                "customerId", customer, "customerName", "Customer " + customer,
                "customerEmail", customer + "@example.com", "lines", lines, "currency", "GBP",
                "shippingAddress", Map.of("name", "Customer " + customer, "line1", "3 Abbey Road", "city", "London",
                        "postalCode", postalCode, "countryCode", "GB"),
                "paymentMethodToken", token(index)));
    }

    static String receipt(String sku, int quantity, String receiptId) {
        return Http.json(Map.of("title", "Title of " + sku, "artist", "Artist", "format", "VINYL",
                "quantity", quantity, "receiptId", receiptId));
    }
}
