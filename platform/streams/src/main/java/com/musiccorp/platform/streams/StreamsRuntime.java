package com.musiccorp.platform.streams;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Owns one context's {@link KafkaStreams}: start, readiness, and a close that leaves the consumer
 * group, so a restarted instance gets its partitions in about two seconds instead of waiting for
 * the old member's session to expire.
 *
 * <p>Ready means RUNNING with no store still restoring, not merely "process up": a view served
 * before its store is restored would present stale or empty data as the truth.
 */
public final class StreamsRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamsRuntime.class);

    private final KafkaStreams streams;
    private final Set<TopicPartition> restoring = ConcurrentHashMap.newKeySet();

    public StreamsRuntime(Topology topology, Properties properties) {
        this.streams = new KafkaStreams(topology, properties);
        streams.setGlobalStateRestoreListener(new RestoreTracker());
        // A thread that dies from an unexpected error is replaced; the bad record is already dead-lettered.
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((next, previous) -> log.info("{} -> {}", previous, next));
    }

    public StreamsRuntime start() {
        streams.start();
        return this;
    }

    public boolean isReady() {
        return streams.state() == KafkaStreams.State.RUNNING && restoring.isEmpty();
    }

    /**
     * Whether this instance's active tasks have processed and committed every record of
     * {@code position}: a task's committed offset of a source partition is past the record's offset.
     * False when a partition of it is not an active task here.
     */
    public boolean hasCommitted(PositionToken position) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                committed.putAll(task.committedOffsets());
            }
        }
        for (var topic : position.offsets().entrySet()) {
            for (var partition : topic.getValue().entrySet()) {
                Long next = committed.get(new TopicPartition(topic.getKey(), partition.getKey()));
                if (next == null || next <= partition.getValue()) {
                    return false;
                }
            }
        }
        return true;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** For interactive queries; callers must handle "not running" (serve 503, never a guess). */
    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }

    private final class RestoreTracker implements StateRestoreListener {
        @Override
        public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
            restoring.add(partition);
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long restored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            restoring.remove(partition);
        }

        @Override
        public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
            restoring.remove(partition); // the partition moved away; it is no longer ours to wait for
        }
    }
}
