package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaStatus;
import com.musiccorp.sagastatus.domain.TransitionStats;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The projection's questions, answered from this instance's stores: a saga by correlation id or by
 * order id, sagas by status (a page at a time, through the status index, never a scan of every
 * saga), counts per status and the observed choreography (both summed over the partitions).
 */
public final class SagaQueries {

    public static final int MAX_LIMIT = 500;

    private final LocalStores stores;

    public SagaQueries(LocalStores stores) {
        this.stores = stores;
    }

    /** A page of a listing; {@code next} is the cursor of the following page, null on the last one. */
    public record Page(List<Saga> sagas, String next) {
    }

    public Optional<Saga> find(String correlationId) {
        return read(() -> Optional.ofNullable(stores.<Saga>store(SagaStatusTopology.SAGAS_STORE,
                partitionOf(correlationId)).get(correlationId)));
    }

    public Optional<Saga> findByOrder(String orderId) {
        return correlationIdOf(orderId).flatMap(this::find);
    }

    /** The correlation id of the order's saga, from the order-id side's index. */
    public Optional<String> correlationIdOf(String orderId) {
        return read(() -> Optional.ofNullable(stores.<String>store(SagaStatusTopology.ORDER_INDEX_STORE,
                partitionOf(orderId)).get(orderId)));
    }

    /**
     * Sagas with {@code status} (every status when null) last updated within [since, until], ordered
     * by (status, updatedAt, correlation id), at most {@code limit}, after {@code cursor}.
     */
    public Page list(SagaStatus status, Instant since, Instant until, String cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
        String after = cursor == null || cursor.isBlank() ? null : decode(cursor);
        List<SagaStatus> statuses = status != null ? List.of(status)
                : Arrays.stream(SagaStatus.values()).sorted(Comparator.comparing(Enum::name)).toList();
        String from = IndexKeys.time(since == null ? Instant.EPOCH : since);
        String to = until == null ? IndexKeys.HIGH : IndexKeys.time(until) + IndexKeys.SEPARATOR + IndexKeys.HIGH;

        // Each partition's first limit+1 keys after the cursor hold the global first limit+1.
        TreeMap<String, Integer> firstKeys = new TreeMap<>();
        for (int partition : stores.partitions()) {
            ReadOnlyKeyValueStore<String, String> index = stores.store(SagaStatusTopology.STATUS_INDEX_STORE, partition);
            int taken = 0;
            for (SagaStatus s : statuses) {
                String hi = s.name() + IndexKeys.SEPARATOR + to;
                if (after != null && after.compareTo(hi) >= 0) continue;
                String lowest = s.name() + IndexKeys.SEPARATOR + from;
                String lo = after != null && after.compareTo(lowest) > 0 ? after : lowest;
                int wanted = limit + 1 - taken;
                taken += read(() -> collect(index, lo, hi, after, wanted, partition, firstKeys));
                if (taken > limit) break;
            }
        }
        List<Saga> page = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, Integer> e : firstKeys.entrySet()) {
            if (page.size() == limit) break;
            String correlationId = IndexKeys.correlationIdOf(e.getKey());
            read(() -> Optional.ofNullable(stores.<Saga>store(SagaStatusTopology.SAGAS_STORE, e.getValue())
                    .get(correlationId))).ifPresent(page::add);
            last = e.getKey();
        }
        return new Page(List.copyOf(page), firstKeys.size() > limit ? encode(last) : null);
    }

    /** How many sagas have each status (every status, zero included). */
    public Map<SagaStatus, Long> counts() {
        Map<SagaStatus, Long> counts = new EnumMap<>(SagaStatus.class);
        for (SagaStatus s : SagaStatus.values()) counts.put(s, 0L);
        for (int partition : stores.partitions()) {
            ReadOnlyKeyValueStore<String, Long> store = stores.store(SagaStatusTopology.STATUS_COUNTS_STORE, partition);
            read(() -> {
                try (KeyValueIterator<String, Long> it = store.all()) {
                    it.forEachRemaining(kv -> counts.merge(SagaStatus.valueOf(kv.key), kv.value, Long::sum));
                }
                return null;
            });
        }
        return counts;
    }

    /** Every observed transition, summed over the partitions, most frequent first. */
    public List<TransitionStats> choreography() {
        Map<String, TransitionStats> merged = new HashMap<>();
        for (int partition : stores.partitions()) {
            ReadOnlyKeyValueStore<String, TransitionStats> store = stores.store(SagaStatusTopology.TRANSITIONS_STORE,
                    partition);
            read(() -> {
                try (KeyValueIterator<String, TransitionStats> it = store.all()) {
                    it.forEachRemaining(kv -> merged.merge(kv.key, kv.value, TransitionStats::plus));
                }
                return null;
            });
        }
        return merged.values().stream()
                .sorted(Comparator.comparingLong(TransitionStats::count).reversed()
                        .thenComparing(TransitionStats::from).thenComparing(TransitionStats::to))
                .toList();
    }

    /** The partition of a key on the order topics and on the repartition topic (the default partitioner). */
    public static int partitionOf(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(bytes)) % SagaStatusTopology.SAGA_PARTITIONS;
    }

    private static int collect(ReadOnlyKeyValueStore<String, String> index, String lo, String hi, String after,
            int max, int partition, TreeMap<String, Integer> into) {
        int n = 0;
        try (KeyValueIterator<String, String> it = index.range(lo, hi)) {
            while (it.hasNext() && n < max) {
                String key = it.next().key;
                if (after != null && key.compareTo(after) <= 0) continue;
                into.put(key, partition);
                n++;
            }
        }
        return n;
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor this service handed out: " + cursor);
        }
    }

    /** A store closing under a read (rebalance, shutdown) is "not now", not "absent". */
    private static <T> T read(Supplier<T> query) {
        try {
            return query.get();
        } catch (InvalidStateStoreException e) {
            throw new LocalStores.StoreNotReady("the saga stores cannot be read right now: " + e.getMessage());
        }
    }
}
