package com.musiccorp.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.platform.kafka.EmbeddedKafkaBroker;
import com.musiccorp.platform.registry.RegistryHttp.Reply;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.musiccorp.platform.registry.RegistryHttp.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The state lives in Kafka, not in an instance: restarts, log compaction and several instances at
 * once all serve the same ids, versions, levels and deletions.
 *
 * <p>This class runs its own broker whose log cleaner wakes every 100 ms, and pre-creates
 * {@code _schemas} with tiny segments, so compaction really happens during the test.
 */
class DurabilityTest {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.builder().config("log.cleaner.backoff.ms", "100").build().start();
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic("_schemas", 1, (short) 1).configs(Map.of(
                    "cleanup.policy", "compact",
                    "segment.ms", "100",
                    "min.cleanable.dirty.ratio", "0.01",
                    "min.compaction.lag.ms", "0",
                    "delete.retention.ms", "0")))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @Test
    void aRestartedRegistryServesTheSameState() {
        Map<String, String> before;
        int maxId;
        try (SchemaRegistryServer first = SchemaRegistryServer.start(broker.bootstrapServers(), 0)) {
            RegistryHttp http = new RegistryHttp(first.url());
            http.registerOk("restart-a", record("RestartA", "x:int"));
            http.registerOk("restart-a", record("RestartA", "x:int", "y:int=0"));
            http.registerOk("restart-b", record("RestartA", "x:int"));
            http.put("/config/restart-a", Map.of("compatibility", "FULL"));
            http.registerOk("restart-soft", record("RestartSoft", "x:int"));
            http.delete("/subjects/restart-soft");
            http.registerOk("restart-hard", record("RestartHard", "x:int"));
            http.delete("/subjects/restart-hard");
            http.delete("/subjects/restart-hard?permanent=true");
            http.registerOk("restart-version", record("RestartVersion", "x:int"));
            http.registerOk("restart-version", record("RestartVersion", "x:int", "y:int=0"));
            http.delete("/subjects/restart-version/versions/1");
            http.put("/mode/restart-readonly", Map.of("mode", "READONLY"));
            before = snapshot(http);
            maxId = maxId(http);
        }
        assertThat(before).containsKeys("subject restart-a versions", "subject restart-soft versions?deleted");

        try (SchemaRegistryServer second = SchemaRegistryServer.start(broker.bootstrapServers(), 0)) {
            RegistryHttp http = new RegistryHttp(second.url());
            assertThat(snapshot(http)).isEqualTo(before);
            assertThat(http.registerOk("restart-new", record("RestartNew", "x:int"))).isEqualTo(maxId + 1);
            assertThat(http.register("restart-readonly", record("RestartNew", "x:int")).errorCode()).isEqualTo(42205);
        }
    }

    /**
     * Overwrites every kind of key, lets the broker's log cleaner compact the topic, and checks that a
     * new instance reading only what compaction kept serves exactly what the running one does. The
     * history includes a registration that only a level changed afterwards allowed.
     */
    @Test
    void compactionChangesNothing() throws Exception {
        try (SchemaRegistryServer running = SchemaRegistryServer.start(broker.bootstrapServers(), 0)) {
            RegistryHttp http = new RegistryHttp(running.url());
            http.registerOk("compact-a", record("CompactA", "x:int"));
            http.put("/config/compact-a", Map.of("compatibility", "NONE"));
            http.registerOk("compact-a", record("CompactA", "x:string"));
            http.put("/config/compact-a", Map.of("compatibility", "BACKWARD"));
            http.registerOk("compact-b", record("CompactA", "x:string"));
            http.delete("/subjects/compact-b/versions/1");
            http.delete("/subjects/compact-b/versions/1?permanent=true");
            http.registerOk("compact-b", record("CompactB", "x:int"));
            http.registerOk("compact-c", record("CompactC", "x:int"));
            http.delete("/subjects/compact-c");
            http.registerOk("compact-c", record("CompactC", "x:int"));
            for (String level : List.of("FULL", "FORWARD", "NONE", "FULL_TRANSITIVE")) {
                http.put("/config/compact-levels", Map.of("compatibility", level));
            }

            long history = endOffset();
            int[] filler = {0};
            // The cleaner only cleans rolled segments, and a segment rolls on the next append: keep writing.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                http.put("/config/compact-filler", Map.of("compatibility", filler[0]++ % 2 == 0 ? "FULL" : "NONE"));
                return compactedBelow(history);
            });
            Map<String, String> expected = snapshot(http);
            try (SchemaRegistryServer fresh = SchemaRegistryServer.start(broker.bootstrapServers(), 0)) {
                assertThat(snapshot(new RegistryHttp(fresh.url()))).isEqualTo(expected);
            }
        }
    }

    /** Two instances at once: each reads what the other wrote, and racing registrations all land with distinct ids. */
    @Test
    void twoInstancesShareOneRegistry() throws Exception {
        try (SchemaRegistryServer a = SchemaRegistryServer.start(broker.bootstrapServers(), 0);
             SchemaRegistryServer b = SchemaRegistryServer.start(broker.bootstrapServers(), 0)) {
            RegistryHttp onA = new RegistryHttp(a.url());
            RegistryHttp onB = new RegistryHttp(b.url());

            String schema = record("Shared", "x:int");
            int id = onA.registerOk("shared-value", schema);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(onB.get("/schemas/ids/" + id).json().path("schema").asText()).isEqualTo(schema));
            assertThat(onB.registerOk("shared-value", schema)).isEqualTo(id);
            assertThat(onB.registerOk("shared-other", schema)).isEqualTo(id);

            // 16 new schemas, half through each instance, four per subject, all compatible with each other.
            List<Future<Integer>> results = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int i = 0; i < 16; i++) {
                    RegistryHttp via = i % 2 == 0 ? onA : onB;
                    String subject = "race-" + (i % 4);
                    String raced = record("Race", "f" + i + ":int=0");
                    results.add(pool.submit(() -> via.registerOk(subject, raced)));
                }
                Set<Integer> ids = new HashSet<>();
                for (Future<Integer> result : results) ids.add(result.get());
                assertThat(ids).as("distinct ids").hasSize(16).doesNotContain(id);

                for (RegistryHttp http : List.of(onA, onB)) {
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                        Set<Integer> registered = new HashSet<>();
                        for (int s = 0; s < 4; s++) {
                            JsonNode versions = http.get("/subjects/race-" + s + "/versions").json();
                            assertThat(versions).as("race-%d", s).hasSize(4);
                            for (JsonNode v : versions) {
                                registered.add(http.get("/subjects/race-" + s + "/versions/" + v.asInt()).id());
                            }
                        }
                        assertThat(registered).as("no registration lost").isEqualTo(ids);
                    });
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(snapshot(onA)).isEqualTo(snapshot(onB));
        }
    }

    /**
     * The race, made deterministic: while A plans version 2 from its state, B registers version 2. A's
     * commit is fenced, A starts over against the new state and lands as version 3; nothing is lost.
     */
    @Test
    void aWriterThatLostTheRaceRetriesAgainstTheNewState() {
        RegistrySettings settings = RegistrySettings.defaults(broker.bootstrapServers()).withTopic("_schemas_race");
        RegistryState stateA = new RegistryState();
        RegistryState stateB = new RegistryState();
        try (RegistryLog a = new RegistryLog(settings, stateA); RegistryLog b = new RegistryLog(settings, stateB)) {
            a.start();
            a.awaitReady(Duration.ofSeconds(30));
            b.start();
            b.awaitReady(Duration.ofSeconds(30));
            a.write(s -> registration(s, 1, record("RaceV1", "x:int")));

            List<Integer> versionsPlannedByA = new ArrayList<>();
            int landed = a.write(s -> {
                int next = s.nextVersion("race");
                versionsPlannedByA.add(next);
                if (versionsPlannedByA.size() == 1) {
                    int versionOfB = b.write(other -> registration(other, 2, record("RaceB", "x:int")));
                    assertThat(versionOfB).isEqualTo(2);
                }
                return registration(s, next, record("RaceA", "x:int"));
            });

            assertThat(versionsPlannedByA).containsExactly(2, 3);
            assertThat(landed).isEqualTo(3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (RegistryState state : List.of(stateA, stateB)) {
                    assertThat(state.versions("race", false)).extracting(v -> v.version() + ":" + v.id())
                            .containsExactly("1:1", "2:2", "3:3");
                }
            });
        }
    }

    /** A registration of {@code text} as {@code version} of subject "race", with the id the state would give it. */
    private static RegistryLog.Plan<Integer> registration(RegistryState s, int version, String text) {
        int id = s.maxId() + 1;
        return new RegistryLog.Plan<>(List.of(
                new LogRecord(new LogRecord.MaxIdKey(), new LogRecord.MaxIdValue(id)),
                new LogRecord(new LogRecord.SchemaKey("race", version),
                        new LogRecord.SchemaValue("race", version, id, "AVRO", text, false))), version);
    }

    @Test
    void createsItsTopicAndRefusesOneThatIsNotCompacted() throws Exception {
        try (SchemaRegistryServer custom = SchemaRegistryServer.start(
                RegistrySettings.defaults(broker.bootstrapServers()).withTopic("_schemas_custom"));
             Admin admin = Admin.create(broker.clientConfig())) {
            assertThat(new RegistryHttp(custom.url()).registerOk("custom", record("Custom", "x:int"))).isEqualTo(1);
            TopicDescription topic = admin.describeTopics(List.of("_schemas_custom")).allTopicNames().get().get("_schemas_custom");
            assertThat(topic.partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "_schemas_custom");
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value())
                    .isEqualTo("compact");

            admin.createTopics(List.of(new NewTopic("_schemas_deleting", 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "delete")))).all().get();
        }
        assertThatThrownBy(() -> SchemaRegistryServer.start(
                RegistrySettings.defaults(broker.bootstrapServers()).withTopic("_schemas_deleting")))
                .hasMessageContaining("cleanup.policy=compact");
    }

    /** Everything a client can read, keyed by request. */
    static Map<String, String> snapshot(RegistryHttp http) {
        Map<String, String> out = new TreeMap<>();
        out.put("config", http.get("/config").toString());
        out.put("mode", http.get("/mode").toString());
        out.put("subjects", http.get("/subjects").toString());
        for (JsonNode s : http.get("/subjects?deleted=true").json()) {
            String subject = s.asText();
            String path = "/subjects/" + RegistryHttp.encode(subject);
            out.put("subject " + subject + " versions", http.get(path + "/versions").toString());
            out.put("subject " + subject + " versions?deleted", http.get(path + "/versions?deleted=true").toString());
            for (JsonNode v : http.get(path + "/versions?deleted=true").json()) {
                out.put("subject " + subject + " version " + v.asInt(), http.get(path + "/versions/" + v.asInt() + "?deleted=true").toString());
            }
            out.put("subject " + subject + " config", http.get("/config/" + RegistryHttp.encode(subject)).toString());
            out.put("subject " + subject + " mode", http.get("/mode/" + RegistryHttp.encode(subject)).toString());
        }
        int maxId = maxId(http);
        for (int id = 1; id <= maxId + 1; id++) {
            out.put("id " + id, http.get("/schemas/ids/" + id).toString());
            out.put("id " + id + " versions", http.get("/schemas/ids/" + id + "/versions?deleted=true").toString());
        }
        out.put("maxId", String.valueOf(maxId));
        return out;
    }

    /** The highest id handed out, hard-deleted ones included. */
    static int maxId(RegistryHttp http) {
        Reply any = http.get("/schemas?deleted=true");
        int highestLive = 0;
        for (JsonNode s : any.json()) highestLive = Math.max(highestLive, s.get("id").asInt());
        Reply withMax = highestLive == 0 ? null : http.get("/schemas/ids/" + highestLive + "?fetchMaxId=true");
        return withMax == null ? 0 : withMax.json().get("maxId").asInt();
    }

    /**
     * True once the log cleaner has compacted every record below {@code offset}: one record per key
     * (what compaction keeps) and no tombstone left (delete.retention.ms is 0 here).
     */
    private static boolean compactedBelow(long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "isolation.level", "read_committed",
                "key.deserializer", ByteArrayDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition("_schemas", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Map<String, Integer> perKey = new HashMap<>();
            boolean tombstones = false;
            while (consumer.position(partition) < offset) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.offset() >= offset) continue;
                    perKey.merge(new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum);
                    tombstones |= r.value() == null;
                }
            }
            return !tombstones && perKey.values().stream().allMatch(n -> n == 1);
        }
    }

    private static long endOffset() throws Exception {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            TopicPartition partition = new TopicPartition("_schemas", 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
    }
}
