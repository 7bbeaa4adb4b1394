package com.musiccorp.platform.streams;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** A generation that does not serve yet trades latency for throughput; it serves with the live settings. */
class RebuildProfileTest {

    private final Properties live = StreamsSettings.forContext(ContextSettings.from("profiled", Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "localhost:1", "SCHEMA_REGISTRY_URL", "http://localhost:1",
            "STATE_DIR", Path.of("target/profiled").toString())));

    @Test
    void aRebuildCommitsRarelyWithALargeCacheAndMoreThreads() {
        Properties rebuilding = StreamsSettings.rebuilding(StreamsSettings.forApplication(live, "musiccorp-profiled-g1"));

        assertThat(rebuilding.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(2_000);
        assertThat(rebuilding.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(32L * 1024 * 1024);
        assertThat(rebuilding.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(2);
        assertThat(rebuilding.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(0L);
        assertThat(rebuilding.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void servingRestoresEveryLiveSettingTheProfileChangedAndKeepsTheGeneration() {
        Properties rebuilding = StreamsSettings.rebuilding(StreamsSettings.forApplication(live, "musiccorp-profiled-g1"));

        Properties serving = StreamsSettings.serving(rebuilding, live);

        assertThat(serving.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .isEqualTo(live.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertThat(serving.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
                .isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED); // live processes what has arrived at once
        assertThat(serving.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG))
                .isEqualTo(live.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(5L * 1024 * 1024);
        assertThat(serving).doesNotContainKeys(StreamsConfig.NUM_STREAM_THREADS_CONFIG); // Kafka Streams' default, as live
        assertThat(serving.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("musiccorp-profiled-g1");
        assertThat(serving.get(DeadLetterRoute.CONFIG)).isSameAs(rebuilding.get(DeadLetterRoute.CONFIG));
        assertThat(Optional.ofNullable(serving.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)))
                .hasValue(StreamsSettings.rebuildDeadLetterTopic("musiccorp-profiled-g1"));
    }

    @Test
    void aCrashedMemberIsGivenUpAfterTenSecondsNotKafkasFortyFive() {
        assertThat(live.get(StreamsConfig.consumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)))
                .isEqualTo(10_000);
        Properties rebuilding = StreamsSettings.rebuilding(StreamsSettings.forApplication(live, "musiccorp-profiled-g1"));
        assertThat(rebuilding.get(StreamsConfig.consumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)))
                .as("a rebuild's too").isEqualTo(10_000);
    }
}
