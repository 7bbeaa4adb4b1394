package com.musiccorp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.kafka.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"The topic catalog (name, owner, key, partitions, retention, subjects) as the cluster has it, "
                + "and the lag of every context's consumer group (musiccorp-<context>) per topic."})
final class TopicsCommand implements Callable<Integer> {
    private static final String NAMESPACE = "com.musiccorp.events.";

    private final MusicCorpCli.Io io;

    @Mixin
    Options.Kafka kafka;
    @Mixin
    Options.Output output;

    TopicsCommand(MusicCorpCli.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        try (Admin admin = Clients.admin(kafka.bootstrapServers)) {
            Map<String, Integer> existing = partitionsInCluster(admin);
            ObjectNode result = Json.object();
            ArrayNode topics = result.putArray("topics");
            for (TopicSpec spec : TopicCatalog.all()) {
                ObjectNode t = topics.addObject().put("name", spec.name()).put("owner", spec.owner())
                        .put("key", spec.key()).put("partitions", spec.partitions())
                        .put("retention", retention(spec));
                if (existing.containsKey(spec.name())) t.put("partitionsInCluster", existing.get(spec.name()));
                else t.putNull("partitionsInCluster");
                ArrayNode subjects = t.putArray("subjects");
                spec.valueSubjects().forEach(subjects::add);
            }
            ArrayNode groups = result.putArray("consumerGroups");
            Set<String> existingGroups = admin.listConsumerGroups().all().get().stream()
                    .map(org.apache.kafka.clients.admin.ConsumerGroupListing::groupId).collect(Collectors.toSet());
            for (String context : contexts()) {
                for (String group : groupsOf(context, existingGroups)) groups.add(lag(admin, group));
            }
            if (output.json) io.out().println(Json.pretty(result));
            else printHuman(result);
        }
        return MusicCorpCli.OK;
    }

    /**
     * A context's consumer groups: {@code musiccorp-<context>}, or a rebuild's generation
     * {@code musiccorp-<context>-g<N>} (the serving one after a switch, or one being rebuilt).
     */
    static java.util.List<String> groupsOf(String context, Set<String> existing) {
        String base = "musiccorp-" + context;
        java.util.List<String> found = existing.stream().filter(g -> g.equals(base) || g.matches(
                java.util.regex.Pattern.quote(base) + "-g\\d+")).sorted().toList();
        return found.isEmpty() ? java.util.List.of(base) : found;
    }

    /** Every context of the catalog: each has a dead-letter topic, so that is where they are listed. */
    static java.util.List<String> contexts() {
        return TopicCatalog.all().stream().filter(t -> t.name().equals(TopicCatalog.deadLetterTopic(t.owner())))
                .map(TopicSpec::owner).toList();
    }

    private static Map<String, Integer> partitionsInCluster(Admin admin) throws Exception {
        var names = admin.listTopics().listings().get().stream().map(TopicListing::name).toList();
        return admin.describeTopics(names).allTopicNames().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
    }

    private static String retention(TopicSpec spec) {
        if (spec.compacted()) return "compacted";
        String ms = spec.configs().get("retention.ms");
        if (ms == null) return "broker default";
        long millis = Long.parseLong(ms);
        if (millis < 0) return "forever";
        Duration d = Duration.ofMillis(millis);
        return d.toDaysPart() > 0 && d.toHoursPart() == 0 ? d.toDays() + " days" : d.toString();
    }

    /** Lag per topic of one group: end offset (committed data) minus the group's committed offset. */
    private static ObjectNode lag(Admin admin, String group) throws Exception {
        ObjectNode node = Json.object().put("group", group);
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        } catch (ExecutionException e) {
            node.put("error", e.getCause().getMessage());
            return node;
        }
        committed.values().removeIf(java.util.Objects::isNull);
        if (committed.isEmpty()) {
            node.putNull("lag");
            node.put("note", "no committed offsets (never ran against this cluster?)");
            return node;
        }
        var ends = admin.listOffsets(committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<String, Long> perTopic = new TreeMap<>();
        committed.forEach((tp, offset) -> perTopic.merge(tp.topic(),
                Math.max(0, ends.get(tp).offset() - offset.offset()), Long::sum));
        node.put("lag", perTopic.values().stream().mapToLong(Long::longValue).sum());
        ObjectNode topics = node.putObject("topics");
        perTopic.forEach(topics::put);
        return node;
    }

    private void printHuman(ObjectNode result) {
        io.out().printf("%-22s %-15s %-20s %-10s %-10s %s%n", "TOPIC", "OWNER", "KEY", "PARTITIONS", "RETENTION", "SUBJECTS");
        result.path("topics").forEach(t -> {
            String partitions = t.path("partitionsInCluster").isNull() ? t.path("partitions").asInt() + " (MISSING)"
                    : t.path("partitionsInCluster").asInt() == t.path("partitions").asInt() ? t.path("partitions").asText()
                    : t.path("partitionsInCluster").asInt() + " (catalog " + t.path("partitions").asInt() + ")";
            StringBuilder subjects = new StringBuilder();
            t.path("subjects").forEach(s -> subjects.append(subjects.isEmpty() ? "" : ", ")
                    .append(s.asText().replace(NAMESPACE, "")));
            io.out().printf("%-22s %-15s %-20s %-10s %-10s %s%n", t.path("name").asText(), t.path("owner").asText(),
                    t.path("key").asText(), partitions, t.path("retention").asText(), subjects);
        });
        io.out().println();
        io.out().printf("%-28s %s%n", "CONSUMER GROUP", "LAG");
        result.path("consumerGroups").forEach(g -> {
            String lag = g.has("error") ? "error: " + g.path("error").asText()
                    : g.path("lag").isNull() ? g.path("note").asText() : g.path("lag").asText();
            io.out().printf("%-28s %s%n", g.path("group").asText(), lag);
            g.path("topics").properties().forEach(e ->
                    io.out().printf("    %-24s %d%n", e.getKey(), e.getValue().asLong()));
        });
    }
}
