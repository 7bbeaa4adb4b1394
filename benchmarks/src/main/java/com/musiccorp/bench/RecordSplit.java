package com.musiccorp.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.kafka.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the offsets written over a range are: data records or exactly-once overhead. In a data
 * partition the offsets are data records plus transaction markers (every committed or aborted
 * transaction writes one control record to each partition it touched); consumers never return
 * control records, so a {@code read_uncommitted} consumer counts the data records of each partition
 * over the range (assign, seek, count) and markers = offsets − data; a repartition topic's records
 * are deleted once consumed, so they are counted while the step runs ({@link RepartitionTail}).
 * {@code __consumer_offsets}
 * holds the offset commits (with their own markers) and {@code __transaction_state} the
 * transaction log.
 */
final class RecordSplit {
    static final String CONSUMER_OFFSETS = "__consumer_offsets";
    static final String TRANSACTION_STATE = "__transaction_state";
    /** Topics of the catalog that carry events (their values are event schemas). */
    private static final Set<String> EVENT_TOPICS = Set.copyOf(TopicCatalog.all().stream()
            .filter(t -> !t.valueSubjects().isEmpty()).map(TopicSpec::name).toList());

    private RecordSplit() {
    }

    /** The kind of a topic, as the split reports data records: events, changelog, repartition or other. */
    static String kind(String topic) {
        if (EVENT_TOPICS.contains(topic)) return "events";
        if (topic.endsWith("-changelog")) return "changelog";
        if (topic.endsWith("-repartition")) return "repartition";
        return "other";
    }

    /** The counts over one range of offsets. */
    record Counts(long offsets, long data, long markers, long offsetCommits, long transactionLog, long otherInternal,
                  Map<String, Long> dataByKind, Map<String, Long> dataByTopic, boolean complete, double countSeconds) {

        /** The figures divided by {@code orders}, plus the absolute counts. */
        ObjectNode perOrder(long orders) {
            ObjectNode n = SagaLoad.JSON.createObjectNode();
            n.put("ordersAtRest", orders);
            n.put("data", per(data, orders));
            n.put("markers", per(markers, orders));
            n.put("offsetCommits", per(offsetCommits, orders));
            n.put("transactionLog", per(transactionLog, orders));
            if (otherInternal > 0) n.put("otherInternal", per(otherInternal, orders));
            n.put("total", per(offsets, orders));
            n.put("eosOverhead", per(markers + offsetCommits + transactionLog, orders));
            ObjectNode kinds = n.putObject("dataByKind");
            dataByKind.forEach((k, v) -> kinds.put(k, per(v, orders)));
            ObjectNode abs = n.putObject("records");
            abs.put("offsets", offsets);
            abs.put("data", data);
            abs.put("markers", markers);
            abs.put("offsetCommits", offsetCommits);
            abs.put("transactionLog", transactionLog);
            abs.put("otherInternal", otherInternal);
            abs.set("dataByTopic", SagaLoad.JSON.valueToTree(dataByTopic));
            abs.put("complete", complete);
            abs.put("countSeconds", SagaLoad.round(countSeconds));
            return n;
        }

        private static double per(long v, long orders) {
            return orders == 0 ? 0 : SagaLoad.round((double) v / orders);
        }
    }

    /**
     * Splits the offsets written between {@code before} and {@code after} (end offsets of every
     * partition, as {@link TopicOffsets#ends()} gives them). Reads every record of the range once: run
     * it when the load it measures is over.
     */
    static Counts count(String bootstrap, Map<TopicPartition, Long> before, Map<TopicPartition, Long> after,
                        Duration cap, RepartitionTail repartitions) {
        long t0 = System.nanoTime();
        long offsets = 0, offsetCommits = 0, transactionLog = 0, otherInternal = 0;
        Map<TopicPartition, long[]> ranges = new HashMap<>();
        for (var e : after.entrySet()) {
            TopicPartition tp = e.getKey();
            long from = before.getOrDefault(tp, 0L), delta = e.getValue() - from;
            if (delta <= 0) continue;
            offsets += delta;
            if (tp.topic().equals(CONSUMER_OFFSETS)) offsetCommits += delta;
            else if (tp.topic().equals(TRANSACTION_STATE)) transactionLog += delta;
            else if (tp.topic().startsWith("__")) otherInternal += delta;
            else if (!RepartitionTail.isRepartition(tp)) ranges.put(tp, new long[]{from, e.getValue()});
        }
        Map<String, Long> byTopic = new TreeMap<>();
        boolean complete;
        try {
            RepartitionTail.Counted tail = repartitions.countBelow(after, cap);
            tail.dataRecords().forEach((tp, n) -> byTopic.merge(tp.topic(), n, Long::sum));
            complete = tail.complete();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            complete = false;
        }
        if (!ranges.isEmpty()) {
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.assign(ranges.keySet());
                ranges.forEach((tp, r) -> consumer.seek(tp, r[0]));
                Set<TopicPartition> open = new HashSet<>(ranges.keySet());
                long deadline = System.nanoTime() + cap.toNanos();
                while (!open.isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        complete = false;
                        break;
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        long[] range = ranges.get(new TopicPartition(r.topic(), r.partition()));
                        if (r.offset() >= range[0] && r.offset() < range[1]) byTopic.merge(r.topic(), 1L, Long::sum);
                    }
                    // The position moves past control records too: a partition is done once it reaches
                    // the range's end, whatever the last offsets of the range were.
                    for (var it = open.iterator(); it.hasNext(); ) {
                        TopicPartition tp = it.next();
                        if (consumer.position(tp) >= ranges.get(tp)[1]) {
                            consumer.pause(java.util.List.of(tp));
                            it.remove();
                        }
                    }
                }
            }
        }
        long data = byTopic.values().stream().mapToLong(Long::longValue).sum();
        long dataOffsets = offsets - offsetCommits - transactionLog - otherInternal;
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (String k : new String[]{"events", "changelog", "repartition", "other"}) byKind.put(k, 0L);
        byTopic.forEach((t, n) -> byKind.merge(kind(t), n, Long::sum));
        return new Counts(offsets, data, dataOffsets - data, offsetCommits, transactionLog, otherInternal,
                byKind, byTopic, complete, (System.nanoTime() - t0) / 1e9);
    }
}
