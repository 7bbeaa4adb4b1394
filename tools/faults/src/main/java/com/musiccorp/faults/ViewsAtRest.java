package com.musiccorp.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What the HTTP views say once the system is at rest: each saga through the api, the saga counts,
 * each SKU's stock, and the payment gateway's ledger of each order (an outside system's own books).
 */
record ViewsAtRest(Map<String, JsonNode> sagaByOrder, JsonNode sagaCounts, Map<String, JsonNode> stockBySku,
                   Map<String, JsonNode> ledgerByOrder) {

    static ViewsAtRest read(SystemUnderFaults system, Collection<String> orderIds, Collection<String> skus)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Map<String, JsonNode> sagas = fetchAll(pool, orderIds, id -> system.api() + "/sagas/by-order/" + id);
            Map<String, JsonNode> ledgers = fetchAll(pool, orderIds, id -> system.gateway() + "/ledger?orderId=" + id);
            Map<String, JsonNode> stock = fetchAll(pool, skus, sku -> system.api() + "/stock/" + sku);
            JsonNode counts = fetch(system.api() + "/sagas/counts");
            return new ViewsAtRest(sagas, counts, stock, ledgers);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, JsonNode> fetchAll(ExecutorService pool, Collection<String> keys,
                                                  Function<String, String> url) throws Exception {
        Map<String, JsonNode> found = new ConcurrentHashMap<>();
        List<Future<?>> calls = keys.stream().<Future<?>>map(k -> pool.submit(() -> {
            JsonNode body = fetch(url.apply(k));
            if (body != null) found.put(k, body);
        })).toList();
        for (Future<?> f : calls) f.get();
        return found;
    }

    /** The body of a 200; a 503 (a partition moving) is asked again; anything else is null. */
    private static JsonNode fetch(String url) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Http.Answer a = Http.get(url);
            if (a.status() == 200) return a.body();
            if (a.status() != 503 && a.status() != 0) return null;
            Waits.pause(java.time.Duration.ofMillis(250));
        }
        return null;
    }
}
