package com.musiccorp.orders.stream;

import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.PositionToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A retried placement after a restart, of an order the previous process placed and never confirmed,
 * is refused (503) until the store has read that order back, instead of placed a second time.
 */
class PlacedBeforeStartTest {

    private final Map<Integer, Long> committed = new HashMap<>(); // partition → next offset the topology will read
    private final List<String> lookups = new ArrayList<>();
    private final Map<Integer, Long> endsAtStart = new HashMap<>();
    private final Map<Integer, Long> lastRecord = new HashMap<>(); // partition → offset of its last record (the rest markers)

    private final PlacedBeforeStart readBack = new PlacedBeforeStart(topic -> {
        lookups.add(topic);
        return Map.copyOf(endsAtStart);
    }, position -> position.offsets().get(TopicCatalog.ORDERS_EVENTS).entrySet().stream()
            .allMatch(e -> committed.getOrDefault(e.getKey(), 0L) > e.getValue()),
            (partition, end) -> committed.getOrDefault(partition, 0L) > lastRecord.getOrDefault(partition, end - 1));

    @Test
    void anOrderPlacedBeforeTheRestartMustBeReadBackBeforeItsKeyCanBeDecidedAgain() {
        String order = "318d818d-order";
        int partition = PlacedBeforeStart.partitionOf(order);
        endsAtStart.put(partition, 88L); // the previous process's OrderPlaced is offset 87
        committed.put(partition, 80L); // the restarted topology has read up to 79

        assertThatThrownBy(() -> readBack.requireReadBack(order))
                .isInstanceOf(OrderStoreQueries.StoreNotReady.class)
                .hasMessageContaining(TopicCatalog.ORDERS_EVENTS + ":" + partition + " up to offset 87");

        committed.put(partition, 88L);
        readBack.requireReadBack(order);
        committed.put(partition, 0L); // once read back, never asked again
        readBack.requireReadBack(order);
        assertThat(lookups).as("the ends are looked up once").containsExactly(TopicCatalog.ORDERS_EVENTS);
    }

    @Test
    void aPartitionThatEndsInTransactionMarkersIsReadBackOnceItsLastRecordIs() {
        String order = "318d818d-order";
        int partition = PlacedBeforeStart.partitionOf(order);
        endsAtStart.put(partition, 3L); // OrderPlaced at 0, orders' own OrderCancelled at 1, its commit marker at 2
        lastRecord.put(partition, 1L);
        committed.put(partition, 1L);

        assertThatThrownBy(() -> readBack.requireReadBack(order)).isInstanceOf(OrderStoreQueries.StoreNotReady.class);

        committed.put(partition, 2L); // past the last record, not past the marker: an idle topology stays here
        readBack.requireReadBack(order);
    }

    @Test
    void anEmptyPartitionHasNothingToReadBack() {
        readBack.requireReadBack("new-order");
    }

    @Test
    void partitionsAreTheDefaultPartitioners() {
        assertThat(PlacedBeforeStart.partitionOf("o-1")).isBetween(0, TopicCatalog.get(TopicCatalog.ORDERS_EVENTS).partitions() - 1);
        assertThat(PositionToken.parse(TopicCatalog.ORDERS_EVENTS + ":" + PlacedBeforeStart.partitionOf("o-1") + ":0")
                .offsets()).containsKey(TopicCatalog.ORDERS_EVENTS);
    }
}
