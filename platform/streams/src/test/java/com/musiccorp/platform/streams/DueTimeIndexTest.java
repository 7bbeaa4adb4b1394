package com.musiccorp.platform.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DueTimeIndexTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private KeyValueStore<String, String> store;
    private DueTimeIndex index;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("due-test"), Serdes.String(), Serdes.String())
                .withLoggingDisabled()
                .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        index = new DueTimeIndex(store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void keysAreZeroPaddedMillisThenTheIdAndClampNegativesToTheEpoch() {
        assertThat(DueTimeIndex.key(Instant.ofEpochMilli(1_234), "o-1")).isEqualTo("0000000000000001234|o-1");
        assertThat(DueTimeIndex.key(NOW, "o-1")).isEqualTo(String.format("%019d|o-1", NOW.toEpochMilli()));
        assertThat(DueTimeIndex.key(Instant.ofEpochMilli(-5), "o-1")).isEqualTo("0000000000000000000|o-1");
    }

    @Test
    void returnsWhatIsDueEarliestFirstIncludingNowAndNothingLater() {
        add(NOW.plusMillis(1), "later");
        add(NOW, "now");
        add(NOW.minusSeconds(60), "earlier");
        add(Instant.ofEpochMilli(9), "epoch-ish"); // fewer digits: padding keeps it first

        assertThat(index.dueAt(NOW, Integer.MAX_VALUE)).extracting(entry -> entry.value)
                .containsExactly("epoch-ish", "earlier", "now");
    }

    @Test
    void returnsIndexKeysWithTheirIds() {
        add(NOW, "o-1");

        assertThat(index.dueAt(NOW, Integer.MAX_VALUE))
                .containsExactly(KeyValue.pair(DueTimeIndex.key(NOW, "o-1"), "o-1"));
    }

    @Test
    void returnsAtMostTheLimitEarliestFirst() {
        for (int i = 0; i < 5; i++) {
            add(NOW.minusSeconds(i), "o-" + i);
        }

        assertThat(index.dueAt(NOW, 2)).extracting(entry -> entry.value).containsExactly("o-4", "o-3");
        assertThat(index.dueAt(NOW, 0)).isEmpty();
    }

    @Test
    void idsSharingAPrefixKeepTheirOwnEntries() {
        add(NOW, "o-1");
        add(NOW, "o-10");
        add(NOW.plusSeconds(1), "o-1|x");

        assertThat(index.dueAt(NOW, Integer.MAX_VALUE)).extracting(entry -> entry.value)
                .containsExactly("o-1", "o-10");

        index.move(Optional.of(DueTimeIndex.key(NOW, "o-1")), Optional.empty(), "o-1");

        assertThat(keys()).containsExactly(DueTimeIndex.key(NOW, "o-10"), DueTimeIndex.key(NOW.plusSeconds(1), "o-1|x"));
    }

    @Test
    void moveDeletesTheOldEntryAndPutsTheNewOne() {
        String first = DueTimeIndex.key(NOW, "o-1");
        String retry = DueTimeIndex.key(NOW.plusSeconds(30), "o-1");

        index.move(Optional.empty(), Optional.of(first), "o-1");
        assertThat(keys()).containsExactly(first);

        index.move(Optional.of(first), Optional.of(retry), "o-1");
        assertThat(keys()).containsExactly(retry);
        assertThat(store.get(retry)).isEqualTo("o-1");
        assertThat(index.dueAt(NOW, Integer.MAX_VALUE)).isEmpty();

        index.move(Optional.of(retry), Optional.empty(), "o-1");
        assertThat(keys()).isEmpty();
    }

    @Test
    void moveToTheSameKeyWritesNothing() {
        String key = DueTimeIndex.key(NOW, "o-1");
        store.put(key, "left alone"); // a write would replace the value with the id

        index.move(Optional.of(key), Optional.of(key), "o-1");
        index.move(Optional.empty(), Optional.empty(), "o-1");

        assertThat(store.get(key)).isEqualTo("left alone");
        assertThat(keys()).containsExactly(key);
    }

    @Test
    void forgetRemovesOnlyThatEntry() {
        add(NOW, "o-1");
        add(NOW, "o-2");

        index.forget(DueTimeIndex.key(NOW, "o-1"));

        assertThat(keys()).containsExactly(DueTimeIndex.key(NOW, "o-2"));
    }

    @Test
    void theDueEntriesCanBeHandledWhileTheStoreChanges() {
        add(NOW.minusSeconds(2), "o-1");
        add(NOW.minusSeconds(1), "o-2");

        for (KeyValue<String, String> entry : index.dueAt(NOW, Integer.MAX_VALUE)) {
            index.move(Optional.of(entry.key), Optional.of(DueTimeIndex.key(NOW.plusSeconds(60), entry.value)),
                    entry.value);
        }

        assertThat(index.dueAt(NOW, Integer.MAX_VALUE)).isEmpty();
        assertThat(keys()).hasSize(2);
    }

    private void add(Instant due, String id) {
        index.move(Optional.empty(), Optional.of(DueTimeIndex.key(due, id)), id);
    }

    private List<String> keys() {
        var keys = new ArrayList<String>();
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
