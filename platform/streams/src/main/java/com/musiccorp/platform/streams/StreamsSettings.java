package com.musiccorp.platform.streams;

import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.ContextAcls;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.rebuild.GenerationTopic;
import com.musiccorp.platform.streams.rebuild.Generations;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka Streams configuration every context runs with. The choices that make the saga safe
 * live here once, not in each service:
 * <ul>
 *   <li>{@code exactly_once_v2}: a step's reads, state changes and emitted events commit together,
 *       so redelivery, restarts and rebalances neither lose nor duplicate an event;</li>
 *   <li>explicit names for every store and internal topic, or the app refuses to start, so a
 *       refactor cannot orphan a changelog;</li>
 *   <li>a record that cannot be deserialized, or makes processing throw, goes to the context's
 *       dead-letter topic (Kafka's KIP-1034: original bytes, source topic/partition/offset and the
 *       exception in {@code __streams.errors.*} headers) and processing goes on; so does the input
 *       of a step whose state or event would be over {@link RecordSizeLimit}. A record the schema
 *       registry cannot speak for right now is read again later, never dead-lettered.</li>
 * </ul>
 */
public final class StreamsSettings {
    private StreamsSettings() {
    }

    /** The generations of the context's state (see {@link Generations}). */
    public static Generations generations(ContextSettings s) {
        // The prefix its Kafka principal owns (ContextAcls): every generation's topics, group and transactions.
        String base = ContextAcls.applicationId(s.context());
        return new Generations(s.stateDir(), base, new GenerationTopic(s.kafkaConnection(), base, s.replicationFactor()));
    }

