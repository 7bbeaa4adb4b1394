package com.musiccorp.platform.registry;

import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.kafka.TopicProvisioner;
import com.musiccorp.platform.kafka.TopicSpec;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The registry's durable log: the compacted one-partition topic, a reader thread that folds it into
 * {@link RegistryState}, and the writer.
 *
 * <p><b>Reading.</b> The reader consumes the topic from the beginning, forever, with
 * {@code read_committed}. The registry is ready once it has read up to the end offset that the
 * topic had at start.
 *
 * <p><b>Writing</b> is a read-check-write on the log, made safe across instances by Kafka's
 * transactional fencing: every instance writes with the same {@code transactional.id}, and a producer
 * becoming the writer ({@code initTransactions}) fences the previous one and completes or aborts its
 * open transaction. A write therefore (1) becomes the writer if it is not, (2) catches up with the
 * topic's end, so its state holds every committed write, (3) checks and plans its records against that
 * state, (4) commits them in one transaction, acks=all, idempotent, and (5) waits until its own
 * reader has folded them in (read-your-writes, as Confluent does). If another instance wrote in
 * between, it fenced this producer, the commit fails, and the write starts over from (1) against the
 * new state: optimistic concurrency with the broker as referee, so two racing registrations can
 * never both land on a stale check, and nothing a reader folds was ever refused.
 */
