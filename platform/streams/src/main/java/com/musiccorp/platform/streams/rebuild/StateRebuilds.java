package com.musiccorp.platform.streams.rebuild;

import com.musiccorp.platform.streams.ContextMeters;
import com.musiccorp.platform.streams.DeadLetterRoute;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.platform.streams.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Blue/green rebuilds of one context's state from its event topics, while the live state serves.
 *
 * <p>A rebuild runs the context's fold topology (which writes to no event topic, so a replay never
 * emits) as its own Kafka Streams application: a new generation's application id, so its own
 * consumer group reading every input topic from the beginning, its own changelogs and its own local
 * state directory. Progress (events read, events per second, remaining lag) is sampled every half
 * second. Once it has caught up with the end of every input topic (and of its own repartition
 * topics): no lag while nothing is written to them, or under load a lag within what arrives in one of
 * its commit intervals ({@link CatchUp}),
 * <ul>
 *   <li>a projection's rebuild ({@link RebuildableState#foldIsLive()}) takes over: the serving
 *       runtime adopts it, the new generation is recorded for the next start, and the old
 *       generation's group, changelog and repartition topics and local state are deleted;</li>
 *   <li>an "as of" rebuild, or a processor's (whose live topology decides and emits), stays beside
 *       the live state, queryable and digestible, until it is discarded.</li>
 * </ul>
 * One rebuild at a time per instance, and only while this instance is the only one serving: with
 * several instances each holds part of the state, and switching one would split the group.
 */
