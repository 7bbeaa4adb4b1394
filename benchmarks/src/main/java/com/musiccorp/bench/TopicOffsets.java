package com.musiccorp.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The sum of every partition's end offset across ALL topics (event, command, changelog, repartition,
 * dead-letter, internal): the difference of two sums is what was written between them. Under
 * exactly-once every transaction also writes one commit marker per partition it touched, which
 * takes an offset too, so the figure overstates records: {@link RecordSplit} says by how much.
 */
final class TopicOffsets {
    private final Admin admin;

    TopicOffsets(Admin admin) {
        this.admin = admin;
    }

    /** End offsets of every partition of every topic, keyed by partition. */
    Map<TopicPartition, Long> ends() throws ExecutionException, InterruptedException {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p ->
                request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /**
     * Per Kafka Streams application ({@code musiccorp-*} group): records its inputs hold that it has
     * not committed yet. Where a backlog builds, this says which context it builds in.
     */
    Map<String, Long> lagByGroup() throws ExecutionException, InterruptedException {
        Map<String, Long> lag = new java.util.TreeMap<>();
        for (var group : admin.listGroups().all().get()) {
            String id = group.groupId();
            if (!id.startsWith("musiccorp-")) continue;
            var committed = admin.listConsumerGroupOffsets(id).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            committed.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
            long sum = 0;
            for (var e : admin.listOffsets(request).all().get().entrySet()) {
                var c = committed.get(e.getKey());
                if (c != null) sum += Math.max(0, e.getValue().offset() - c.offset());
            }
            lag.put(id.substring("musiccorp-".length()), sum);
        }
        return lag;
    }

    static long written(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after) {
        long sum = 0;
        for (var e : after.entrySet()) sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        return sum;
    }
}