@Singleton
final class RegistryLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegistryLog.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /** What a write puts in the log, and what it answers once the records are read back. */
    record Plan<T>(List<LogRecord> records, T result) {
        static <T> Plan<T> answer(T result) {
            return new Plan<>(List.of(), result);
        }
    }

    /** Checks a write against the current state and plans its records; throws {@link RegistryException} to refuse. */
    @FunctionalInterface
    interface Planner<T> {
        Plan<T> plan(RegistryState state);
    }

    private final RegistrySettings settings;
    private final RegistryState state;
    private final TopicPartition partition;
    private final String instanceId = UUID.randomUUID().toString().substring(0, 8);
    private final Admin admin;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    // Lock and condition rather than a monitor: request threads may be virtual threads, which a monitor wait pins (JDK 21).
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Condition progressed = progressLock.newCondition();

    private long position;                  // guarded by progressLock: every record below it is folded in
    private volatile boolean ready;
    private volatile boolean closed;
    private volatile Throwable readerFailure;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;
    private KafkaProducer<byte[], byte[]> producer; // guarded by writeLock

    RegistryLog(RegistrySettings settings, RegistryState state) {
        this.settings = settings;
        this.state = state;
        this.partition = new TopicPartition(settings.topic(), 0);
        this.admin = Admin.create(clientConfig(Map.of(
                "client.id", "schema-registry-admin-" + instanceId,
                "request.timeout.ms", 10_000,
                "default.api.timeout.ms", 15_000)));
    }

    /** Creates the topic if needed, checks its shape and starts reading it. Returns without waiting. */
    synchronized void start() {
        if (reader != null) return;
        ensureTopic();
        long startEnd = endOffset();
        log.info("Reading {} up to offset {} before serving", settings.topic(), startEnd);
        reader = Thread.ofPlatform().name("schema-registry-reader-" + instanceId).daemon()
                .start(() -> readLoop(startEnd));
    }

    boolean isReady() {
        return ready && !closed && readerFailure == null;
    }

    /** True while the reader runs (it may still be catching up). */
    boolean isHealthy() {
        return !closed && readerFailure == null;
    }

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        progressLock.lock();
        try {
            while (!ready) {
                if (readerFailure != null) throw new IllegalStateException("Reading " + settings.topic() + " failed", readerFailure);
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new IllegalStateException("Did not read " + settings.topic() + " within " + timeout);
                waitOn(left);
            }
        } finally {
            progressLock.unlock();
        }
    }

    /** Runs one write (see the class comment) and answers once this instance has read it back. */
    <T> T write(Planner<T> planner) {
        long deadline = System.nanoTime() + settings.writeTimeout().toNanos();
        writeLock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                if (!isReady()) throw RegistryException.notReady();
                try {
                    KafkaProducer<byte[], byte[]> writer = writer();
                    awaitPosition(endOffset(), deadline);
                    Plan<T> plan = state.read(planner::plan);
                    if (plan.records().isEmpty()) return plan.result();
                    long lastOffset = commit(writer, plan.records());
                    awaitPosition(lastOffset + 1, deadline);
                    return plan.result();
                } catch (RegistryException e) {
                    throw e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    discardWriter();
                    throw RegistryException.storeError("Interrupted while writing to " + settings.topic());
                } catch (Exception e) {
                    // Fenced by another instance's write, or Kafka trouble: start over against fresh state.
                    discardWriter();
                    if (System.nanoTime() >= deadline) {
                        throw RegistryException.storeTimeout("Write to " + settings.topic() + " did not complete within "
                                + settings.writeTimeout() + ": " + e);
                    }
                    log.debug("Write attempt {} failed, retrying: {}", attempt, e.toString());
                    backOff(attempt, deadline);
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    private long commit(KafkaProducer<byte[], byte[]> writer, List<LogRecord> records)
            throws ExecutionException, InterruptedException {
        writer.beginTransaction();
        Future<RecordMetadata> last = null;
        for (LogRecord record : records) {
            last = writer.send(new ProducerRecord<>(settings.topic(), 0,
                    RecordCodec.key(record.key()), RecordCodec.value(record.value())));
        }
        writer.commitTransaction();
        return last.get().offset();
    }

    private KafkaProducer<byte[], byte[]> writer() {
        if (producer == null) {
            KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(clientConfig(Map.of(
                    ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer-" + instanceId,
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 20_000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())));
            try {
                created.initTransactions(); // fences any other instance's writer
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private void discardWriter() {
        if (producer == null) return;
        try {
            producer.close(Duration.ZERO);
        } catch (RuntimeException e) {
            log.debug("Closing a failed writer: {}", e.toString());
        }
        producer = null;
    }

    /** Random, growing pauses between attempts, so two instances fencing each other do not keep colliding. */
    private void backOff(int attempt, long deadline) {
        long capMs = Math.min(1_000, 20L << Math.min(attempt, 6));
        long sleepMs = Math.min(ThreadLocalRandom.current().nextLong(capMs / 2, capMs + 1),
                Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        try {
            Thread.sleep(sleepMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("Interrupted while writing to " + settings.topic());
        }
    }

    // ---- reading

    private void readLoop(long startEnd) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(clientConfig(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader-" + instanceId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())))) {
            consumer = c;
            c.assign(List.of(partition));
            c.seekToBeginning(List.of(partition));
            advance(c.position(partition), startEnd);
            while (!closed) {
                try {
                    for (ConsumerRecord<byte[], byte[]> record : c.poll(POLL)) apply(record);
                } catch (WakeupException e) {
                    if (closed) break;
                }
                advance(c.position(partition), startEnd);
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable t) {
            if (!closed) {
                log.error("Reading {} failed; the registry stops serving", settings.topic(), t);
                readerFailure = t;
            }
        } finally {
            progressLock.lock();
            try {
                progressed.signalAll();
            } finally {
                progressLock.unlock();
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            LogRecord decoded = RecordCodec.decode(record.key(), record.value());
            if (decoded != null) state.apply(decoded, record.offset());
        } catch (Exception e) {
            // Every instance skips the same unreadable record, so they still agree.
            log.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), settings.topic(), e.toString());
        }
    }

    private void advance(long newPosition, long startEnd) {
        progressLock.lock();
        try {
            position = newPosition;
            if (!ready && newPosition >= startEnd) {
                ready = true;
                log.info("Read {} up to offset {}: serving", settings.topic(), newPosition);
            }
            progressed.signalAll();
        } finally {
            progressLock.unlock();
        }
    }

    private void awaitPosition(long target, long deadline) {
        progressLock.lock();
        try {
            while (position < target) {
                if (readerFailure != null || closed) throw RegistryException.notReady();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw RegistryException.storeTimeout("Timed out waiting to read offset " + target + " of "
                            + settings.topic() + " (read up to " + position + ")");
                }
                waitOn(left);
            }
        } finally {
            progressLock.unlock();
        }
    }

    private void waitOn(long nanos) {
        try {
            progressed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("Interrupted while reading " + settings.topic());
        }
    }

    /** The offset after the last committed record (the last stable offset). */
    private long endOffset() {
        try {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .partitionResult(partition).get(15, TimeUnit.SECONDS).offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("Interrupted while reading the end offset of " + settings.topic());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read the end offset of " + settings.topic() + ": " + e, e);
        }
    }

    // ---- the topic

    /** Creates or checks the topic; retries while the cluster's metadata is still settling (a topic just created). */
    private void ensureTopic() {
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                ensureTopicOnce();
                return;
            } catch (IllegalStateException e) {
                boolean retriable = e.getCause() instanceof RetriableException
                        || e.getCause() instanceof ExecutionException ee && ee.getCause() instanceof RetriableException;
                if (!retriable || System.nanoTime() >= deadline) throw e;
                log.info("Topic {} not ready yet ({}), retrying", settings.topic(), e.getCause().toString());
                backOff(attempt, deadline);
            }
        }
    }

    private void ensureTopicOnce() {
        TopicSpec spec = settings.topic().equals(TopicCatalog.SCHEMAS) ? TopicCatalog.get(TopicCatalog.SCHEMAS)
                : new TopicSpec(settings.topic(), "schema-registry", "registry record key", List.of(), 1,
                Map.of("cleanup.policy", "compact"), "Schema registry store");
        Map<String, String> extra = settings.replicationFactor() >= 3 ? Map.of("min.insync.replicas", "2") : Map.of();
        new TopicProvisioner(admin, settings.replicationFactor(), extra).ensure(List.of(spec));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, settings.topic());
        try {
            ConfigEntry policy = admin.describeConfigs(List.of(resource)).all().get(15, TimeUnit.SECONDS)
                    .get(resource).get("cleanup.policy");
            if (policy == null || !policy.value().contains("compact") || policy.value().contains("delete")) {
                throw new IllegalStateException("Topic " + settings.topic() + " must have cleanup.policy=compact (has "
                        + (policy == null ? "none" : policy.value()) + "): time- or size-based deletion would lose schemas");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking " + settings.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not check topic " + settings.topic() + ": " + e, e);
        }
    }

    private Map<String, Object> clientConfig(Map<String, Object> specific) {
        Map<String, Object> config = new HashMap<>(specific);
        config.put("bootstrap.servers", settings.bootstrapServers());
        config.putAll(settings.kafkaOverrides());
        return config;
    }

    @PreDestroy
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) c.wakeup();
        Thread r = reader;
        if (r != null) {
            try {
                r.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeLock.lock();
        try {
            if (producer != null) producer.close(Duration.ofSeconds(5));
            producer = null;
        } finally {
            writeLock.unlock();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