public final class StateRebuilds implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StateRebuilds.class);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(500);

    private final String context;
    private final StreamsRuntime serving;
    private final Properties liveProperties;
    private final Generations generations;
    private final RebuildableState state;
    private final Admin admin;
    private final Clock clock;
    private final ScheduledExecutorService monitor;

    private Rebuild current; // guarded by this

    public StateRebuilds(String context, StreamsRuntime serving, Properties liveProperties, Generations generations,
            RebuildableState state) {
        this(context, serving, liveProperties, generations, state, Clock.systemUTC());
    }

    StateRebuilds(String context, StreamsRuntime serving, Properties liveProperties, Generations generations,
            RebuildableState state, Clock clock) {
        this.context = context;
        this.serving = serving;
        this.liveProperties = liveProperties;
        this.generations = generations;
        this.state = state;
        this.clock = clock;
        Properties adminProps = new Properties();
        adminProps.putAll(StreamsSettings.kafkaConnection(liveProperties));
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, context + "-rebuilds");
        this.admin = Admin.create(adminProps);
        this.monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, context + "-rebuild-monitor");
            t.setDaemon(true);
            return t;
        });
        monitor.scheduleWithFixedDelay(this::sample, SAMPLE_EVERY.toMillis(), SAMPLE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public String context() {
        return context;
    }

    /** Why a rebuild cannot start now (HTTP 409). */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Starts a rebuild into a new generation.
     *
     * @throws Refused while another rebuild runs, or while more than one instance serves
     */
    public synchronized RebuildStatus start(Optional<Instant> asOf) {
        if (current != null && current.phase == RebuildStatus.Phase.REBUILDING) {
            throw new Refused("rebuild of generation " + current.generation + " is still running; discard it first"
                    + " (DELETE) or wait for it");
        }
        int members = servingMembers();
        if (members > 1) {
            throw new Refused(members + " instances serve " + context + " (group " + serving.applicationId()
                    + "); a rebuild switches one instance's whole state, so stop the others first");
        }
        if (current != null && current.phase == RebuildStatus.Phase.CAUGHT_UP) {
            current.discard(); // an earlier as-of/verify rebuild kept for queries: replaced by this one
        }
        int generation;
        String applicationId;
        Set<String> topics = existingTopics();
        do { // a wiped state directory forgets its numbers; the cluster does not
            generation = generations.reserveNext();
            applicationId = generations.applicationId(generation);
        } while (ownsTopics(topics, applicationId));
        Properties props = StreamsSettings.rebuilding(StreamsSettings.forApplication(liveProperties, applicationId));
        createDeadLetterTopic(applicationId);
        // application.server stays: once it takes over, key lookups go through its metadata.
        Topology topology = state.foldTopology(props, asOf);
        StreamsRuntime green = new StreamsRuntime(topology, props);
        current = new Rebuild(generation, applicationId, green, asOf, clock.instant(), topology,
                DeadLetterRoute.in(props), ContextMeters.in(props), props);
        log.info("Rebuilding {} into generation {} ({}){}", context, generation, applicationId,
                asOf.map(t -> " as of " + t).orElse(""));
        green.start();
        return current.status();
    }

    public synchronized Optional<RebuildStatus> status() {
        return Optional.ofNullable(current).map(Rebuild::status);
    }

    /** Stops the current rebuild and deletes its state and topics; the live state is untouched. */
    public synchronized Optional<RebuildStatus> discard() {
        if (current == null) {
            return Optional.empty();
        }
        if (current.phase != RebuildStatus.Phase.SWITCHED) {
            current.discard();
        }
        RebuildStatus last = current.status();
        current = null;
        return Optional.of(last);
    }

    /** The digest of the serving state (this instance's partitions). */
    public StateDigest.Digest digestServing() {
        if (!serving.isReady()) {
            throw new IllegalStateException(context + " is not ready (" + serving.state() + ")");
        }
        return state.digest(serving.streams(), new StateDigest()).digest();
    }

    /**
     * What the digest hashed for {@code key}, per store (canonical JSON), in the serving state or the
     * caught-up rebuild: when two digests differ, comparing a key's entries shows how.
     */
    public synchronized Optional<Map<String, String>> digestEntry(String key, boolean ofRebuild) {
        if (ofRebuild) {
            if (current == null || current.phase != RebuildStatus.Phase.CAUGHT_UP) return Optional.empty();
            return Optional.of(state.digest(current.green.streams(), StateDigest.showing(key)).entry(key));
        }
        if (!serving.isReady()) {
            throw new IllegalStateException(context + " is not ready (" + serving.state() + ")");
        }
        return Optional.of(state.digest(serving.streams(), StateDigest.showing(key)).entry(key));
    }

    /** The digest of the rebuild's state, once it has caught up. */
    public synchronized Optional<StateDigest.Digest> digestRebuild() {
        if (current == null || current.phase != RebuildStatus.Phase.CAUGHT_UP) {
            return Optional.empty();
        }
        return Optional.of(state.digest(current.green.streams(), new StateDigest()).digest());
    }

    /** One key as the caught-up rebuild knows it (e.g. a saga as of 10:02). */
    public synchronized Optional<Object> viewInRebuild(String key) {
        if (current == null || current.phase != RebuildStatus.Phase.CAUGHT_UP) {
            throw new IllegalStateException("no caught-up rebuild to read (start one, and wait for CAUGHT_UP)");
        }
        return state.view(current.green.streams(), key);
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        synchronized (this) {
            if (current != null && current.phase == RebuildStatus.Phase.REBUILDING) {
                current.green.close(); // left as it is: a later rebuild takes a new generation
            }
            if (current != null && current.phase == RebuildStatus.Phase.CAUGHT_UP) {
                current.green.close();
            }
        }
        admin.close(Duration.ofSeconds(5));
    }

    private synchronized void sample() {
        if (current == null || current.phase.finished()) {
            return;
        }
        try {
            current.sample();
        } catch (RuntimeException e) {
            log.warn("Sampling the rebuild of {} failed", context, e);
        } catch (Error e) {
            // Uncaught, it would end this periodic sampling for good, unlogged, and the rebuild would
            // wait to switch forever (a benchmark's did, on an OutOfMemoryError taking its digest).
            log.error("Sampling the rebuild of {} failed; giving the rebuild up", context, e);
            current.phase = RebuildStatus.Phase.FAILED;
            current.message = "sampling the rebuild failed (" + e + "); the live state serves on";
        }
    }

    private Set<String> existingTopics() {
        try {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new Refused("cannot list the cluster's topics: " + e.getMessage());
        }
    }

    private void createDeadLetterTopic(String applicationId) {
        try {
            admin.createTopics(List.of(new NewTopic(StreamsSettings.rebuildDeadLetterTopic(applicationId),
                    Optional.of(1), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new Refused("cannot create the rebuild's dead-letter topic: " + e.getMessage());
        }
    }

    private static boolean ownsTopics(Set<String> topics, String applicationId) {
        return topics.stream().anyMatch(t -> t.startsWith(applicationId + "-"));
    }

    private int servingMembers() {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(serving.applicationId()))
                    .describedGroups().get(serving.applicationId()).get(10, TimeUnit.SECONDS);
            return group.members().size();
        } catch (Exception e) {
            throw new Refused("cannot tell how many instances serve " + context + ": " + e.getMessage());
        }
    }

    /** The topics a rebuild with this topology owns: its changelogs, repartition topics and dead letters. */
    private static Set<String> internalTopics(String applicationId, Topology topology) {
        Set<String> names = new HashSet<>();
        names.add(StreamsSettings.rebuildDeadLetterTopic(applicationId));
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor p) {
                    p.stores().forEach(store -> names.add(applicationId + "-" + store + "-changelog"));
                }
            }
        }
        names.addAll(repartitionTopics(applicationId, topology));
        return names;
    }

    /** The repartition topics a generation with this topology reads (and writes). */
    private static Set<String> repartitionTopics(String applicationId, Topology topology) {
        Set<String> names = new HashSet<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source s && s.topicSet() != null) {
                    s.topicSet().stream().filter(t -> t.endsWith("-repartition"))
                            .forEach(t -> names.add(applicationId + "-" + t));
                }
            }
        }
        return names;
    }

    private void deleteApplication(String applicationId, Topology topology) {
        try {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Set<String> owned = internalTopics(applicationId, topology);
            owned.retainAll(existing);
            if (!owned.isEmpty()) {
                admin.deleteTopics(owned).all().get(30, TimeUnit.SECONDS);
            }
            admin.deleteConsumerGroups(List.of(applicationId)).all().get(30, TimeUnit.SECONDS);
            log.info("Deleted {}: group and topics {}", applicationId, owned);
        } catch (Exception e) {
            log.warn("Could not delete everything of {} (delete its group and internal topics by hand)",
                    applicationId, e);
        }
    }

    /** One rebuild: its generation, its Streams application, and its measured progress. */
    private final class Rebuild {
        final int generation;
        final String applicationId;
        /** Replaced once, with the serving settings, right before it takes over ({@link #restartToServe}). */
        StreamsRuntime green;
        final Optional<Instant> asOf;
        final Instant startedAt;
        Topology topology;
        final Properties rebuildingProperties;
        boolean restartedToServe;
        final Map<TopicPartition, Long> earliest = new HashMap<>();
        RebuildStatus.Phase phase = RebuildStatus.Phase.REBUILDING;
        Instant caughtUpAt;
        long eventsDone;
        long remainingLag = -1;
        long deadLetters;
        final DeadLetterRoute deadLetterRoute;
        final ContextMeters meters;
        DeadLetterCount letters; // only the monitor thread and finish() touch it, under this class's lock
        StateDigest.Digest digest;
        String message = "reading the input topics from the beginning";
        Set<String> read; // the topics its lag is measured on: see lag()
        final CatchUp catchUp;

        Rebuild(int generation, String applicationId, StreamsRuntime green, Optional<Instant> asOf, Instant startedAt,
                Topology topology, DeadLetterRoute deadLetterRoute, ContextMeters meters, Properties rebuildingProperties) {
            this.rebuildingProperties = rebuildingProperties;
            this.deadLetterRoute = deadLetterRoute;
            this.meters = meters;
            this.generation = generation;
            this.applicationId = applicationId;
            this.green = green;
            this.asOf = asOf;
            this.startedAt = startedAt;
            this.topology = topology;
            int commitMs = Integer.parseInt(String.valueOf(rebuildingProperties.getOrDefault(
                    StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, StreamsSettings.SAGA_PATH_COMMIT_INTERVAL_MS)));
            this.catchUp = new CatchUp(Duration.ofMillis(commitMs).plus(SAMPLE_EVERY));
        }

        void sample() {
            KafkaStreams.State s = green.state();
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING) {
                phase = RebuildStatus.Phase.FAILED;
                message = "Kafka Streams of the rebuild stopped (" + s + "); the live state serves on";
                return;
            }
            if (!restartedToServe) { // once restarted to serve it was caught up: its numbers are those of then
                eventsDone = recordsRead();
                remainingLag = lag();
            }
            deadLetters = deadLetters();
            // Restarted to serve, it was caught up a moment ago: it takes over once ready (its tasks report
            // no committed offset before their first commit, so its lag is not known until then).
            String notReady = green.notReadyBecause();
            if (restartedToServe && notReady != null) {
                message = RESTARTED_TO_SERVE + " (not ready yet: " + notReady + ")";
            }
            if (notReady != null || (!restartedToServe && !catchUp.caughtUp(remainingLag))) {
                return;
            }
            if (asOf.isEmpty() && state.foldIsLive() && !restartedToServe) {
                restartToServe();
                return;
            }
            caughtUpAt = clock.instant();
            digest = state.digest(green.streams(), new StateDigest()).digest();
            if (asOf.isEmpty() && state.foldIsLive()) {
                switchOver();
            } else {
                phase = RebuildStatus.Phase.CAUGHT_UP;
                message = asOf.isPresent()
                        ? "caught up as of " + asOf.get() + "; kept beside the live state until discarded"
                        : "caught up; kept beside the live state (a processor's live state restores from its changelog)";
            }
            closeLetters();
            if (deadLetters > 0) {
                message += "; " + deadLetters + " record(s) could not be folded, kept in "
                        + StreamsSettings.rebuildDeadLetterTopic(applicationId);
            }
            log.info("Rebuild of {} generation {}: {} events, {} dead letters, {} ({})", context, generation,
                    eventsDone, deadLetters, phase, digest.sha256());
        }

        /**
         * Caught up with the rebuild's settings (a large cache, long commits, more threads:
         * {@link StreamsSettings#rebuilding}), which would cost latency once it serves: it leaves its
         * group and starts again on the same state directory with the live settings, and takes over
         * once that is ready and caught up too (moments: its state is local and checkpointed).
         */
        private static final String RESTARTED_TO_SERVE = "caught up; starting again with the serving settings before taking over";

        private void restartToServe() {
            green.close();
            Properties serving = StreamsSettings.serving(rebuildingProperties, liveProperties);
            topology = state.foldTopology(serving, asOf);
            green = new StreamsRuntime(topology, serving);
            restartedToServe = true;
            message = RESTARTED_TO_SERVE;
            log.info("Rebuild of {} generation {} caught up; restarting it with the serving settings", context,
                    generation);
            green.start();
        }

        private void switchOver() {
            Topology blueTopology = topology; // a projection's fold is its live topology: same internal names
            String blue = serving.adopt(green);
            // Serving now: what it cannot read from here on is the context's dead letter, not the rebuild's.
            deadLetterRoute.switchTo(DeadLetterRoute.in(liveProperties).topic());
            // ...and what it decides from here on is the context's to count (it counted nothing while rebuilding).
            meters.startServing();
            generations.activate(generation);
            phase = RebuildStatus.Phase.SWITCHED;
            message = "caught up and serving; generation " + blue + " deleted";
            deleteApplication(blue, blueTopology);
        }

        void discard() {
            closeLetters();
            green.close();
            green.streams().cleanUp();
            deleteApplication(applicationId, topology);
            phase = RebuildStatus.Phase.DISCARDED;
            message = "discarded; the live state serves on";
        }

        /**
         * Records of the input topics the rebuild's consumers have read (transaction markers excluded).
         * The consumer registers each topic's metric under its name and, for older dashboards, again
         * with dots replaced by underscores: each topic is counted once, by its own name if present.
         */
        private long recordsRead() {
            Map<String, Double> byTag = new HashMap<>();
            for (Map.Entry<MetricName, ? extends Metric> m : green.streams().metrics().entrySet()) {
                MetricName name = m.getKey();
                if (name.name().equals("records-consumed-total") && name.group().equals("consumer-fetch-manager-metrics")
                        && name.tags().containsKey("topic")
                        && !name.tags().getOrDefault("client-id", "").contains("restore")) {
                    byTag.merge(name.tags().get("topic"), ((Number) m.getValue().metricValue()).doubleValue(), Double::sum);
                }
            }
            double total = 0;
            for (String topic : state.inputTopics()) {
                Double read = byTag.get(topic);
                total += read != null ? read : byTag.getOrDefault(topic.replace('.', '_'), 0.0);
            }
            return (long) total;
        }

        /** End offsets (read-committed) minus the rebuild's committed offsets, over every partition it reads. */
        private long lag() {
            try {
                // The inputs and the rebuild's own repartition topics, all of their partitions: a record
                // written to a repartition partition no task has committed on yet is not folded either.
                // Named once: the topology it serves with after the restart has the same internal names.
                if (read == null) {
                    read = new HashSet<>(state.inputTopics());
                    read.addAll(repartitionTopics(applicationId, topology));
                }
                Map<String, TopicDescription> topics = admin.describeTopics(read).allTopicNames()
                        .get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> first = new HashMap<>();
                for (TopicDescription t : topics.values()) {
                    t.partitions().forEach(p -> {
                        TopicPartition tp = new TopicPartition(t.name(), p.partition());
                        latest.put(tp, OffsetSpec.latest());
                        if (!earliest.containsKey(tp)) first.put(tp, OffsetSpec.earliest());
                    });
                }
                Map<TopicPartition, Long> committed = green.isReady() ? green.committedOffsets() : Map.of();
                ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
                if (!first.isEmpty()) {
                    admin.listOffsets(first, committedOnly).all().get(10, TimeUnit.SECONDS)
                            .forEach((tp, info) -> earliest.put(tp, info.offset()));
                }
                long lag = 0;
                long ends = 0;
                for (var end : admin.listOffsets(latest, committedOnly).all().get(10, TimeUnit.SECONDS).entrySet()) {
                    long done = Math.max(committed.getOrDefault(end.getKey(), -1L), earliest.getOrDefault(end.getKey(), 0L));
                    lag += Math.max(0, end.getValue().offset() - done);
                    if (state.inputTopics().contains(end.getKey().topic())) {
                        ends += end.getValue().offset(); // what others write; its own repartition topics are its work
                    }
                }
                catchUp.ends(ends, System.nanoTime());
                return lag;
            } catch (Exception e) {
                log.debug("Cannot measure the rebuild's lag now", e);
                return remainingLag;
            }
        }

        private void closeLetters() {
            if (letters != null) {
                letters.close();
                letters = null;
            }
        }

        /**
         * Records the rebuild could not read or fold, counted in its own dead-letter topic (not its
         * end offset: under exactly-once each transaction adds a commit marker there too).
         */
        private long deadLetters() {
            if (letters == null) {
                letters = new DeadLetterCount(StreamsSettings.kafkaConnection(liveProperties),
                        StreamsSettings.rebuildDeadLetterTopic(applicationId));
            }
            try {
                return letters.count();
            } catch (RuntimeException e) {
                log.debug("Cannot count the rebuild's dead letters now", e);
                return deadLetters;
            }
        }

        RebuildStatus status() {
            Duration elapsed = Duration.between(startedAt, caughtUpAt != null ? caughtUpAt : clock.instant());
            double perSecond = elapsed.toMillis() <= 0 ? 0 : eventsDone * 1000.0 / elapsed.toMillis();
            return new RebuildStatus(context, generation, applicationId, phase, asOf.orElse(null), startedAt,
                    caughtUpAt, eventsDone, Math.round(perSecond * 10) / 10.0, remainingLag, deadLetters,
                    state.inputTopics(),
                    digest, serving.applicationId(), message);
        }
    }
}
