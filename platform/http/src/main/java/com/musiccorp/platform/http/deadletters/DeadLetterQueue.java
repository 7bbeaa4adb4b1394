package com.musiccorp.platform.http.deadletters;

import com.musiccorp.platform.http.deadletters.DeadLetterViews.Letter;
import com.musiccorp.platform.http.deadletters.DeadLetterViews.Page;
import com.musiccorp.platform.http.deadletters.DeadLetterViews.ReDrive;
import com.musiccorp.platform.http.deadletters.DeadLetterViews.ReDriven;
import com.musiccorp.platform.http.deadletters.DeadLetterViews.Source;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.kafka.TopicSpec;
import com.musiccorp.platform.streams.ContextSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A context's dead-letter topic ({@code <context>.dlq}) read and re-driven over HTTP.
 *
 * <p><b>Re-drive writes once.</b> A re-drive writes, in one Kafka transaction, the original (key,
 * bytes, timestamp, headers minus {@code __streams.errors.*}, to its source topic and partition, as
 * {@code cli dlq replay} does) and a marker into the dead-letter topic naming the dead letter
 * ({@link DeadLetterRecord#REDRIVE_OF}). Before writing it looks for that marker after the dead
 * letter; finding one, it answers with the earlier re-drive and writes nothing. The marker is keyed
 * by the dead letter itself, not by a key the client invents, so two operators (or a retried click)
 * re-driving the same letter write once, and it survives restarts. Every instance of the context
 * uses one transactional id, and the marker is looked for only after {@code initTransactions()}:
 * that fences any other re-drive still in flight (its transaction commits first or is aborted), so
 * the look-up sees every committed marker and check-then-write cannot interleave (a re-drive fenced
 * by another instance's is answered 503, having written nothing). On a secured cluster a context
 * may write only its own topics: a dead letter read from another's is refused ({@link NotAllowed}, 403).
 */
public final class DeadLetterQueue {
    /** Listing reads at most this many of the newest records of each partition of the topic. */
    static final int SCAN_WINDOW = 10_000;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final String context;
    private final String topic;
    private final Map<String, Object> connection;

    /** @param connection bootstrap servers and, on a secured cluster, the context's login */
    public DeadLetterQueue(String context, Map<String, Object> connection) {
        this.context = context;
        this.topic = TopicCatalog.deadLetterTopic(context);
        this.connection = Map.copyOf(connection);
    }

    /** The dead-letter topic of the context {@code settings} names, reached as its other clients are. */
    public static DeadLetterQueue of(ContextSettings settings) {
        return new DeadLetterQueue(settings.context(), settings.kafkaConnection());
    }

    public String context() {
        return context;
    }

    /** A page of dead letters, newest first, after the cursor {@code after} ({@code partition:offset}) when given. */
    public Page list(int limit, Optional<String> after) {
        List<DeadLetterRecord> letters = new ArrayList<>();
        Map<String, DeadLetterRecord> markers = new HashMap<>();
        long older;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            older = 0;
            for (TopicPartition p : partitions) {
                long from = Math.max(begin.get(p), end.get(p) - SCAN_WINDOW);
                older += from - begin.get(p);
                consumer.seek(p, from);
            }
            readTo(consumer, end, r -> {
                if (r.isMarker()) markers.put(r.header(DeadLetterRecord.REDRIVE_OF), r);
                else letters.add(r);
            });
        }
        letters.sort(Comparator.comparingLong((DeadLetterRecord r) -> r.record().timestamp())
                .thenComparingInt(r -> r.record().partition()).thenComparingLong(r -> r.record().offset()).reversed());
        int start = 0;
        if (after.isPresent()) {
            for (int i = 0; i < letters.size(); i++) {
                if (letters.get(i).position().equals(after.get())) start = i + 1;
            }
        }
        List<Letter> page = letters.subList(Math.min(start, letters.size()), Math.min(start + limit, letters.size()))
                .stream().map(r -> view(r, markers.get(r.position()))).toList();
        String next = start + limit < letters.size() ? letters.get(start + limit - 1).position() : null;
        return new Page(context, topic, page, next, older);
    }

    /**
     * Re-drives the dead letter at {@code partition:offset} once; empty when there is none there.
     * Synchronized: re-drives in this instance queue instead of fencing each other.
     */
    public synchronized Optional<ReDrive> reDrive(int partition, long offset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        try (KafkaProducer<byte[], byte[]> producer = producer(); KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            if (!partitions(consumer).contains(tp)) return Optional.empty();
            producer.initTransactions(); // fences every earlier re-drive of this context still in flight
            consumer.assign(List.of(tp));
            Map<TopicPartition, Long> end = consumer.endOffsets(List.of(tp));
            if (offset < 0 || offset >= end.get(tp)) return Optional.empty();
            consumer.seek(tp, offset);
            DeadLetterRecord[] letter = new DeadLetterRecord[1];
            DeadLetterRecord[] marker = new DeadLetterRecord[1];
            String position = partition + ":" + offset;
            readTo(consumer, end, r -> {
                if (r.record().offset() == offset) letter[0] = r;
                else if (position.equals(r.header(DeadLetterRecord.REDRIVE_OF))) marker[0] = r;
            });
            if (letter[0] == null || letter[0].isMarker()) return Optional.empty(); // compacted away, aborted, or a marker
            if (marker[0] != null) {
                return Optional.of(new ReDrive(context, partition, offset, false, reDriven(marker[0])));
            }
            if (letter[0].originTopic() == null) {
                throw new NotReDrivable("the dead letter at " + position + " of " + topic
                        + " does not say which topic it came from (no __streams.errors.topic header)");
            }
            return Optional.of(new ReDrive(context, partition, offset, true, write(producer, letter[0], position)));
        }
    }

    private ReDriven write(KafkaProducer<byte[], byte[]> producer, DeadLetterRecord letter, String position) {
        ConsumerRecord<byte[], byte[]> r = letter.record();
        Instant now = Instant.now();
        producer.beginTransaction();
        try {
            RecordMetadata to = producer.send(new ProducerRecord<>(letter.originTopic(), letter.originPartition(),
                    r.timestamp(), r.key(), r.value(), letter.originalHeaders())).get();
            String where = to.topic() + ":" + to.partition() + ":" + to.offset();
            RecordHeaders markerHeaders = new RecordHeaders();
            markerHeaders.add(DeadLetterRecord.REDRIVE_OF, position.getBytes(StandardCharsets.UTF_8));
            markerHeaders.add(DeadLetterRecord.REDRIVE_TO, where.getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(topic, r.partition(), now.toEpochMilli(), r.key(), null, markerHeaders)).get();
            producer.commitTransaction();
            return new ReDriven(where, now);
        } catch (ExecutionException e) {
            producer.abortTransaction();
            if (e.getCause() instanceof TopicAuthorizationException) {
                throw new NotAllowed("the " + context + " context may not write " + letter.originTopic() + " (owned by "
                        + TopicCatalog.find(letter.originTopic()).map(TopicSpec::owner).orElse("another principal")
                        + "); nothing was written: re-drive it as that topic's owner or an admin (cli dlq replay)");
            }
            throw new org.apache.kafka.common.KafkaException("re-driving " + position + " failed, nothing was written: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.KafkaException("interrupted; nothing was re-driven", e);
        }
    }

    private static Letter view(DeadLetterRecord r, DeadLetterRecord marker) {
        ConsumerRecord<byte[], byte[]> c = r.record();
        String text = SafeText.text(c.value());
        Map<String, String> headers = new LinkedHashMap<>();
        r.originalHeaders().forEach(h -> headers.put(SafeText.escaped(h.key()),
                h.value() == null ? null : Optional.ofNullable(SafeText.text(h.value())).orElse(SafeText.hex(h.value()))));
        return new Letter(c.partition(), c.offset(), Instant.ofEpochMilli(c.timestamp()), SafeText.escaped(r.exception()),
                SafeText.escaped(r.message()), r.originTopic() == null && r.originPartition() == null ? null
                        : new Source(SafeText.escaped(r.originTopic()), r.originPartition(), r.originOffset()),
                c.key() == null ? null : SafeText.escaped(new String(c.key(), StandardCharsets.UTF_8)),
                c.value() == null ? 0 : c.value().length, text, text == null ? SafeText.hex(c.value()) : null,
                headers, marker == null ? null : reDriven(marker));
    }

    private static ReDriven reDriven(DeadLetterRecord marker) {
        return new ReDriven(SafeText.escaped(marker.header(DeadLetterRecord.REDRIVE_TO)),
                Instant.ofEpochMilli(marker.record().timestamp()));
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        return consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Reads every assigned partition up to {@code end} (the last stable offset: committed records only). */
    private static void readTo(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end,
                               Consumer<DeadLetterRecord> each) {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.assignment().stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("reading " + consumer.assignment()
                        + " took longer than " + READ_TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) each.accept(new DeadLetterRecord(r));
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> c = new HashMap<>(connection);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2 * 1024 * 1024);
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> c = new HashMap<>(connection);
        // Under the context's transactional-id prefix (its ACLs grant it); one id, so re-drives fence each other.
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "musiccorp-" + context + "-dead-letter-redrive");
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576);
        return new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A dead letter this context's principal may not write back: its topic belongs to another (a secured cluster). */
    public static final class NotAllowed extends RuntimeException {
        NotAllowed(String message) {
            super(message);
        }
    }

    /** A dead letter that cannot be re-driven as it is. */
    public static final class NotReDrivable extends RuntimeException {
        NotReDrivable(String message) {
            super(message);
        }
    }
}