    /**
     * What a context's own plain client (an admin, a consumer without a group) connects with, from its
     * Streams properties: {@code bootstrap.servers} and, on a secured cluster, its SASL login.
     */
    public static Map<String, Object> kafkaConnection(Properties streams) {
        Map<String, Object> c = new HashMap<>();
        for (String key : List.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "security.protocol", "sasl.mechanism",
                "sasl.jaas.config")) {
            if (streams.containsKey(key)) c.put(key, streams.get(key));
        }
        return c;
    }

    /**
     * The same configuration for another application id: a rebuild's, beside the live one. What it
     * cannot fold goes to its own dead-letter topic ({@link #rebuildDeadLetterTopic}), never to the
     * context's: a rebuild writes nothing to a topic users read. Its {@link DeadLetterRoute} is
     * switched to the context's topic if it takes over serving.
     */
    public static Properties forApplication(Properties live, String applicationId) {
        Properties p = new Properties();
        p.putAll(live);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, rebuildDeadLetterTopic(applicationId));
        p.put(DeadLetterRoute.CONFIG, new DeadLetterRoute(rebuildDeadLetterTopic(applicationId)));
        // Counts nothing while it folds what the live application already counted; switched on if it takes over.
        p.put(ContextMeters.CONFIG, ContextMeters.rebuilding(ContextMeters.in(live).context()));
        return p;
    }

    /**
     * The rebuild profile, for a generation that does not serve yet: it reads every event from the
     * beginning, so it trades latency for throughput. Commits every {@value #REBUILD_COMMIT_INTERVAL_MS}
     * ms (an exactly-once commit parked the replay's stream thread a quarter of the time at 100 ms), a
     * {@value #REBUILD_CACHE_MB} MB record cache (a saga's many events become one store write per
     * commit; it shares the 416 MB heap of the app's JVM with the serving generation and the other
     * contexts, where 64 MB made a rebuild of 1,000,001 events take 202 s instead of 88, collecting
     * more than it folded), {@value #REBUILD_STREAM_THREADS} stream threads, and the facts of all topics taken
     * oldest first. {@link #serving} undoes it before the generation takes over.
     */
    public static Properties rebuilding(Properties rebuild) {
        Properties p = new Properties();
        p.putAll(rebuild);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, REBUILD_COMMIT_INTERVAL_MS);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, REBUILD_CACHE_MB * 1024L * 1024L);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, REBUILD_STREAM_THREADS);
        // Reading every topic from the beginning, it first fetches from each of a task's partitions, so
        // the facts of all topics are folded oldest first, as close to the order they were decided in
        // as Kafka allows (see maxTaskIdleMs).
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
        return p;
    }

    /** A rebuild's properties with the live application's settings for everything the profile changed. */
    public static Properties serving(Properties rebuilding, Properties live) {
        Properties p = new Properties();
        p.putAll(rebuilding);
        for (String key : List.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)) {
            if (live.containsKey(key)) p.put(key, live.get(key));
            else p.remove(key);
        }
        return p;
    }

    /**
     * Each context's record cache, {@value #CACHE_MB} MB instead of Kafka Streams' 10. Writes to one
     * key collapse only within a commit interval (50 ms on the saga's path), and a saga's state is
     * read again within a second or two, so a few MB hold every key still in play at several hundred
     * orders a second. The contexts share one heap, where 10 MB each was about a third of its live set
     * (jmap under load: 41,000 cache entries, with their headers most of 79 MB of byte arrays).
     */
    static final int CACHE_MB = 5;

    /**
     * saga-status's record cache: it commits every {@value #READ_MODEL_COMMIT_INTERVAL_MS} ms, so its
     * cache holds up to that long of changed sagas, about 10 MB while it catches up at 10,000 events/s.
     * When the cache is full, every put evicts the least recently used entry of its own store: each
     * event then wrote one of the few, constantly changing transition statistics (and status counts)
     * to RocksDB and the changelog, and evicted sagas before they were complete. JFR of a fresh
     * replay: evictions 18 % of the stream thread with 5 MB, 0.7 % with 16 MB; quick runs of 600,000
     * events minutes apart: 11,297 → 13,638 events/s, 71.9 → 61.8 CPU s (32 MB: 13,692, 60.9). Live it
     * holds a few seconds of sagas, a MB or two. (When it committed every second, 16 MB had made the
     * replay slower than 5.) Since session 22 the sagas, transition statistics and counts wait as
     * objects instead ({@link WriteBehindStore}, no record cache beneath), so this holds the stall
     * index and the omitted steps: a cap far above them, not memory taken.
     */
    static final int READ_MODEL_CACHE_MB = 16;

    /** {@code context}'s record cache in MB, or {@code STREAMS_CACHE_MB}'s for every context (experiments). */
    static int cacheMb(Map<String, String> env, String context) {
        String v = env.get("STREAMS_CACHE_MB");
        if (v != null && !v.isBlank()) return Integer.parseInt(v.strip());
        return READ_MODEL.equals(context) ? READ_MODEL_CACHE_MB : CACHE_MB;
    }

    static final int REBUILD_COMMIT_INTERVAL_MS = 2_000;
    static final int REBUILD_CACHE_MB = 32;
    static final int REBUILD_STREAM_THREADS = 2;

    /** A rebuild's dead letters: prefixed by its application id, so it lives and dies with its generation. */
    public static String rebuildDeadLetterTopic(String applicationId) {
        return applicationId + "-dead-letters";
    }

    /**
     * How often {@code context} commits, so how soon what it decided is visible downstream
     * (read_committed): each hop of a saga waits on average half of it. A context a saga step waits on
     * commits every {@value #SAGA_PATH_COMMIT_INTERVAL_MS} ms. notifications, which no other context
     * reacts to, every {@value #OFF_PATH_COMMIT_INTERVAL_MS} ms. saga-status every
     * {@value #READ_MODEL_COMMIT_INTERVAL_MS} ms: it emits nothing, and its queries, long polls and
     * stream read its stores, which hold what it processed whether committed or not, so its commits
     * decide only how many of a saga's writes collapse into one changelog record (a saga's events
     * span about a second) and how many transactions the broker runs (at 100 orders/s, 1 s instead of
     * 250 ms: data records per order 42.8 → 39.9, exactly-once overhead 33.3 → 26.8; its replay alone
     * 12,073 → 13,705 events/s in 38.7 → 35.6 CPU s; 5 s instead of 1 s, quick runs minutes apart:
     * 36.7 → 35.5, its sagas' changelog 1.63 → 0.97 and its transitions' 0.69 → 0.16 records per
     * order, exactly-once overhead 30.7 → 27.2). What it costs: a restart reprocesses up to 5 s of
     * events, and a replay counts as done once committed, so up to 5 s later. {@code STREAMS_COMMIT_INTERVAL_MS}
     * sets every context's. Chosen by measurement (README, performance: 50 ms for all cut p50 at 100
     * orders/s by a third, at a quarter more broker CPU per order).
     */
    public static int commitIntervalMs(Map<String, String> env, String context) {
        String v = env.get("STREAMS_COMMIT_INTERVAL_MS");
        if (v != null && !v.isBlank()) return Integer.parseInt(v.strip());
        if (READ_MODEL.equals(context)) return READ_MODEL_COMMIT_INTERVAL_MS;
        return OFF_THE_SAGA_PATH.contains(context) ? OFF_PATH_COMMIT_INTERVAL_MS : SAGA_PATH_COMMIT_INTERVAL_MS;
    }

    /**
     * On the saga's path a task with several input partitions (a context reads several event topics)
     * processes what has arrived at once (-1) instead of first fetching from every empty partition:
     * no rule depends on the order of facts across topics (Kafka orders nothing across them; the
     * deciders accept facts late), and buffered records are still taken oldest first. Kafka Streams
     * 4.3.1 also builds a log message for every empty partition at every readiness check unless this
     * is -1 (JFR under load: the contexts allocated 232 MB/s with the default, 180 MB/s with -1).
     * Notifications too: its decider parks what comes before the order it needs, and the readiness
     * checks with 0 were 15 % of its stream thread at 100 orders/s (JFR, session 24). saga-status
     * keeps the default (0): when it catches up from a backlog, reading every topic oldest first keeps
     * a saga's events together in its pending writes (with -1 the replay of saga-status fell from
     * 19,505 to 16,483 events/s); at 100 orders/s the checks are a fifth of its thread.
     */
    static long maxTaskIdleMs(String context) {
        return READ_MODEL.equals(context) ? 0L : StreamsConfig.MAX_TASK_IDLE_MS_DISABLED;
    }

    public static final int SAGA_PATH_COMMIT_INTERVAL_MS = 50;

    /**
     * The producer's batch per partition. saga-status writes its changed sagas when it commits, all at
     * once, and its stream thread waits until the broker has them: with Kafka's 16 KB batches that was
     * a produce request per few dozen sagas. JFR of a 1,000,001-event replay, the stream thread's wait
     * in {@code RecordAccumulator.awaitFlushCompletion}: 4.3 s of 35 with 16 KB, 0.8 s with 256 KB
     * (17,691 events/s against 15,958 minutes earlier on a machine as slow; peak RSS 721 → 732 MB).
     * The saga's path writes a few small records per commit interval, so Kafka's default.
     */
    static int batchBytes(String context) {
        return READ_MODEL.equals(context) ? READ_MODEL_BATCH_BYTES : 16 * 1024;
    }

    static final int READ_MODEL_BATCH_BYTES = 256 * 1024;

    /**
     * How long the group waits for a member that stopped heart-beating before it gives its partitions
     * to the others, or to the same instance restarted. A crashed context (SIGKILL, OOM) does not
     * leave its group, so its restart waited out Kafka's default of 45 s before it could process
     * (fault run: 47-60 s to recover, of which ~24 s the JVM's start). 10 s, Kafka's default before
     * 3.0, still outlasts a 5 s freeze and any collection pause here; heartbeats go every 3 s from
     * their own thread. (Static membership would skip the wait, but Kafka Streams 4.3.1 gives a
     * replaced stream thread a new member id, which then left a ghost member for the whole session.)
     */
    static final int SESSION_TIMEOUT_MS = 10_000;
    public static final int OFF_PATH_COMMIT_INTERVAL_MS = 250;
    public static final int READ_MODEL_COMMIT_INTERVAL_MS = 5_000;
    /** The context that is only a read model: nothing reads its commits but its own changelog. */
    static final String READ_MODEL = "saga-status";
    /** Contexts whose events no other context reacts to: nothing in a saga waits for their commits. */
    static final java.util.Set<String> OFF_THE_SAGA_PATH = java.util.Set.of("saga-status", "notifications");

    /**
     * {@link #forContext} for a context whose state can be rebuilt and switched to a new generation
     * (orders, saga-status): first brings the generation record in the state directory in line with
     * its copy in Kafka, so a wiped directory starts on the generation that serves, not on 0.
     */
    public static Properties forRebuildableContext(ContextSettings s) {
        generations(s).syncWithLog();
        return forContext(s);
    }

    public static Properties forContext(ContextSettings s) {
        Properties p = new Properties();
        // The generation a rebuild last switched to (generation 0: musiccorp-<context>).
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, generations(s).activeApplicationId());
        // Bootstrap servers, and the context's SASL login on a secured cluster (for every client Streams makes).
        p.putAll(s.kafkaConnection());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, s.replicationFactor());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, s.standbyReplicas());
        s.applicationServer().ifPresent(a -> p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, a));

        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, TopicCatalog.deadLetterTopic(s.context()));
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        p.put(DeadLetterRoute.CONFIG, new DeadLetterRoute(TopicCatalog.deadLetterTopic(s.context())));
        p.put(ContextMeters.CONFIG, ContextMeters.serving(s.context()));
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true); // the 5.0 default, today

        // A saga step is a few small records: commit often for latency (see commitIntervalMs).
        int commitIntervalMs = commitIntervalMs(System.getenv(), s.context());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMb(System.getenv(), s.context()) * 1024L * 1024L);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), batchBytes(s.context()));
        // An idle stream thread blocks in poll() this long before it runs its punctuations: the
        // answers of outside calls are decided within it (they are drained every 50 ms), not 100 ms.
        p.put(StreamsConfig.POLL_MS_CONFIG, 10);
        // A transaction's first write right after the previous commit is answered
        // CONCURRENT_TRANSACTIONS until the broker has written the commit markers; the default
        // back-off (100 ms) before trying again added up to a commit interval to every hop.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 5);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, maxTaskIdleMs(s.context()));
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        // A transaction lives a commit interval: keep the broker's limit (Streams' default 10 s) several
        // of them away, so a pause of the process (a collection, a SIGSTOP) does not abort it.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                Math.max(10_000, 6 * commitIntervalMs));

        // Picked up by the Avro serdes the topology configures with these same properties.
        p.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, s.schemaRegistryUrl());
        s.registryUserInfo().ifPresent(userInfo -> {
            p.put(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
            p.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, userInfo);
        });
        return p;
    }
}
