package com.musiccorp.faults;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The lag of every context's consumer group ({@code musiccorp-<context>}, or a rebuild's generation):
 * end offset of committed data minus the group's committed offset, summed over its partitions.
 */
final class ConsumerLag {
    private ConsumerLag() {
    }

    static Map<String, Long> perGroup(SystemUnderFaults system) throws Exception {
        Map<String, Long> lag = new TreeMap<>();
        try (Admin admin = system.admin()) {
            for (String group : admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .filter(g -> g.startsWith("musiccorp-")).toList()) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                committed.values().removeIf(Objects::isNull);
                if (committed.isEmpty()) continue;
                var ends = admin.listOffsets(committed.keySet().stream().collect(Collectors.toMap(tp -> tp,
                        tp -> OffsetSpec.latest())), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
                long sum = 0;
                for (var e : committed.entrySet()) sum += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                lag.put(group, sum);
            }
        }
        return lag;
    }

    static long total(Map<String, Long> lag) {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }
}
