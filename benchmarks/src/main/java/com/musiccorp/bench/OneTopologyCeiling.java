package com.musiccorp.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ceiling of one topology on this broker: a minimal Kafka Streams application, in this JVM,
 * configured as the saga's contexts are where it matters ({@code exactly_once_v2}, one stream thread,
 * the system's commit interval, producer linger 5 ms, a persistent RocksDB key-value store with the
 * record cache) that for each input record reads its key's count, puts count + 1 and forwards one
 * output record of the input's size. The input (6 partitions, 10,000 distinct keys, values the size
 * of an average saga event) is written first with a plain producer; the application then runs from
 * the start, timed to consumer-group lag 0 (as the replay is). Then, with it running, a quarter as
 * many records more at the producer's full speed, timed from the first send to lag 0 again: the live
 * rate. Its topics, group and local state are deleted afterwards.
 */
final class OneTopologyCeiling {
    static final int KEYS = 10_000;
    static final int PARTITIONS = 6;
    private static final String STORE = "counts";

    private OneTopologyCeiling() {
    }

    static ObjectNode run(Admin admin, String bootstrap, String runId, long records, int valueBytes, int commitIntervalMs,
                          Path stateDir, PrintStream out) throws Exception {
        String applicationId = "bench-ceiling-" + runId;
        String input = applicationId + "-in", output = applicationId + "-out";
        String changelog = applicationId + "-" + STORE + "-changelog";
        admin.createTopics(List.of(new NewTopic(input, PARTITIONS, (short) 1), new NewTopic(output, PARTITIONS, (short) 1)))
                .all().get();
        awaitLeaders(admin, input);
        awaitLeaders(admin, output);
        ObjectNode result = SagaLoad.JSON.createObjectNode();
        result.put("applicationId", applicationId);
        result.put("partitions", PARTITIONS);
        result.put("keys", KEYS);
        result.put("valueBytes", valueBytes);
        result.put("commitIntervalMs", commitIntervalMs);
        result.put("processingGuarantee", "exactly_once_v2");
        result.put("streamThreads", 1);
        result.put("store", "persistent RocksDB key-value store, record cache on (default 10 MB)");
        long live = Math.max(1, records / 4);
        KafkaStreams streams = null;
        TopicOffsets offsets = new TopicOffsets(admin);
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            byte[] value = new byte[valueBytes];
            new Random(42).nextBytes(value);
            long t0 = System.nanoTime();
            produce(producer, input, 0, records, value);
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            result.put("inputRecords", records);
            result.put("writeSeconds", SagaLoad.round(writeSeconds));
            out.printf("  wrote %,d records of %d B in %.1f s; running the topology from the start%n", records, valueBytes,
                    writeSeconds);

            var before = offsets.ends();
            streams = new KafkaStreams(topology(input, output), properties(applicationId, bootstrap, commitIntervalMs, stateDir));
            long start = System.nanoTime();
            streams.start();
            long running = awaitRunning(streams, Duration.ofSeconds(60));
            long caughtUp = awaitNoLag(admin, applicationId, input, Duration.ofMinutes(5));
            var after = offsets.ends();
            double fromStart = (caughtUp - start) / 1e9, fromRunning = (caughtUp - running) / 1e9;
            result.put("secondsFromStart", SagaLoad.round(fromStart));
            result.put("secondsFromRunning", SagaLoad.round(fromRunning));
            result.put("recordsPerSec", SagaLoad.round(records / fromStart));
            result.put("recordsPerSecFromRunning", SagaLoad.round(records / fromRunning));
            // Everything the application wrote per input record: output, changelog (after the cache),
            // markers, offset commits, transaction log.
            long written = TopicOffsets.written(before, after);
            result.put("offsetsWrittenPerInputRecord", SagaLoad.round((double) written / records));
            result.put("changelogRecordsPerInputRecord", SagaLoad.round(
                    (double) delta(before, after, changelog) / records));

            long liveStart = System.nanoTime();
            produce(producer, input, records, live, value);
            long liveCaughtUp = awaitNoLag(admin, applicationId, input, Duration.ofMinutes(5));
            double liveSeconds = (liveCaughtUp - liveStart) / 1e9;
            result.put("liveRecords", live);
            result.put("liveSeconds", SagaLoad.round(liveSeconds));
            result.put("liveRecordsPerSec", SagaLoad.round(live / liveSeconds));
        } finally {
            if (streams != null) {
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
                streams.cleanUp();
            }
            for (String topic : List.of(input, output, changelog)) {
                try {
                    admin.deleteTopics(Set.of(topic)).all().get();
                } catch (ExecutionException neverCreated) {
                    // nothing to clean up
                }
            }
            try {
                admin.deleteConsumerGroups(Set.of(applicationId)).all().get();
            } catch (ExecutionException groupAlreadyGone) {
                // nothing to clean up
            }
            SagaBenchmark.deleteQuietly(stateDir);
        }
        return result;
    }

    /** For each record: read its key's count, put count + 1, forward one record of the input's size. */
    static Topology topology(String input, String output) {
        Topology t = new Topology();
        t.addSource("in", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), input);
        t.addProcessor("count", CountProcessor::new, "in");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled(), "count");
        t.addSink("out", output, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "count");
        return t;
    }

    private static final class CountProcessor implements Processor<String, byte[], String, byte[]> {
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, Long> counts;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.counts = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            Long count = counts.get(record.key());
            counts.put(record.key(), count == null ? 1 : count + 1);
            context.forward(record);
        }
    }

    /** The settings of the saga's contexts (platform/streams StreamsSettings) that bear on throughput. */
    private static Properties properties(String applicationId, String bootstrap, int commitIntervalMs, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.POLL_MS_CONFIG, 10);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 5);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return p;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new StringSerializer(), new ByteArraySerializer());
    }

    private static void produce(KafkaProducer<String, byte[]> producer, String topic, long from, long count, byte[] value)
            throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (long i = from; i < from + count && failure.get() == null; i++) {
            producer.send(new ProducerRecord<>(topic, "key-" + (i % KEYS), value), (m, e) -> {
                if (e != null) failure.compareAndSet(null, e);
            });
        }
        producer.flush();
        if (failure.get() != null) throw new IllegalStateException("writing the ceiling's input", failure.get());
    }

    private static long awaitRunning(KafkaStreams streams, Duration cap) throws InterruptedException {
        long deadline = System.nanoTime() + cap.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (!streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("the ceiling topology stopped: " + streams.state());
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("the ceiling topology never ran");
            Thread.sleep(10);
        }
        return System.nanoTime();
    }

    /**
     * Waits until the broker serves every partition of a topic it just created: writing before that
     * is answered NOT_LEADER_OR_FOLLOWER, and the idempotent producer's retries of those first
     * batches can then fail on their sequence numbers.
     */
    private static void awaitLeaders(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                admin.listOffsets(request).all().get();
                return;
            } catch (ExecutionException notYet) {
                if (System.nanoTime() > deadline) throw new IllegalStateException(topic + " has no leader", notYet);
                Thread.sleep(50);
            }
        }
    }

    /** When the application's committed offsets reached the input's end offsets. */
    private static long awaitNoLag(Admin admin, String group, String input, Duration cap) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) request.put(new TopicPartition(input, p), OffsetSpec.latest());
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        long deadline = System.nanoTime() + cap.toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            boolean caughtUp = ends.entrySet().stream().allMatch(e -> {
                OffsetAndMetadata c = committed.get(e.getKey());
                return e.getValue() == 0 || (c != null && c.offset() >= e.getValue());
            });
            long now = System.nanoTime();
            if (caughtUp) return now;
            if (now > deadline) throw new IllegalStateException("the ceiling topology did not catch up within " + cap);
            Thread.sleep(20);
        }
    }

    private static long delta(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after, String topic) {
        return after.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }
}
