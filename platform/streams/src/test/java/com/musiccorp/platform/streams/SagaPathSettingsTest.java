package com.musiccorp.platform.streams;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SagaPathSettingsTest {

    @Test
    void contextsASagaStepWaitsOnCommitMoreOftenThanTheOnesNothingWaitsOn() {
        Map<String, String> defaults = Map.of();

        for (String onThePath : new String[] {"orders", "warehouse", "payments", "loyalty"}) {
            assertThat(StreamsSettings.commitIntervalMs(defaults, onThePath)).as(onThePath).isEqualTo(50);
        }
        assertThat(StreamsSettings.commitIntervalMs(defaults, "saga-status")).isEqualTo(5_000);
        assertThat(StreamsSettings.commitIntervalMs(defaults, "notifications")).isEqualTo(250);
    }

    @Test
    void theEnvironmentSetsEveryContextsInterval() {
        Map<String, String> env = Map.of("STREAMS_COMMIT_INTERVAL_MS", " 100 ");

        assertThat(StreamsSettings.commitIntervalMs(env, "orders")).isEqualTo(100);
        assertThat(StreamsSettings.commitIntervalMs(env, "saga-status")).isEqualTo(100);
    }

    @Test
    void theReadModelWhichCommitsEveryFiveSecondsHasTheLargerRecordCacheUnlessTheEnvironmentSetsOne() {
        for (String context : new String[] {"orders", "warehouse", "payments", "loyalty", "notifications"}) {
            assertThat(StreamsSettings.cacheMb(Map.of(), context)).as(context).isEqualTo(5);
        }
        assertThat(StreamsSettings.cacheMb(Map.of(), "saga-status")).isEqualTo(16);
        assertThat(StreamsSettings.cacheMb(Map.of("STREAMS_CACHE_MB", " 8 "), "orders")).isEqualTo(8);
        assertThat(StreamsSettings.cacheMb(Map.of("STREAMS_CACHE_MB", " 8 "), "saga-status")).isEqualTo(8);
    }

    @Test
    void theReadModelWhichWritesItsChangedSagasAtEachCommitSendsThemInLargerBatches() {
        for (String context : new String[] {"orders", "warehouse", "payments", "loyalty", "notifications"}) {
            assertThat(StreamsSettings.batchBytes(context)).as(context).isEqualTo(16 * 1024);
        }
        assertThat(StreamsSettings.batchBytes("saga-status")).isEqualTo(256 * 1024);
    }

    @Test
    void everyContextButTheReadModelProcessesWhatHasArrivedWithoutFetchingFromEveryPartitionFirst() {
        assertThat(StreamsSettings.maxTaskIdleMs("warehouse")).isEqualTo(-1L);
        assertThat(StreamsSettings.maxTaskIdleMs("orders")).isEqualTo(-1L);
        assertThat(StreamsSettings.maxTaskIdleMs("saga-status")).isZero();
        assertThat(StreamsSettings.maxTaskIdleMs("notifications")).isEqualTo(-1L);
    }
}
