package com.musiccorp.platform.streams;

import com.musiccorp.platform.metrics.ProcessMeters;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
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
 *
 * <p>Kafka Streams' own metrics (client, threads, tasks, stores; names {@code kafka_stream_*}) are
 * bound to the process's registry ({@link ProcessMeters}) by Micrometer's {@link KafkaStreamsMetrics}
 * for as long as the application runs, a rebuild's beside the live one (told apart by their
 * {@code client_id}); closing or replacing an application removes its meters.
 */
public final class StreamsRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamsRuntime.class);

    /** One KafkaStreams application, the partitions it is restoring, its meters and how often its state changed. */
    private record Instance(KafkaStreams streams, String applicationId, Set<TopicPartition> restoring,
                            KafkaStreamsMetrics metrics, java.util.concurrent.atomic.AtomicLong stateChanges) {
        void close() {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            metrics.close(); // removes its meters and stops their refresh
        }
    }

    /** Replaced stream threads: one failure, or a streak of them, keeps the instance not ready. */
    private final ThreadFailures threadFailures = new ThreadFailures(System::nanoTime);

    /** Replaced only by {@link #adopt}: every reader goes through this field, so a switch moves them all. */
    private volatile Instance current;

    public StreamsRuntime(Topology topology, Properties properties) {
        KafkaStreams streams = new KafkaStreams(topology, properties);
        Set<TopicPartition> restoring = ConcurrentHashMap.newKeySet();
        String applicationId = properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        streams.setGlobalStateRestoreListener(new RestoreTracker(restoring));
        // A thread that dies is replaced and reads on from the last commit: a record the registry
        // could not speak for is read again, an unreadable one was dead-lettered first.
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Stream thread failed; replacing it", e);
            threadFailures.failed(String.valueOf(rootCause(e).getMessage()));
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        var stateChanges = new java.util.concurrent.atomic.AtomicLong();
        streams.setStateListener((next, previous) -> {
            stateChanges.incrementAndGet();
            log.info("{}: {} -> {}", applicationId, previous, next);
        });
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(ProcessMeters.meters());
        this.current = new Instance(streams, applicationId, restoring, metrics, stateChanges);
    }

    public StreamsRuntime start() {
        current.streams().start();
        return this;
    }

    public boolean isReady() {
        return notReadyBecause() == null;
    }

    /**
     * Why this instance is not ready, or null when it is: not RUNNING, restoring a store, or a
     * stream thread failed recently or keeps failing ({@link ThreadFailures}: a thread replaced in
     * a loop is RUNNING most of the time yet processes nothing).
     */
    public String notReadyBecause() {
        // A thread that keeps failing is the cause of the rebalances that replace it: named first.
        String failing = threadFailures.notReadyBecause();
        if (failing != null) {
            return failing;
        }
        Instance i = current;
        if (i.streams().state() != KafkaStreams.State.RUNNING) {
            return "streams are " + i.streams().state();
        }
        if (!i.restoring().isEmpty()) {
            return "restoring " + i.restoring().size() + " partition(s)";
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    /** The application id (and so consumer group and internal-topic prefix) of what runs now. */
    public String applicationId() {
        return current.applicationId();
    }

    /**
     * Blue/green switch: from now on this runtime is {@code green}'s running application, so every
     * query, readiness check and key lookup made through it reads green's stores. The previous
     * application is closed (leaving its group) and its local state deleted; the caller removes its
     * topics. Returns the previous application id.
     */
    /**
     * Changes with every change of state (a rebalance, a restart of the instance) and every
     * {@link #adopt}: what is derived from the assignment (which partitions are here, store handles,
     * rendered views) holds while it stays the same.
     */
    public long assignmentGeneration() {
        return ((long) adoptions << 32) + current.stateChanges().get();
    }

    private volatile int adoptions;

    public synchronized String adopt(StreamsRuntime green) {
        adoptions++;
        Instance blue = current;
        current = green.current;
        blue.close();
        blue.streams().cleanUp();
        return blue.applicationId();
    }

    /**
     * Whether this instance's active tasks have processed and committed every record of
     * {@code position}: a task's committed offset of a source partition is past the record's offset.
     * False when a partition of it is not an active task here.
     */
    public boolean hasCommitted(PositionToken position) {
        Map<TopicPartition, Long> committed = committedOffsets();
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

    /** The committed offset (next to read) of each source partition of this instance's active tasks. */
    public Map<TopicPartition, Long> committedOffsets() {
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (ThreadMetadata thread : current.streams().metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                committed.putAll(task.committedOffsets());
            }
        }
        return committed;
    }

    public KafkaStreams.State state() {
        return current.streams().state();
    }

    /** For interactive queries; callers must handle "not running" (serve 503, never a guess). */
    public KafkaStreams streams() {
        return current.streams();
    }

    @Override
    public void close() {
        current.close();
    }

    private record RestoreTracker(Set<TopicPartition> restoring) implements StateRestoreListener {
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
