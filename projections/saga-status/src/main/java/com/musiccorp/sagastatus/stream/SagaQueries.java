package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaStatus;
import com.musiccorp.sagastatus.domain.TransitionStats;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
 * order id (a correlation id held elsewhere is for the HTTP layer to ask the other instances), sagas by status (a page at a time, through the status index, never a scan of every
 * saga), counts per status and the observed choreography (both summed over the partitions).
 * Listings, counts and the choreography come in two halves: this instance's part ({@code *Local},
 * with the partitions it covers) and a static merge of every instance's parts.
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

    /** What one instance read, and from which partitions (those whose active task it runs). */
    public record Local<T>(List<Integer> partitions, T value) {
    }

    /** A status-index key and its saga (or its body on the wire); null when it vanished under the read. */
    public record Entry<T>(String key, T saga) {
    }

    /** A merged page: at most limit items, and the cursor after them (null on the last page). */
    public record Merged<T>(List<T> items, String next) {
    }

    /** A saga by correlation id: its order through the correlation index, then the saga (both local). */
    public Optional<Saga> find(String correlationId) {
        return orderIdOf(correlationId).flatMap(this::findByOrder);
    }

    /** A saga by its key, the order id, in the order's partition. */
    public Optional<Saga> findByOrder(String orderId) {
        return read(() -> Optional.ofNullable(stores.<Saga>store(SagaStatusTopology.SAGAS_STORE,
                partitionOf(orderId)).get(orderId)));
    }

    /**
     * The order of saga {@code correlationId}, from the correlation index of each partition of this
     * instance (an index entry is beside its saga, in the order's partition; a correlation id's
     * partition says nothing).
     */
    public Optional<String> orderIdOf(String correlationId) {
        return orderIdOfLocal(correlationId).value();
    }

    /** The same, with the partitions it looked in (this instance's part of a lookup over every instance). */
    public Local<Optional<String>> orderIdOfLocal(String correlationId) {
        return read(() -> {
            List<Integer> partitions = stores.partitions();
            for (int partition : partitions) {
                String orderId = stores.<String>store(SagaStatusTopology.CORRELATION_INDEX_STORE, partition).get(correlationId);
                if (orderId != null) return new Local<>(partitions, Optional.of(orderId));
            }
            return new Local<>(partitions, Optional.<String>empty());
        });
    }

    /**
     * Sagas with {@code status} (every status when null) last updated within [since, until], ordered
     * by (status, statusSince, order id), at most {@code limit}, after {@code cursor}; from this
     * instance's partitions only.
     */
    public Page list(SagaStatus status, Instant since, Instant until, String cursor, int limit) {
        Merged<Saga> merged = merge(List.of(listLocal(status, since, until, cursor, limit).value()), limit);
        return new Page(merged.items(), merged.next());
    }

    /**
     * This instance's part of a listing: the first {@code limit + 1} entries of its partitions after
     * the cursor, in index order. Together, the parts of every instance hold the global first
     * {@code limit + 1}, so {@link #merge} of them is the global page.
     */
    public Local<List<Entry<Saga>>> listLocal(SagaStatus status, Instant since, Instant until, String cursor,
            int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
        String after = cursor == null || cursor.isBlank() ? null : cursorKey(cursor);
        List<SagaStatus> statuses = status != null ? List.of(status)
                : Arrays.stream(SagaStatus.values()).sorted(Comparator.comparing(Enum::name)).toList();
        String from = IndexKeys.timeFrom(since == null ? Instant.EPOCH : since);
        String to = until == null ? IndexKeys.HIGH : IndexKeys.time(until) + IndexKeys.SEPARATOR + IndexKeys.HIGH;

        // Each partition's first limit+1 keys after the cursor hold this instance's first limit+1.
        List<Integer> partitions = stores.partitions();
        TreeMap<String, Integer> firstKeys = new TreeMap<>();
        for (int partition : partitions) {
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
        List<Entry<Saga>> entries = new ArrayList<>();
        for (Map.Entry<String, Integer> e : firstKeys.entrySet()) {
            if (entries.size() > limit) break;
            String orderId = IndexKeys.sagaKeyOf(e.getKey());
            Saga saga = read(() -> stores.<Saga>store(SagaStatusTopology.SAGAS_STORE, e.getValue()).get(orderId));
            entries.add(new Entry<>(e.getKey(), saga));
        }
        return new Local<>(partitions, List.copyOf(entries));
    }

    /**
     * The page of {@code limit} from the parts of every instance: their entries in index order, the
     * first {@code limit} taken; {@code next} is the last taken key when more follow. An entry whose
     * saga vanished under the read (null) still moves the cursor, so it is not listed twice.
     */
    public static <T> Merged<T> merge(List<List<Entry<T>>> parts, int limit) {
        TreeMap<String, Entry<T>> all = new TreeMap<>();
        parts.forEach(part -> part.forEach(e -> all.put(e.key(), e)));
        List<T> items = new ArrayList<>();
        String last = null;
        int taken = 0;
        for (Entry<T> e : all.values()) {
            if (taken == limit) break;
            if (e.saga() != null) items.add(e.saga());
            last = e.key();
            taken++;
        }
        return new Merged<>(List.copyOf(items), all.size() > limit ? encode(last) : null);
    }

    /** How many sagas have each status (every status, zero included), in this instance's partitions. */
    public Map<SagaStatus, Long> counts() {
        return sum(List.of(countsLocal().value()));
    }

    /** This instance's counts per status (statuses without a saga may be absent). */
    public Local<Map<SagaStatus, Long>> countsLocal() {
        Map<SagaStatus, Long> counts = new EnumMap<>(SagaStatus.class);
        List<Integer> partitions = stores.partitions();
        for (int partition : partitions) {
            ReadOnlyKeyValueStore<String, Long> store = stores.store(SagaStatusTopology.STATUS_COUNTS_STORE, partition);
            read(() -> {
                try (KeyValueIterator<String, Long> it = store.all()) {
                    it.forEachRemaining(kv -> counts.merge(SagaStatus.valueOf(kv.key), kv.value, Long::sum));
                }
                return null;
            });
        }
        return new Local<>(partitions, counts);
    }

    /** Counts of several instances summed per status, every status present (zero included). */
    public static Map<SagaStatus, Long> sum(List<Map<SagaStatus, Long>> parts) {
        Map<SagaStatus, Long> counts = new EnumMap<>(SagaStatus.class);
        for (SagaStatus s : SagaStatus.values()) counts.put(s, 0L);
        parts.forEach(part -> part.forEach((status, n) -> counts.merge(status, n, Long::sum)));
        return counts;
    }

    /** Every transition observed in this instance's partitions, most frequent first. */
    public List<TransitionStats> choreography() {
        return combine(List.of(choreographyLocal().value()));
    }

    /** This instance's transition statistics, summed over its partitions (buckets included). */
    public Local<List<TransitionStats>> choreographyLocal() {
        Map<String, TransitionStats> merged = new HashMap<>();
        List<Integer> partitions = stores.partitions();
        for (int partition : partitions) {
            ReadOnlyKeyValueStore<String, TransitionStats> store = stores.store(SagaStatusTopology.TRANSITIONS_STORE,
                    partition);
            read(() -> {
                try (KeyValueIterator<String, TransitionStats> it = store.all()) {
                    it.forEachRemaining(kv -> merged.merge(kv.key, kv.value, TransitionStats::plus));
                }
                return null;
            });
        }
        return new Local<>(partitions, List.copyOf(merged.values()));
    }

    /**
     * Statistics of several instances merged per transition: counts and latency buckets summed (the
     * buckets have fixed bounds, so percentiles of the sum are those of all observations), most
     * frequent first.
     */
    public static List<TransitionStats> combine(List<List<TransitionStats>> parts) {
        Map<String, TransitionStats> merged = new HashMap<>();
        parts.forEach(part -> part.forEach(t -> merged.merge(t.from() + "->" + t.to(), t, TransitionStats::plus)));
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

    /**
     * The index key a cursor stands for.
     *
     * @throws IllegalArgumentException unless it is a cursor this service hands out: base64url of
     *                                  the UTF-8 of a status-index key
     */
    public static String cursorKey(String cursor) {
        String key;
        try {
            key = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor))).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            key = null;
        }
        if (key == null || !IndexKeys.isStatusKey(key)) {
            throw new IllegalArgumentException("is not a cursor this service handed out (use the \"next\" of a page)");
        }
        return key;
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
