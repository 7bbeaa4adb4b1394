package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.SagaStatus;
import com.musiccorp.sagastatus.domain.TransitionStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The merges of several instances' parts equal the answer of one instance holding everything. */
class MergeAcrossInstancesTest {

    @Test
    void pagingOverMergedPartsListsEveryEntryOnceInGlobalOrder() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            keys.add((i % 3 == 0 ? "COMPLETED" : "IN_PROGRESS") + "|" + String.format("%020d", 1000 + i % 7) + "|saga-" + i);
        }
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            String after = cursor == null ? null : decode(cursor);
            // Two instances, each giving its first limit+1 entries after the cursor (what listLocal does).
            List<List<SagaQueries.Entry<String>>> parts = List.of(firstAfter(keys, 0, after, 6), firstAfter(keys, 1, after, 6));
            SagaQueries.Merged<String> page = SagaQueries.merge(parts, 5);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(5);
            listed.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        assertThat(listed).isEqualTo(keys.stream().sorted().toList());
    }

    @Test
    void mergedTransitionsHaveThePercentilesOfAllObservations() {
        Random random = new Random(42);
        TransitionStats all = TransitionStats.empty("OrderPlaced", "StockReserved");
        TransitionStats a = all;
        TransitionStats b = all;
        for (int i = 0; i < 500; i++) {
            long latency = (long) Math.abs(random.nextGaussian() * 3_000);
            all = all.record(latency);
            if (i % 3 == 0) a = a.record(latency); else b = b.record(latency);
        }
        List<TransitionStats> merged = SagaQueries.combine(List.of(List.of(a), List.of(b)));
        assertThat(merged).singleElement().isEqualTo(all);
        for (double p : new double[]{0.5, 0.95, 0.99}) {
            assertThat(merged.getFirst().percentileMillis(p)).isEqualTo(all.percentileMillis(p));
        }
    }

    @Test
    void countsAreSummedPerStatusWithEveryStatusPresent() {
        Map<SagaStatus, Long> sum = SagaQueries.sum(List.of(Map.of(SagaStatus.COMPLETED, 2L),
                Map.of(SagaStatus.COMPLETED, 3L, SagaStatus.STALLED, 1L)));
        assertThat(sum).hasSize(SagaStatus.values().length)
                .containsEntry(SagaStatus.COMPLETED, 5L).containsEntry(SagaStatus.STALLED, 1L)
                .containsEntry(SagaStatus.IN_PROGRESS, 0L);
    }

    /** An instance holding the keys at even (0) or odd (1) positions: its first {@code n} after the cursor. */
    private static List<SagaQueries.Entry<String>> firstAfter(List<String> keys, int instance, String after, int n) {
        List<SagaQueries.Entry<String>> mine = new ArrayList<>();
        for (int i = instance; i < keys.size(); i += 2) {
            if (after == null || keys.get(i).compareTo(after) > 0) mine.add(new SagaQueries.Entry<>(keys.get(i), keys.get(i)));
        }
        return mine.stream().sorted(java.util.Comparator.comparing(SagaQueries.Entry::key)).limit(n).toList();
    }

    private static String decode(String cursor) {
        return new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
    }
}
