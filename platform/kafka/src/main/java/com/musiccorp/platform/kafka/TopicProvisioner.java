package com.musiccorp.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** Creates the catalog's topics that do not exist yet and refuses to run on a topic of the wrong shape. */
public final class TopicProvisioner {
    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final short replicationFactor;
    private final Map<String, String> extraConfigs;

    /**
     * @param replicationFactor 1 on the embedded single broker, 3 on a production cluster
     * @param extraConfigs      added to every topic, e.g. {@code min.insync.replicas=2} on a cluster
     */
    public TopicProvisioner(Admin admin, short replicationFactor, Map<String, String> extraConfigs) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.extraConfigs = Map.copyOf(extraConfigs);
    }

    public TopicProvisioner(Admin admin) {
        this(admin, (short) 1, Map.of());
    }

    /** Idempotent: creates what is missing, checks what exists. Returns the names it created. */
    public List<String> ensure(Collection<TopicSpec> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(this::newTopic)
                    .toList();
            List<String> created = new java.util.ArrayList<>();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    // Another starter won the race, or the topic is newer than this broker's metadata cache.
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
            checkPartitions(topics.stream().filter(t -> !created.contains(t.name())).toList());
            if (!created.isEmpty()) log.info("Created topics {}", created);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private NewTopic newTopic(TopicSpec spec) {
        Map<String, String> configs = new java.util.HashMap<>(spec.configs());
        extraConfigs.forEach(configs::putIfAbsent);
        return new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(configs);
    }

    /** A co-partitioned topic with another partition count would silently break joins: fail loudly. */
    private void checkPartitions(List<TopicSpec> specs) throws ExecutionException, InterruptedException {
        if (specs.isEmpty()) return;
        Map<String, TopicDescription> described = describe(specs.stream().map(TopicSpec::name).toList());
        String wrong = specs.stream()
                .filter(s -> described.get(s.name()).partitions().size() != s.partitions())
                .map(s -> s.name() + " has " + described.get(s.name()).partitions().size()
                        + " partitions, the catalog says " + s.partitions())
                .collect(Collectors.joining("; "));
        if (!wrong.isEmpty()) throw new IllegalStateException("Topics do not match the catalog: " + wrong);
    }

    /**
     * A topic another client has just created is listed by the controller before this broker's
     * metadata knows its partitions; describing it then fails with UnknownTopicOrPartition for a
     * moment. Retry for a bounded time instead of failing the start.
     */
    private Map<String, TopicDescription> describe(List<String> names) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) throw e;
                java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }
}
