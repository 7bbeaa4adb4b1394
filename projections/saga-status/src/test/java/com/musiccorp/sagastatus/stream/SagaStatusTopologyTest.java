package com.musiccorp.sagastatus.stream;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockReserved;
import com.musiccorp.platform.avro.AvroSerde;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.streams.WriteBehindStore;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.metrics.ProcessMeters;
import com.musiccorp.platform.streams.ContextMeters;
import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.StreamsSettings;
import com.musiccorp.sagastatus.domain.Awaited;
import com.musiccorp.sagastatus.domain.Events;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaStatus;
import com.musiccorp.sagastatus.domain.Step;
import com.musiccorp.sagastatus.domain.TransitionStats;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.CachingKeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The topology on TopologyTestDriver, with the real schema registry behind the Avro serde. */
class SagaStatusTopologyTest {

    static final Instant WALL_CLOCK = Instant.parse("2026-06-01T00:00:00Z");
    static final Duration STALL_AFTER = Duration.ofSeconds(30);
    static final Duration STALL_CHECK = Duration.ofSeconds(5);

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false);
    static SchemaRegistryServer registry;

    TopologyTestDriver driver;
    Properties props;
    Serde<SpecificRecord> events;
    SagaUpdates updates;
    SagaQueries queries;
    Map<String, TestInputTopic<String, SpecificRecord>> topics;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void start(@TempDir Path state) {
        props = StreamsSettings.forContext(new ContextSettings("saga-status", "unused:9092", registry.url(),
                state, Optional.empty(), -1, 0));
        events = new AvroSerde<>();
        events.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        updates = new SagaUpdates();
        driver = new TopologyTestDriver(SagaStatusTopology.build(events, props, STALL_AFTER, STALL_CHECK, updates),
                props, WALL_CLOCK);
        topics = new java.util.HashMap<>();
        for (String topic : SagaStatusTopology.INPUT_TOPICS) {
            topics.put(topic, driver.createInputTopic(topic, new StringSerializer(), events.serializer()));
        }
        queries = new SagaQueries(new LocalStores() {
            @Override
            public List<Integer> partitions() {
                return List.of(0); // the driver runs one task per sub-topology
            }

            @Override
            public <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition) {
                return driver.getKeyValueStore(name);
            }
        });
    }

    @AfterEach
    void stop() {
        driver.close();
        updates.close();
    }

    private void pipe(String topic, SpecificRecord event) {
        String orderId = (String) event.get(event.getSchema().getField("orderId").pos());
        topics.get(topic).pipeInput(new TestRecord<>(orderId, event, Events.metadataOf(event).getOccurredAt()));
    }

    private void pipe(SpecificRecord event) {
        String producer = Events.metadataOf(event).getProducer();
        pipe(producer + ".events", event);
    }

    @Test
    void aSagaRetriedWithoutEndStaysFarBelowTheRecordLimitAndRedeliveriesChangeNothing() {
        Events order = Events.forOrder("order-storm");
        List<SpecificRecord> storm = order.retryStorm(300,
                "€".repeat(2_000)); // longer than any contract allows, 3 bytes a character
        storm.forEach(this::pipe);
        storm.forEach(this::pipe); // every event again, most of them omitted by now

        Saga saga = queries.find(order.correlationId).orElseThrow();
        assertThat(saga.version()).isEqualTo(storm.size());
        assertThat(saga.steps()).hasSize(com.musiccorp.sagastatus.domain.TimelineBounds.HEAD
                + com.musiccorp.sagastatus.domain.TimelineBounds.TAIL);
        assertThat(saga.omittedSteps()).isEqualTo(storm.size() - saga.steps().size());
        assertThat(saga.status()).isEqualTo(SagaStatus.NEEDS_ATTENTION);
        byte[] stored = SagaStateSerde.saga().serializer().serialize(SagaStatusTopology.SAGAS_STORE, saga);
        assertThat(stored.length).as("the stored saga, whatever happens").isLessThan(256 * 1024);
        long transitions = queries.choreography().stream().mapToLong(TransitionStats::count).sum();
        assertThat(transitions).as("each cause→effect pair once, omitted or not").isEqualTo(storm.size() - 1);
    }

    @Test
    void nothingIsRepartitionedAndTheStoresDerivedFromTheSagasHaveNoChangelog() {
        Events order = Events.forOrder("order-quiet");
        List<SpecificRecord> path = order.happyPath();
        path.forEach(this::pipe); // the driver commits, and so flushes the stores' caches, after each record

        assertThat(driver.producedTopicNames()).as("no repartition topic: the correlation index is beside the saga")
                .noneMatch(topic -> topic.endsWith("-repartition"));
        assertThat(driver.producedTopicNames()).as("rebuilt from sagas-store when a task starts (SagaIndexes)")
                .contains(changelogOf(SagaStatusTopology.SAGAS_STORE))
                .doesNotContain(changelogOf(SagaStatusTopology.CORRELATION_INDEX_STORE),
                        changelogOf(SagaStatusTopology.STATUS_INDEX_STORE),
                        changelogOf(SagaStatusTopology.STATUS_COUNTS_STORE),
                        changelogOf(SagaStatusTopology.STALL_INDEX_STORE));
        assertThat(contents(SagaStatusTopology.CORRELATION_INDEX_STORE)).as("written once, with the saga's first event")
                .containsExactly(Map.entry(order.correlationId, order.orderId));

        Saga completed = queries.find(order.correlationId).orElseThrow();
        assertThat(completed.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(contents(SagaStatusTopology.STATUS_INDEX_STORE)).as("keyed by when it entered COMPLETED")
                .containsExactly(Map.entry(IndexKeys.status(completed), order.orderId));
        assertThat(contents(SagaStatusTopology.STATUS_COUNTS_STORE)).containsExactly(Map.entry("COMPLETED", 1L));
        assertThat(contents(SagaStatusTopology.STALL_INDEX_STORE)).as("the entry written when the saga began")
                .containsOnly(Map.entry(IndexKeys.stallCheck(completed.lastProgressAt().plus(STALL_AFTER), order.orderId),
                        order.orderId));

        driver.advanceWallClockTime(STALL_AFTER.plus(STALL_CHECK));

        assertThat(contents(SagaStatusTopology.STALL_INDEX_STORE)).as("the due check drops the entry of a saga at rest")
                .isEmpty();
        assertThat(queries.find(order.correlationId).orElseThrow().status()).isEqualTo(SagaStatus.COMPLETED);
    }

    @Test
    void onlyTheStoresWhoseWritesRepeatWithinACommitCollapseThem() {
        assertThat(writtenBehind(SagaStatusTopology.SAGAS_STORE)).as("a saga is put once per event").isTrue();
        assertThat(cached(SagaStatusTopology.SAGAS_STORE)).as("its values wait as objects, not again as bytes").isFalse();
        assertThat(writtenBehind(SagaStatusTopology.TRANSITIONS_STORE)).as("a transition counted by many sagas").isTrue();
        assertThat(writtenBehind(SagaStatusTopology.STATUS_COUNTS_STORE)).as("a status counted by many sagas").isTrue();
        assertThat(cached(SagaStatusTopology.STALL_INDEX_STORE)).as("an entry put and deleted within a saga").isTrue();
        assertThat(cached(SagaStatusTopology.CORRELATION_INDEX_STORE)).as("one put per saga, kept").isFalse();
        assertThat(writtenBehind(SagaStatusTopology.CORRELATION_INDEX_STORE)).isFalse();
        assertThat(cached(SagaStatusTopology.STATUS_INDEX_STORE)).as("an ended saga's entry is kept").isFalse();
        assertThat(writtenBehind(SagaStatusTopology.STATUS_INDEX_STORE)).isFalse();
    }

    /** Whether Kafka Streams' record cache is one of the store's layers. */
    private boolean cached(String store) {
        return hasLayer(store, CachingKeyValueStore.class);
    }

    /** Whether the store keeps its values as objects until the commit ({@link WriteBehindStore}). */
    private boolean writtenBehind(String store) {
        return hasLayer(store, WriteBehindStore.class);
    }

    private boolean hasLayer(String store, Class<?> type) {
        StateStore layer = (StateStore) driver.getKeyValueStore(store);
        while (layer instanceof WrappedStateStore<?, ?, ?> wrapped) {
            if (type.isInstance(layer)) return true;
            layer = wrapped.wrapped();
        }
        return false;
    }

    private static String changelogOf(String store) {
        return "musiccorp-saga-status-" + store + "-changelog";
    }

    /** Everything the driver's store holds, in key order. */
    private Map<String, Object> contents(String store) {
        Map<String, Object> all = new java.util.TreeMap<>();
        try (var it = driver.<String, Object>getKeyValueStore(store).all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        return all;
    }

    @Test
    void aTaskStartRebuildsTheDerivedStoresFromItsSagasEvenWhenItKeptAStaleCopy(@TempDir Path copies) throws Exception {
        // The instance that has the task: three sagas, then it stops.
        Events done = Events.forOrder("restart-done");
        Events stuck = Events.forOrder("restart-stuck");
        Events later = Events.forOrder("restart-later");
        Events waiting = Events.forOrder("restart-waiting");
        done.happyPath().forEach(this::pipe);
        pipe(stuck.placed());
        List<SpecificRecord> laterPath = later.happyPath();
        pipe(laterPath.getFirst());
        Path first = stopped(copies.resolve("first"));

        // Another instance takes the task over (here: from the same sagas), and the sagas move on there.
        Path second = copies.resolve("second");
        copyRecursively(first, second);
        restartOn(second, WALL_CLOCK);
        driver.advanceWallClockTime(STALL_AFTER.plus(STALL_CHECK)); // stuck and later stall
        laterPath.stream().skip(1).forEach(this::pipe); // later moves on and completes
        OrderPlaced placed = waiting.placed();
        pipe(placed);
        pipe(waiting.reserved(placed)); // can stall, not due yet
        Map<SagaStatus, Long> counts = queries.counts();
        List<Saga> listed = queries.list(null, null, null, null, 500).sagas();
        Map<String, Object> stallChecks = contents(SagaStatusTopology.STALL_INDEX_STORE);
        assertThat(counts).containsEntry(SagaStatus.COMPLETED, 2L).containsEntry(SagaStatus.STALLED, 1L)
                .containsEntry(SagaStatus.IN_PROGRESS, 1L);
        assertThat(listed).hasSize(4);
        // The completed later keeps the entry it got when its stall was cleared, until that is due and dropped.
        stallChecks.values().removeIf(orderId -> orderId.equals(later.orderId));
        Instant movedOn = WALL_CLOCK.plus(STALL_AFTER.plus(STALL_CHECK));
        assertThat(stallChecks).containsOnlyKeys(IndexKeys.stallCheck(movedOn.plus(STALL_AFTER), waiting.orderId));
        Path back = stopped(copies.resolve("back"));

        // The task comes back to the first instance: its sagas restored (here: the second's files), its
        // derived stores as it left them. Stale, and no changelog corrects them.
        for (String store : List.of(SagaStatusTopology.STATUS_INDEX_STORE, SagaStatusTopology.STATUS_COUNTS_STORE,
                SagaStatusTopology.STALL_INDEX_STORE)) {
            Path stale = storeDirectory(back, store);
            deleteRecursively(stale);
            copyRecursively(storeDirectory(first, store), stale);
        }
        restartOn(back, movedOn);

        assertThat(queries.counts()).isEqualTo(counts);
        assertThat(queries.list(null, null, null, null, 500).sagas()).isEqualTo(listed);
        assertThat(contents(SagaStatusTopology.STALL_INDEX_STORE)).isEqualTo(stallChecks);
        driver.advanceWallClockTime(STALL_AFTER.plus(STALL_CHECK));
        assertThat(queries.findByOrder(waiting.orderId).orElseThrow().status()).as("checked as it would have been")
                .isEqualTo(SagaStatus.STALLED);
        assertThat(queries.counts()).containsEntry(SagaStatus.STALLED, 2L).containsEntry(SagaStatus.COMPLETED, 2L)
                .containsEntry(SagaStatus.IN_PROGRESS, 0L);
    }

    /**
     * Stops the driver, its state directory copied to {@code to} as a clean close leaves it. The driver
     * deletes its directory when it closes, so its stores are closed first (RocksDB writes out what it
     * holds in memory) and copied; closing the driver may then fail on them, which does not matter here.
     */
    private Path stopped(Path to) throws java.io.IOException {
        driver.getAllStateStores().values().forEach(org.apache.kafka.streams.processor.StateStore::close);
        copyRecursively(Path.of(props.getProperty(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG)), to);
        try {
            driver.close();
        } catch (RuntimeException storesClosedAlready) {
            // its directory is copied already
        }
        return to;
    }

    /**
     * A new driver (the task starting on an instance) over {@code stateDir}. At least once: a copied
     * directory has no checkpoint, which exactly-once takes for a crash (it would wipe the stores and
     * restore them from changelogs, which a driver has not).
     */
    private void restartOn(Path stateDir, Instant wallClock) {
        Properties restarted = new Properties();
        restarted.putAll(props);
        props = restarted;
        props.put(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(org.apache.kafka.streams.StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                org.apache.kafka.streams.StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(SagaStatusTopology.build(events, props, STALL_AFTER, STALL_CHECK, updates),
                props, wallClock);
        for (String topic : SagaStatusTopology.INPUT_TOPICS) {
            topics.put(topic, driver.createInputTopic(topic, new StringSerializer(), events.serializer()));
        }
    }

    /** The RocksDB directory of {@code store} under a state directory ({@code <application>/<task>/rocksdb/<store>}). */
    private static Path storeDirectory(Path stateDir, String store) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(stateDir)) {
            return paths.filter(p -> p.getFileName().toString().equals(store) && java.nio.file.Files.isDirectory(p)
                    && p.getParent().getFileName().toString().equals("rocksdb")).findFirst().orElseThrow();
        }
    }

    private static void copyRecursively(Path from, Path to) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(from)) {
            for (Path p : paths.toList()) {
                java.nio.file.Files.copy(p, to.resolve(from.relativize(p).toString()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    @Test
    void eventsOfEveryContextLandInOneSagaKeyedByOrderIdAndFoundByCorrelationId() {
        Events order = Events.forOrder("order-1");
        order.happyPath().forEach(this::pipe);

        Saga saga = queries.find(order.correlationId).orElseThrow();
        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.version()).isEqualTo(9);
        assertThat(saga.steps()).extracting(Step::context).containsOnly("orders",
                "warehouse", "payments", "loyalty", "notifications");
        assertThat(queries.find(order.orderId)).as("the order id is not the saga's key").isEmpty();
        assertThat(queries.findByOrder(order.orderId)).hasValue(saga);
        assertThat(queries.findByOrder("no-such-order")).isEmpty();
        assertThat(queries.counts()).containsEntry(SagaStatus.COMPLETED, 1L).containsEntry(SagaStatus.IN_PROGRESS, 0L);
    }

    @Test
    void theLiveFoldCountsSagasStartedCompletedAndCancelledByReasonWithDurationsAndTransitionLatencies() {
        Meters before = Meters.now();
        Events happy = Events.forOrder("metered-1");
        happy.happyPath().forEach(this::pipe);
        happy.happyPath().forEach(this::pipe); // redelivered: decides nothing, counts nothing

        Events declined = Events.forOrder("metered-2");
        OrderPlaced placed = declined.placed();
        StockReserved reserved = declined.reserved(placed);
        PaymentFailed failed = declined.paymentFailed(reserved);
        List.of(placed, reserved, failed, declined.released(failed, "payment declined"),
                declined.cancelled(failed, CancellationReason.PAYMENT_DECLINED, "card declined")).forEach(this::pipe);

        Meters after = Meters.now();
        assertThat(after.started - before.started).isEqualTo(2);
        assertThat(after.completed - before.completed).isEqualTo(1);
        assertThat(after.cancelled("PAYMENT_DECLINED") - before.cancelled("PAYMENT_DECLINED")).isEqualTo(1);
        assertThat(after.durations("completed") - before.durations("completed")).isEqualTo(1);
        assertThat(after.durations("cancelled") - before.durations("cancelled")).isEqualTo(1);
        assertThat(after.transitions("OrderPlaced", "StockReserved") - before.transitions("OrderPlaced", "StockReserved"))
                .isEqualTo(2);
        assertThat(after.transitions("PointsAwarded", "OrderCompleted") - before.transitions("PointsAwarded", "OrderCompleted"))
                .isEqualTo(1);
        assertThat(ProcessMeters.registry().scrape())
                .contains("musiccorp_sagas_started_total ")
                .contains("musiccorp_sagas_cancelled_total{reason=\"PAYMENT_DECLINED\"}")
                .contains("musiccorp_saga_duration_seconds_bucket{outcome=\"completed\",le=\"1.0\"}")
                .contains("musiccorp_saga_transition_latency_seconds_bucket{from=\"OrderPlaced\",to=\"StockReserved\",le=\"0.1\"}");
    }

    @Test
    void aRebuildFoldsEverySagaAgainWithoutCountingUntilItServes(@TempDir Path rebuildState) {
        Events first = Events.forOrder("rebuilt-1");
        first.happyPath().forEach(this::pipe);

        Properties rebuild = StreamsSettings.forApplication(props, "musiccorp-saga-status-g1");
        rebuild.put(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG, rebuildState.toString());
        Meters before = Meters.now();
        try (TopologyTestDriver green = new TopologyTestDriver(
                SagaStatusTopology.build(events, rebuild, STALL_AFTER, STALL_CHECK, updates), rebuild, WALL_CLOCK)) {
            Map<String, TestInputTopic<String, SpecificRecord>> greenTopics = new java.util.HashMap<>();
            for (String topic : SagaStatusTopology.INPUT_TOPICS) {
                greenTopics.put(topic, green.createInputTopic(topic, new StringSerializer(), events.serializer()));
            }
            java.util.function.Consumer<SpecificRecord> pipeGreen = event -> greenTopics
                    .get(Events.metadataOf(event).getProducer() + ".events")
                    .pipeInput(new TestRecord<>((String) event.get(event.getSchema().getField("orderId").pos()), event,
                            Events.metadataOf(event).getOccurredAt()));

            first.happyPath().forEach(pipeGreen); // the replay of what the live fold counted already
            assertThat(green.<String, Saga>getKeyValueStore(SagaStatusTopology.SAGAS_STORE).get(first.orderId).status())
                    .isEqualTo(SagaStatus.COMPLETED);
            Meters replayed = Meters.now();
            assertThat(replayed.started).isEqualTo(before.started);
            assertThat(replayed.completed).isEqualTo(before.completed);
            assertThat(replayed.durations("completed")).isEqualTo(before.durations("completed"));
            assertThat(replayed.transitions("OrderPlaced", "StockReserved"))
                    .isEqualTo(before.transitions("OrderPlaced", "StockReserved"));

            ContextMeters.in(rebuild).startServing(); // what StateRebuilds does when it switches over
            Events next = Events.forOrder("rebuilt-2");
            next.happyPath().forEach(pipeGreen);
            Meters serving = Meters.now();
            assertThat(serving.started - before.started).isEqualTo(1);
            assertThat(serving.completed - before.completed).isEqualTo(1);
        }
    }

    /** The saga meters of the process's registry, read at one moment. */
    private record Meters(double started, double completed, Map<String, Double> tagged) {
        static Meters now() {
            Map<String, Double> tagged = new java.util.HashMap<>();
            for (String reason : List.of("PAYMENT_DECLINED", "UNKNOWN")) {
                var c = ProcessMeters.registry().find(SagaMeters.CANCELLED).tag("reason", reason).counter();
                tagged.put("cancelled " + reason, c == null ? 0 : c.count());
            }
            for (String outcome : List.of("completed", "cancelled")) {
                var t = ProcessMeters.registry().find(SagaMeters.DURATION).tag("outcome", outcome).timer();
                tagged.put("duration " + outcome, t == null ? 0.0 : t.count());
            }
            for (String[] edge : List.of(new String[] {"OrderPlaced", "StockReserved"},
                    new String[] {"PointsAwarded", "OrderCompleted"})) {
                var t = ProcessMeters.registry().find(SagaMeters.TRANSITION_LATENCY)
                        .tag("from", edge[0]).tag("to", edge[1]).timer();
                tagged.put("transition " + edge[0] + "->" + edge[1], t == null ? 0.0 : t.count());
            }
            return new Meters(count(SagaMeters.STARTED), count(SagaMeters.COMPLETED), tagged);
        }

        double cancelled(String reason) {
            return tagged.get("cancelled " + reason);
        }

        double durations(String outcome) {
            return tagged.get("duration " + outcome);
        }

        double transitions(String from, String to) {
            return tagged.get("transition " + from + "->" + to);
        }

        private static double count(String name) {
            var c = ProcessMeters.registry().find(name).counter();
            return c == null ? 0 : c.count();
        }
    }

    @Test
    void redeliveriesAndOutOfOrderDeliveryGiveTheSameSagaAndCountEachTransitionOnce() {
        Events order = Events.forOrder("order-2");
        List<SpecificRecord> path = new ArrayList<>(order.happyPath());
        java.util.Collections.reverse(path);
        path.forEach(this::pipe);
        path.forEach(this::pipe); // redelivered

        Saga saga = queries.find(order.correlationId).orElseThrow();
        assertThat(saga).isEqualTo(com.musiccorp.sagastatus.domain.SagaProjection.foldAll(
                Events.read(order.happyPath()), saga.lastProgressAt()));
        List<TransitionStats> choreography = queries.choreography();
        assertThat(choreography).extracting(t -> t.from() + "->" + t.to()).containsExactlyInAnyOrder(
                "OrderPlaced->NotificationSent", "OrderPlaced->StockReserved", "StockReserved->PaymentTaken",
                "PaymentTaken->OrderPackaged", "OrderPackaged->OrderDispatched", "OrderDispatched->NotificationSent",
                "OrderDispatched->PointsAwarded", "PointsAwarded->OrderCompleted");
        assertThat(choreography).allSatisfy(t -> assertThat(t.count()).isEqualTo(1));

        Events another = Events.forOrder("order-3");
        another.happyPath().forEach(this::pipe);
        assertThat(queries.choreography()).allSatisfy(t -> assertThat(t.count()).isEqualTo(2));
        assertThat(queries.counts()).containsEntry(SagaStatus.COMPLETED, 2L);
    }

    @Test
    void aSagaWithoutProgressStallsOnTheWallClockAndANewEventClearsIt() {
        Events order = Events.forOrder("order-4");
        OrderPlaced placed = order.placed();
        StockReserved reserved = order.reserved(placed);
        pipe(placed);
        pipe(reserved);
        Events done = Events.forOrder("order-5");
        done.happyPath().forEach(this::pipe);
        List<Saga> signalled = new CopyOnWriteArrayList<>();
        try (var subscription = updates.subscribe(order.correlationId, signalled::add)) {
            driver.advanceWallClockTime(STALL_AFTER.minusSeconds(1));
            assertThat(queries.find(order.correlationId).orElseThrow().status()).isEqualTo(SagaStatus.IN_PROGRESS);

            driver.advanceWallClockTime(STALL_CHECK);
            Saga stalled = queries.find(order.correlationId).orElseThrow();
            assertThat(stalled.status()).isEqualTo(SagaStatus.STALLED);
            assertThat(stalled.stalledSince()).isEqualTo(WALL_CLOCK.plus(STALL_AFTER));
            assertThat(stalled.awaiting()).containsExactly(new Awaited("payments", List.of("PaymentTaken", "PaymentFailed")));
            assertThat(queries.find(done.correlationId).orElseThrow().status()).as("a completed saga never stalls")
                    .isEqualTo(SagaStatus.COMPLETED);
            assertThat(queries.list(SagaStatus.STALLED, null, null, null, 50).sagas())
                    .extracting(Saga::correlationId).containsExactly(order.correlationId);
            assertThat(queries.list(SagaStatus.IN_PROGRESS, null, null, null, 50).sagas()).isEmpty();
            assertThat(queries.counts()).containsEntry(SagaStatus.STALLED, 1L).containsEntry(SagaStatus.IN_PROGRESS, 0L);
            await().atMost(Duration.ofSeconds(5)).until(() -> signalled.stream().anyMatch(s -> s.status() == SagaStatus.STALLED));

            PaymentTaken taken = order.taken(reserved);
            pipe(taken);
            Saga progressed = queries.find(order.correlationId).orElseThrow();
            assertThat(progressed.status()).isEqualTo(SagaStatus.IN_PROGRESS);
            assertThat(progressed.lastProgressAt()).isEqualTo(WALL_CLOCK.plus(STALL_AFTER).plusSeconds(4));
            assertThat(queries.list(SagaStatus.STALLED, null, null, null, 50).sagas()).isEmpty();
            assertThat(queries.counts()).containsEntry(SagaStatus.STALLED, 0L).containsEntry(SagaStatus.IN_PROGRESS, 1L);
            await().atMost(Duration.ofSeconds(5)).until(() -> signalled.getLast().version() == 3);

            driver.advanceWallClockTime(STALL_AFTER);
            assertThat(queries.find(order.correlationId).orElseThrow().status()).as("stalls again without progress")
                    .isEqualTo(SagaStatus.STALLED);
        }
    }

    @Test
    void listingsArePagedWithACursorAndFilteredByUpdateTime() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Events order = Events.forOrder("order-p" + i);
            pipe(order.placed());
            ids.add(order.correlationId);
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
        SagaQueries.Page first = queries.list(SagaStatus.IN_PROGRESS, null, null, null, 2);
        SagaQueries.Page second = queries.list(SagaStatus.IN_PROGRESS, null, null, first.next(), 2);
        SagaQueries.Page third = queries.list(SagaStatus.IN_PROGRESS, null, null, second.next(), 2);
        assertThat(first.sagas()).extracting(Saga::correlationId).containsExactly(ids.get(0), ids.get(1));
        assertThat(second.sagas()).extracting(Saga::correlationId).containsExactly(ids.get(2), ids.get(3));
        assertThat(third.sagas()).extracting(Saga::correlationId).containsExactly(ids.get(4));
        assertThat(third.next()).isNull();

        SagaQueries.Page window = queries.list(null, WALL_CLOCK.plusSeconds(1), WALL_CLOCK.plusSeconds(3), null, 50);
        assertThat(window.sagas()).extracting(Saga::correlationId).containsExactly(ids.get(1), ids.get(2), ids.get(3));
        assertThat(queries.list(SagaStatus.COMPLETED, null, null, null, 50).sagas()).isEmpty();
    }
}
