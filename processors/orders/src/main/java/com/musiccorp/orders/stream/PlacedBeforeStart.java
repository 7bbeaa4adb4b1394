package com.musiccorp.orders.stream;

import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.PositionToken;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Whether the order store has read back every {@code OrderPlaced} written before this process
 * started. A placement is decided against the store, and, until the store has an order, against
 * what this process placed itself ({@code RecentlyPlaced}); an order an earlier process placed and
 * never confirmed (it died after the broker took the event, before the client heard) is in
 * neither until the restarted topology has read {@code orders.events} that far. A retry with the
 * same key in that window would place it a second time; instead it is answered 503 (retry).
 *
 * <p>The topic's ends are looked up once, at the first placement after start, and each partition
 * is known to be read back once its committed offset passed its end then, or once only transaction
 * markers lie between the two: the last offsets of a partition orders' own topology writes to are
 * commit markers, which a consumer's position passes but which a restarted, idle topology never
 * commits past (it has nothing to process), so without that second test a placement in such a
 * partition would be refused until another event happened to arrive there.
 */
public final class PlacedBeforeStart {

    private final Function<String, Map<Integer, Long>> ends;
    private final Predicate<PositionToken> committed;
    private final OnlyMarkersLeft onlyMarkersLeft;
    private final Set<Integer> readBack = ConcurrentHashMap.newKeySet();
    private volatile Map<Integer, Long> endsAtStart;

    /**
     * @param ends      the end offset of each partition of a topic, by partition (may throw
     *                  {@link OrderStoreQueries.StoreNotReady})
     * @param committed whether the store's topology has committed past a position
     * @param onlyMarkersLeft whether nothing but transaction markers lies between where the store's
     *                  topology has committed in a partition of {@code orders.events} and an offset
     */
    public PlacedBeforeStart(Function<String, Map<Integer, Long>> ends, Predicate<PositionToken> committed,
            OnlyMarkersLeft onlyMarkersLeft) {
        this.ends = ends;
        this.committed = committed;
        this.onlyMarkersLeft = onlyMarkersLeft;
    }

    /** Whether the store's topology has committed past every record of {@code orders.events}' {@code partition} below {@code end}. */
    @FunctionalInterface
    public interface OnlyMarkersLeft {
        boolean below(int partition, long end);
    }

    /**
     * Returns when the store has read back every order placed before start in {@code orderId}'s
     * partition of {@code orders.events}.
     *
     * @throws OrderStoreQueries.StoreNotReady not yet: the caller answers 503, the client retries
     */
    public void requireReadBack(String orderId) {
        int partition = partitionOf(orderId);
        if (readBack.contains(partition)) {
            return;
        }
        Map<Integer, Long> known = endsAtStart;
        if (known == null) {
            known = ends.apply(TopicCatalog.ORDERS_EVENTS);
            endsAtStart = known;
        }
        long end = known.getOrDefault(partition, 0L);
        if (end == 0 || committed.test(new PositionToken(Map.of(TopicCatalog.ORDERS_EVENTS, Map.of(partition, end - 1))))
                || onlyMarkersLeft.below(partition, end)) {
            readBack.add(partition);
            return;
        }
        throw new OrderStoreQueries.StoreNotReady("the order store has not yet read back the orders placed before "
                + "this instance started (" + TopicCatalog.ORDERS_EVENTS + ":" + partition + " up to offset " + (end - 1)
                + "), so it cannot tell whether this request repeats one of them");
    }

    /** The default partitioner's partition of {@code orderId} in {@code orders.events}. */
    static int partitionOf(String orderId) {
        return Utils.toPositive(Utils.murmur2(orderId.getBytes(StandardCharsets.UTF_8)))
                % TopicCatalog.get(TopicCatalog.ORDERS_EVENTS).partitions();
    }
}
