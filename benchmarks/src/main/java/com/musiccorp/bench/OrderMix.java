package com.musiccorp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The orders a run places, by index: out of every 100, 90 complete, 4 find too little stock (a
 * scarce SKU), 4 are declined (tok_decline), 1 is a three-line order (standing in for "missing at
 * packing", which needs a stock adjustment timed against each order and cannot be driven at rate)
 * and 1 has its dispatch refused once (postal code "NOVAN 1") before it goes. Or, with
 * {@code --happy-path-only}, every order completes: what the happy path alone costs.
 */
final class OrderMix {
    enum Kind { COMPLETE, INSUFFICIENT_STOCK, DECLINED, MULTI_LINE, DISPATCH_DELAYED }

    static final int SKUS = 12;
    /**
     * Far more than any run orders (a line takes one unit; a full run orders well under 100,000 per
     * SKU): stock is never what limits the happy path. Received in receipts of at most 10,000.
     */
    static final int PLENTY = 500_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String runId;
    private final boolean happyPathOnly;

    OrderMix(String runId, boolean happyPathOnly) {
        this.runId = runId;
        this.happyPathOnly = happyPathOnly;
    }

    Kind kindOf(long index) {
        return happyPathOnly ? Kind.COMPLETE : pathOf(index);
    }

    static Kind pathOf(long index) {
        int slot = (int) (index % 100);
        if (slot < 90) return Kind.COMPLETE;
        if (slot < 94) return Kind.INSUFFICIENT_STOCK;
        if (slot < 98) return Kind.DECLINED;
        if (slot < 99) return Kind.MULTI_LINE;
        return Kind.DISPATCH_DELAYED;
    }

    List<String> plentifulSkus() {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) skus.add("BENCH-" + runId + "-" + i);
        return skus;
    }

    /** Receives one unit only: every order of it asks for more. */
    String scarceSku() {
        return "BENCH-" + runId + "-SCARCE";
    }

    String idempotencyKey(long index) {
        return "bench-" + runId + "-" + index;
    }

    String body(long index) {
        Kind kind = kindOf(index);
        List<String> skus = plentifulSkus();
        String customer = "bench-" + runId + "-c" + (index % 1000);
        List<Map<String, Object>> lines = new ArrayList<>();
        switch (kind) {
            case INSUFFICIENT_STOCK -> lines.add(line(scarceSku(), 5));
            case MULTI_LINE -> {
                for (int l = 0; l < 3; l++) lines.add(line(skus.get((int) ((index + l) % SKUS)), 1));
            }
            default -> lines.add(line(skus.get((int) (index % SKUS)), 1));
        }
        Map<String, Object> order = Map.of(
                "customerId", customer, "customerName", "Customer " + customer,
                "customerEmail", customer + "@example.com", "lines", lines, "currency", "GBP",
                "shippingAddress", Map.of("name", "Customer " + customer, "line1", "3 Abbey Road", "city", "London",
                        "postalCode", kind == Kind.DISPATCH_DELAYED ? "NOVAN 1" : "NW8 9AY", "countryCode", "GB"),
                "paymentMethodToken", kind == Kind.DECLINED ? "tok_decline" : "tok_ok");
        try {
            return JSON.writeValueAsString(order);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String receipt(String sku, int quantity) {
        return "{\"title\":\"Title of " + sku + "\",\"artist\":\"Artist\",\"format\":\"VINYL\",\"quantity\":" + quantity + "}";
    }

    private static Map<String, Object> line(String sku, int quantity) {
        return Map.of("sku", sku, "title", "Title of " + sku, "artist", "Artist", "format", "VINYL",
                "quantity", quantity, "unitPriceMinor", 1999);
    }
}
