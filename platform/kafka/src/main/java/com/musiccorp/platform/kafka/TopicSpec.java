package com.musiccorp.platform.kafka;

import java.util.List;
import java.util.Map;

/**
 * One topic of the catalog: who owns (writes) it, what its key is, which event schemas (subjects,
 * record-name strategy) its values carry, and its partitioning and retention.
 */
public record TopicSpec(
        String name,
        String owner,
        String key,
        List<String> valueSubjects,
        int partitions,
        Map<String, String> configs,
        String description) {

    public TopicSpec {
        valueSubjects = List.copyOf(valueSubjects);
        configs = Map.copyOf(configs);
    }

    public boolean compacted() {
        return configs.getOrDefault("cleanup.policy", "delete").contains("compact");
    }
}
