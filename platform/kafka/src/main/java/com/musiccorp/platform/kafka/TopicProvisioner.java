package com.musiccorp.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
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

/**
 * Creates the catalog's topics that do not exist yet and refuses to run on a topic of the wrong shape:
 * partitions, replication factor or {@code min.insync.replicas} other than it would create.
 */
public final class TopicProvisioner {
    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

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
            checkExisting(topics.stream().filter(t -> !created.contains(t.name())).toList());
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

    /**
     * An existing topic must have the shape this provisioner would give it: a co-partitioned topic
     * with another partition count would silently break joins, and fewer replicas or a lower
     * {@code min.insync.replicas} than the deployment asks for would silently weaken durability
     * (acks=all then waits for fewer copies). Fails naming every mismatch.
     */
    private void checkExisting(List<TopicSpec> specs) throws ExecutionException, InterruptedException {
        if (specs.isEmpty()) return;
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> described = describe(names);
        Map<String, Config> configs = specs.stream().anyMatch(s -> expectedMinIsr(s) != null)
                ? describeConfigs(names) : Map.of();
        List<String> wrong = new java.util.ArrayList<>();
        for (TopicSpec s : specs) {
            TopicDescription d = described.get(s.name());
            if (d.partitions().size() != s.partitions()) {
                wrong.add(s.name() + " has " + d.partitions().size() + " partitions, the catalog says " + s.partitions());
            }
            java.util.SortedSet<Integer> factors = d.partitions().stream().map(p -> p.replicas().size())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            if (!factors.equals(java.util.Set.of((int) replicationFactor)) && !factors.isEmpty()) {
                wrong.add(s.name() + " has replication factor "
                        + factors.stream().map(String::valueOf).collect(Collectors.joining("/"))
                        + ", expected " + replicationFactor);
            }
            String minIsr = expectedMinIsr(s);
            if (minIsr != null) {
                ConfigEntry actual = configs.get(s.name()).get(MIN_INSYNC_REPLICAS);
                String value = actual == null ? "unset" : actual.value();
                if (!minIsr.equals(value)) {
                    wrong.add(s.name() + " has " + MIN_INSYNC_REPLICAS + "=" + value + ", expected " + minIsr);
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("Topics do not match the catalog (" + wrong.size() + " mismatches; fix them "
                    + "with kafka-topics/kafka-configs or recreate the topics): " + String.join("; ", wrong));
        }
    }

    /** The {@code min.insync.replicas} this provisioner would create {@code spec} with, or null when it sets none. */
    private String expectedMinIsr(TopicSpec spec) {
        return spec.configs().getOrDefault(MIN_INSYNC_REPLICAS, extraConfigs.get(MIN_INSYNC_REPLICAS));
    }

    private Map<String, Config> describeConfigs(List<String> names) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        while (true) {
            try {
                Map<String, Config> byName = new java.util.HashMap<>();
                admin.describeConfigs(resources).all().get().forEach((r, c) -> byName.put(r.name(), c));
                return byName;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) throw e;
                java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
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
