package com.musiccorp.platform.streams;

import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.rebuild.RebuildStatus;
import com.musiccorp.platform.streams.rebuild.RebuildableState;
import com.musiccorp.platform.streams.rebuild.StateDigest;
import com.musiccorp.platform.streams.rebuild.StateRebuilds;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild writes nothing to a topic users read: what it cannot fold goes to its generation's own
 * dead-letter topic, counted in its status, and is deleted with the generation; the context's
 * dead-letter topic keeps only what the live state dead-lettered.
 */
class RebuildDeadLettersIT {
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false);
    static final String IN = "fold.in";
    static final String SWITCHING_IN = "switch.in";
    static final String CONTEXT = "foldtest";
    static final String SWITCHING_CONTEXT = "switchtest";

    /** Counts records per key; a record saying "boom" cannot be folded. */
    static final class Counts implements RebuildableState {
        private final String input;
        private final boolean foldIsLive;

        Counts(String input, boolean foldIsLive) {
            this.input = input;
            this.foldIsLive = foldIsLive;
        }

        @Override
        public Topology foldTopology(Properties props, Optional<Instant> asOf) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()).withName("fold-source"))
                    .peek((k, v) -> {
                        if (v.equals("boom")) throw new IllegalStateException("cannot fold " + k);
                    }, Named.as("refuse-boom"))
                    .groupByKey().count(Named.as("count"), Materialized.as("counts"));
            return builder.build(props);
        }

        @Override
        public List<String> inputTopics() {
            return List.of(input);
        }

        @Override
        public StateDigest digest(KafkaStreams streams, StateDigest digest) {
            digest.store("counts");
            try (var all = streams.store(StoreQueryParameters.fromNameAndType("counts",
                    QueryableStoreTypes.<String, Long>keyValueStore())).all()) {
                all.forEachRemaining(kv -> digest.add("counts", kv.key, kv.value));
            }
            return digest;
        }

        @Override
        public Optional<Object> view(KafkaStreams streams, String key) {
            return Optional.empty();
        }

        @Override
        public boolean foldIsLive() {
            return foldIsLive;
        }
    }

    @BeforeAll
    static void createInput() throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(IN, 1, (short) 1), new NewTopic(SWITCHING_IN, 1, (short) 1)))
                    .all().get();
        }
    }

    @Test
    void whatARebuildCannotFoldStaysWithItsGeneration(@TempDir Path state) throws Exception {
        String liveLetters = TopicCatalog.deadLetterTopic(CONTEXT);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(liveLetters, 1, (short) 1))).all().get();
        }
        ContextSettings settings = ContextSettings.from(CONTEXT, Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", "http://127.0.0.1:1", "STATE_DIR", state.toString()));
        Properties live = StreamsSettings.forContext(settings);
        Counts counts = new Counts(IN, false);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (String[] r : new String[][] {{"a", "1"}, {"poison", "boom"}, {"a", "2"}, {"b", "1"}}) {
                producer.send(new ProducerRecord<>(IN, r[0], r[1])).get();
            }
        }
        try (StreamsRuntime serving = new StreamsRuntime(counts.foldTopology(live, Optional.empty()), live).start();
             StateRebuilds rebuilds = new StateRebuilds(CONTEXT, serving, live, StreamsSettings.generations(settings),
                     counts)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> records(liveLetters) == 1);

            long liveEnd = endOffset(liveLetters);
            RebuildStatus started = rebuilds.start(Optional.empty());
            await().atMost(Duration.ofSeconds(90)).until(() -> rebuilds.status().orElseThrow().phase() == RebuildStatus.Phase.CAUGHT_UP);
            RebuildStatus done = rebuilds.status().orElseThrow();

            assertThat(done.deadLetters()).isEqualTo(1);
            assertThat(done.message()).contains("1 record(s) could not be folded");
            assertThat(done.digest().entries()).isEqualTo(2);
            String own = StreamsSettings.rebuildDeadLetterTopic(started.applicationId());
            await().atMost(Duration.ofSeconds(30)).until(() -> records(own) == 1);
            assertThat(records(liveLetters)).as("the context's dead letters are the live state's only").isEqualTo(1);
            assertThat(endOffset(liveLetters)).as("and nothing was written there since").isEqualTo(liveEnd);

            rebuilds.discard();
            try (Admin admin = kafka.admin()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(own));
            }
        }
    }

    @Test
    void aRebuildThatTakesOverSendsLaterDeadLettersToTheContextsTopic(@TempDir Path state) throws Exception {
        String liveLetters = TopicCatalog.deadLetterTopic(SWITCHING_CONTEXT);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(liveLetters, 1, (short) 1))).all().get();
        }
        ContextSettings settings = ContextSettings.from(SWITCHING_CONTEXT, Map.of("KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(), "SCHEMA_REGISTRY_URL", "http://127.0.0.1:1", "STATE_DIR", state.toString()));
        Properties live = StreamsSettings.forContext(settings);
        Counts counts = new Counts(SWITCHING_IN, true);
        send(SWITCHING_IN, "before", "boom");
        try (StreamsRuntime serving = new StreamsRuntime(counts.foldTopology(live, Optional.empty()), live).start();
             StateRebuilds rebuilds = new StateRebuilds(SWITCHING_CONTEXT, serving, live,
                     StreamsSettings.generations(settings), counts)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> records(liveLetters) >= 1);
            long before = records(liveLetters);

            RebuildStatus started = rebuilds.start(Optional.empty());
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> rebuilds.status().orElseThrow().phase() == RebuildStatus.Phase.SWITCHED);
            assertThat(serving.streams().metadataForLocalThreads())
                    .as("it rebuilt with the rebuild profile's threads, and serves with the live settings")
                    .hasSize(1);
            send(SWITCHING_IN, "after-switch", "boom");

            await().atMost(Duration.ofSeconds(60)).until(() -> records(liveLetters) == before + 1);
            assertThat(records(StreamsSettings.rebuildDeadLetterTopic(started.applicationId())))
                    .as("only what the rebuild itself could not fold").isEqualTo(rebuilds.status().orElseThrow().deadLetters());
        }
    }

    private static void send(String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static long endOffset(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    /** Committed records of a one-partition topic (its end offset also counts transaction markers). */
    private static long records(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", "read_committed", "auto.offset.reset", "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            long count = 0;
            for (int read = -1; read != 0; ) {
                read = consumer.poll(Duration.ofMillis(300)).count();
                count += read;
            }
            return count;
        }
    }
}
