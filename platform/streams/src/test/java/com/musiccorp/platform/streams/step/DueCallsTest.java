package com.musiccorp.platform.streams.step;

import com.musiccorp.platform.decider.Decider;
import com.musiccorp.platform.streams.BeforeCommitStore;
import com.musiccorp.platform.streams.DueTimeIndex;
import com.musiccorp.platform.streams.trace.TraceContext;
import com.musiccorp.platform.streams.trace.TraceHeaders;
import com.musiccorp.platform.streams.trace.TraceLogging;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outside calls of a step ({@link DueCalls}): made as soon as due, answered back through the step,
 * one at a time per key, never holding the stream thread.
 */
class DueCallsTest {

    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration SCAN = Duration.ofSeconds(1);
    private final TraceContext trace = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null)
            .orElseThrow();

    /** A key's calls to make ("id@dueMillis") and the answers it got, in order. */
    record Calls(Map<String, Long> pending, List<String> answered) implements Serializable {
        static final Calls NONE = new Calls(Map.of(), List.of());
    }

    /** "ask:id@dueMillis" records a call; "drop:id" gives it up; an answer is "answer:id=text". */
    record Input(String key, String verb, String id, long due, String text) {
    }

    static final class Asking implements Decider<Input, Input, Calls> {
        /** Decisions of answers to fail before one succeeds. */
        static final AtomicInteger failuresLeft = new AtomicInteger();

        @Override
        public List<Input> decide(Input input, Calls state, Instant decidedAt) {
            if (input.verb().equals("answer") && failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("deciding the answer failed");
            }
            return switch (input.verb()) {
                case "ask" -> state.pending().containsKey(input.id()) ? List.of() : List.of(input);
                case "drop", "answer" -> state.pending().containsKey(input.id()) ? List.of(input) : List.of();
                default -> throw new IllegalArgumentException(input.verb());
            };
        }

        @Override
        public Calls evolve(Calls state, Input fact) {
            Map<String, Long> pending = new LinkedHashMap<>(state.pending());
            List<String> answered = new ArrayList<>(state.answered());
            switch (fact.verb()) {
                case "ask" -> pending.put(fact.id(), fact.due());
                case "drop" -> pending.remove(fact.id());
                default -> {
                    pending.remove(fact.id());
                    answered.add(fact.id() + "=" + fact.text());
                }
            }
            return new Calls(pending, answered);
        }

        @Override
        public Calls initialState() {
            return Calls.NONE;
        }
    }

    static final Inputs<String, Input> INPUTS = Inputs.of(value -> {
        String[] kv = value.split(":", 3); // key:verb:id@due
        String[] call = kv[2].split("@");
        return Optional.of(new Input(kv[0], kv[1], call[0], call.length > 1 ? Long.parseLong(call[1]) : 0, null));
    }, Input::key);

    /** The outside system: records who it was called for, answers "ok-<n>", or fails while told to. */
    final class Outside implements OutsideCalls<Input, Calls, String> {
        final List<String> made = new CopyOnWriteArrayList<>();
        /** What each call's log lines carried: the MDC's correlation id and trace id while it ran. */
        final List<String> logged = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public String system() {
            return "outside";
        }

        @Override
        public String correlationIdOf(String id) {
            return "saga-of-" + id;
        }

        @Override
        public List<PendingCall<String>> pending(Calls state) {
            return state.pending().entrySet().stream()
                    .map(e -> new PendingCall<>(e.getKey(), Instant.ofEpochMilli(e.getValue()), e.getKey())).toList();
        }

        @Override
        public Optional<Input> call(String key, String id) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            made.add(key + "/" + id);
            logged.add(MDC.get(TraceLogging.CORRELATION_ID) + " " + MDC.get(TraceLogging.TRACE_ID));
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("outside system down");
            }
            return Optional.of(new Input(key, "answer", id, 0, "ok-" + made.size()));
        }
    }

    private final Outside outside = new Outside();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> in;
    private TestOutputTopic<String, String> out;
    private KeyValueStore<String, Calls> states;
    private KeyValueStore<String, String> due;

    private void start(Executor callers) {
        start(callers, null);
    }

    /** With {@code kept}, the states are kept in it, so the next driver finds them. */
    private void start(Executor callers, KeyValueStore<Bytes, byte[]> kept) {
        Step<String, Input, Input, Calls, String> step = Step.of("calls", new Asking(), INPUTS,
                        (String key, Input fact) -> fact.verb().equals("answer")
                                ? List.of(Output.record(key, fact.id() + "=" + fact.text()))
                                : List.<Output<String>>of())
                .calling(new Calling<>(outside, "calls-due", SCAN, callers));
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(BeforeCommitStore.builder(Stores.keyValueStoreBuilder(kept == null
                        ? Stores.inMemoryKeyValueStore("calls")
                        : new KeyValueBytesStoreSupplier() {
                            @Override public String name() { return "calls"; }
                            @Override public KeyValueStore<Bytes, byte[]> get() { return kept; }
                            @Override public String metricsScope() { return "in-memory"; }
                        }, Serdes.String(),
                Serdes.serdeFrom((topic, calls) -> serialize(calls), (topic, bytes) -> deserialize(bytes)))
                .withCachingEnabled()));
        builder.addStateStore(DueTimeIndex.storeBuilder("calls-due"));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .process(step.processor(), Named.as("ask"), "calls", "calls-due")
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "due-calls-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props, START);
        in = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
        out = driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer());
        states = driver.getKeyValueStore("calls");
        due = driver.getKeyValueStore("calls-due");
    }

    @AfterEach
    void stop() {
        Asking.failuresLeft.set(0);
        if (driver != null) driver.close();
    }

    private void ask(String key, String id, Instant dueAt) {
        in.pipeInput(key, key + ":ask:" + id + "@" + dueAt.toEpochMilli());
    }

    private void drain() {
        driver.advanceWallClockTime(DueCalls.DRAIN_EVERY);
    }

    @Test
    void aCallPendingAcrossARestartIsFoundFromItsRestoredStateAloneAndMadeWithTheSameId() {
        KeyValueStore<Bytes, byte[]> restored = new SurvivingStore(Stores.inMemoryKeyValueStore("calls").get());
        HeldCalls held = new HeldCalls(); // the call is never made before the restart
        start(held, restored);
        RecordHeaders headers = new RecordHeaders();
        TraceHeaders.write(headers, trace);
        in.pipeInput(new TestRecord<>("k1", "k1:ask:c1@" + START.toEpochMilli(), headers, START));
        ask("k2", "c2", START.plusSeconds(3600));
        assertThat(held.waiting).hasSize(1);

        // A restart: the states come back (from their changelog, in production), the index does not:
        // it has no changelog and is built again from the states.
        driver.close();
        start(Runnable::run, restored);
        assertThat(states.get("k1").pending()).containsKey("c1");
        assertThat(indexKeys()).containsExactly(String.format("%019d|k1", START.toEpochMilli()),
                String.format("%019d|k2", START.plusSeconds(3600).toEpochMilli()));

        driver.advanceWallClockTime(SCAN); // the scan makes the call that is due
        drain(); // its answer is decided

        assertThat(outside.made).containsExactly("k1/c1");
        TestRecord<String, String> answer = out.readRecord();
        assertThat(answer.value()).isEqualTo("c1=ok-1");
        assertThat(TraceHeaders.read(answer.headers()))
                .as("the index kept no trace across the restart, so the answer is not traced").isNull();
        assertThat(indexKeys()).containsExactly(String.format("%019d|k2", START.plusSeconds(3600).toEpochMilli()));
    }

    @Test
    void anAnswerContinuesTheTraceOfTheDecisionThatMadeItsCallPending() {
        start(Runnable::run);
        Instant later = askInAMinuteTraced();
        String entry = String.format("%019d|k1", later.toEpochMilli());
        assertThat(due.get(entry)).as("the entry keeps the trace beside its key").isEqualTo("k1\t" + trace.traceparent());

        driver.advanceWallClockTime(Duration.ofSeconds(61)); // the scan makes the call
        drain(); // its answer is decided

        TestRecord<String, String> answer = out.readRecord();
        assertThat(answer.value()).isEqualTo("c1=ok-1");
        TraceContext continued = TraceHeaders.read(answer.headers());
        assertThat(continued.traceId()).isEqualTo(trace.traceId());
        assertThat(continued.spanId()).isNotEqualTo(trace.spanId());
    }

    @Test
    void whatACallLogsNamesTheSagaItServesAndTheTraceOfTheDecisionThatMadeItPending() {
        start(Runnable::run);
        askInAMinuteTraced();

        driver.advanceWallClockTime(Duration.ofSeconds(61)); // made by the scan, not while an input is decided

        assertThat(outside.logged).containsExactly("saga-of-c1 " + trace.traceId());
        assertThat(MDC.get(TraceLogging.CORRELATION_ID)).as("cleared after the call").isNull();
    }

    /** k1 asks for call c1, due in a minute, in a record that carries {@link #trace}; returns the instant it is due. */
    private Instant askInAMinuteTraced() {
        Instant later = START.plusSeconds(60);
        RecordHeaders headers = new RecordHeaders();
        TraceHeaders.write(headers, trace);
        in.pipeInput(new TestRecord<>("k1", "k1:ask:c1@" + later.toEpochMilli(), headers, START));
        return later;
    }

    @Test
    void aCallDueWhenDecidedIsMadeAtOnceAndItsAnswerDecidedAtTheNextDrain() {
        HeldCalls held = new HeldCalls(); // the call runs after the input's commit
        start(held);
        ask("k1", "c1", START);
        held.runAll();

        assertThat(outside.made).containsExactly("k1/c1");
        assertThat(out.isEmpty()).as("an answer is decided on the stream thread, not by the caller").isTrue();
        assertThat(due.get(String.format("%019d|k1", START.toEpochMilli()))).isEqualTo("k1");

        drain();

        assertThat(out.readValuesToList()).containsExactly("c1=ok-1");
        assertThat(states.get("k1").pending()).isEmpty();
        assertThat(countOf(due)).as("nothing waits any more").isZero();
        driver.advanceWallClockTime(SCAN.multipliedBy(3));
        assertThat(outside.made).as("an answered call is never made again").hasSize(1);
    }

    @Test
    void underLoadTheAnswersThatCameAreDecidedBeforeTheNextRecordWithoutWaitingForTheDrain() {
        HeldCalls held = new HeldCalls();
        start(held);
        ask("k1", "c1", START);
        held.runAll();
        assertThat(out.isEmpty()).isTrue();

        ask("k2", "c2", START.plusSeconds(3600)); // any record: the answer to c1 is decided first

        assertThat(out.readValuesToList()).containsExactly("c1=ok-1");
    }

    @Test
    void anAnswerThatCameBeforeTheCommitIsDecidedInItAndStoredWithItsIntentAsOneChangelogRecord() {
        start(Runnable::run); // the call is answered while its input is decided, before the task commits
        TestOutputTopic<String, byte[]> changelog = driver.createOutputTopic("due-calls-test-calls-changelog",
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());

        ask("k1", "c1", START); // no clock moves, no other record

        assertThat(out.readValuesToList()).as("its events leave with the commit").containsExactly("c1=ok-1");
        List<String> logged = changelog.readKeyValuesToList().stream()
                .map(kv -> kv.key + " " + deserialize(kv.value).answered()).toList();
        assertThat(logged).as("the intent never reached the changelog on its own").containsExactly("k1 [c1=ok-1]");
        assertThat(countOf(due)).isZero();
    }

    @Test
    void anAnswerWhoseDecisionFailsBeforeARecordLeavesTheRecordAloneAndIsTriedAgainBeforeItsCommit() {
        HeldCalls held = new HeldCalls();
        start(held);
        ask("k1", "c1", START);
        held.runAll();
        Asking.failuresLeft.set(1);

        ask("k2", "c2", START.plusSeconds(3600)); // the answer to c1 is decided first, and fails

        assertThat(states.get("k2").pending()).as("the record is decided, not blamed").containsKey("c2");
        assertThat(out.readValuesToList()).containsExactly("c1=ok-1");
    }

    @Test
    void anAnswerWhoseDecisionFailsBeforeACommitIsDecidedAtTheNextDrain() {
        start(Runnable::run);
        Asking.failuresLeft.set(1); // the answer's first decision throws

        ask("k1", "c1", START); // the commit after it must not fail

        assertThat(out.isEmpty()).isTrue();
        assertThat(states.get("k1").pending()).containsKey("c1");
        drain();
        assertThat(out.readValuesToList()).containsExactly("c1=ok-1");
        assertThat(outside.made).as("decided again, not called again").containsExactly("k1/c1");
    }

    @Test
    void theCallsOfOneKeyAreMadeOneAtATimeInTheirOrderAndOtherKeysAlongside() {
        HeldCalls held = new HeldCalls();
        start(held);
        ask("k1", "first", START);
        ask("k1", "second", START);
        ask("k2", "other", START);
        held.runAll();
        assertThat(outside.made).containsExactly("k1/first", "k2/other");

        drain(); // first's answer is decided, which makes second
        held.runAll();
        drain();

        assertThat(outside.made).containsExactly("k1/first", "k2/other", "k1/second");
        assertThat(out.readValuesToList()).containsExactly("first=ok-1", "other=ok-2", "second=ok-3");
    }

    @Test
    void aCallDueLaterIsMadeByTheScanOnceDue() {
        start(Runnable::run);
        ask("k1", "later", START.plusSeconds(10));
        driver.advanceWallClockTime(SCAN.multipliedBy(5));
        assertThat(outside.made).isEmpty();

        driver.advanceWallClockTime(SCAN.multipliedBy(5)); // the scan at START+10s makes it
        drain();

        assertThat(outside.made).containsExactly("k1/later");
        assertThat(out.readValuesToList()).containsExactly("later=ok-1");
    }

    @Test
    void aCallThatFailedIsMadeAgainAtTheNextScanWithTheSameId() {
        double failedBefore = calls("failed");
        double answeredBefore = calls("answered");
        outside.failuresLeft.set(1);
        start(Runnable::run);
        ask("k1", "c1", START);
        drain();
        assertThat(out.isEmpty()).isTrue();
        assertThat(states.get("k1").pending()).containsKey("c1");

        driver.advanceWallClockTime(SCAN);
        drain();

        assertThat(outside.made).containsExactly("k1/c1", "k1/c1");
        assertThat(out.readValuesToList()).containsExactly("c1=ok-2");
        assertThat(calls("failed")).as("counted by outcome").isEqualTo(failedBefore + 1);
        assertThat(calls("answered")).isEqualTo(answeredBefore + 1);
    }

    private static double calls(String outcome) {
        var counter = com.musiccorp.platform.metrics.ProcessMeters.meters()
                .find(com.musiccorp.platform.metrics.OutsideCallMeters.CALLS)
                .tags("system", "outside", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anAnswerToACallNoLongerPendingIsNotDecided() {
        HeldCalls held = new HeldCalls();
        start(held);
        ask("k1", "c1", START);
        in.pipeInput("k1", "k1:drop:c1");
        held.runAll(); // the outside system answers after the state gave the call up

        drain();

        assertThat(outside.made).containsExactly("k1/c1");
        assertThat(out.isEmpty()).isTrue();
        assertThat(states.get("k1").answered()).isEmpty();
    }

    @Test
    void atMostTheCapIsInFlightPerTaskAndTheRestIsMadeByLaterScans() {
        HeldCalls held = new HeldCalls();
        start(held);
        int keys = DueCalls.MAX_IN_FLIGHT + 10;
        for (int i = 0; i < keys; i++) {
            ask("k" + i, "c", START);
        }
        assertThat(held.waiting).hasSize(DueCalls.MAX_IN_FLIGHT);

        held.runAll();
        drain();
        driver.advanceWallClockTime(SCAN);
        held.runAll();
        drain();

        assertThat(outside.made).hasSize(keys).doesNotHaveDuplicates();
        assertThat(out.readValuesToList()).hasSize(keys);
    }

    @Test
    void aSlowCallOnAVirtualThreadDoesNotHoldTheStreamThread() {
        outside.gate = new CountDownLatch(1);
        start(Calling.VIRTUAL_THREADS);
        ask("slow", "c1", START);
        ask("k2", "c2", START.plusSeconds(3600)); // the stream thread goes on deciding meanwhile
        assertThat(states.get("k2").pending()).containsKey("c2");

        outside.gate.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            drain();
            return !out.isEmpty();
        });
        assertThat(out.readValuesToList()).containsExactly("c1=ok-1");
    }

    private List<String> indexKeys() {
        List<String> keys = new ArrayList<>();
        try (var all = due.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private static long countOf(KeyValueStore<String, String> store) {
        try (var all = store.all()) {
            long n = 0;
            while (all.hasNext()) {
                all.next();
                n++;
            }
            return n;
        }
    }

    private static byte[] serialize(Calls calls) {
        try (var bytes = new ByteArrayOutputStream(); var objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(new Calls(new LinkedHashMap<>(calls.pending()), new ArrayList<>(calls.answered())));
            objects.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Calls deserialize(byte[] bytes) {
        if (bytes == null) return null;
        try (var objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Calls) objects.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A store whose contents outlive the driver that closes it, as a restored store's do. */
    private static final class SurvivingStore implements KeyValueStore<Bytes, byte[]> {
        private final KeyValueStore<Bytes, byte[]> inner;

        SurvivingStore(KeyValueStore<Bytes, byte[]> inner) {
            this.inner = inner;
        }

        @Override public String name() { return inner.name(); }
        @Override public void init(org.apache.kafka.streams.processor.StateStoreContext context,
                org.apache.kafka.streams.processor.StateStore root) { inner.init(context, root); }
        @Override public void flush() { inner.flush(); }
        @Override public void close() { } // kept for the next driver
        @Override public boolean persistent() { return false; }
        @Override public boolean isOpen() { return inner.isOpen(); }
        @Override public org.apache.kafka.streams.query.Position getPosition() { return inner.getPosition(); }
        @Override public <R> org.apache.kafka.streams.query.QueryResult<R> query(
                org.apache.kafka.streams.query.Query<R> query, org.apache.kafka.streams.query.PositionBound bound,
                org.apache.kafka.streams.query.QueryConfig config) { return inner.query(query, bound, config); }
        @Override public void put(Bytes key, byte[] value) { inner.put(key, value); }
        @Override public byte[] putIfAbsent(Bytes key, byte[] value) { return inner.putIfAbsent(key, value); }
        @Override public void putAll(List<org.apache.kafka.streams.KeyValue<Bytes, byte[]>> entries) { inner.putAll(entries); }
        @Override public byte[] delete(Bytes key) { return inner.delete(key); }
        @Override public byte[] get(Bytes key) { return inner.get(key); }
        @Override public org.apache.kafka.streams.state.KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) { return inner.range(from, to); }
        @Override public org.apache.kafka.streams.state.KeyValueIterator<Bytes, byte[]> all() { return inner.all(); }
        @Override public long approximateNumEntries() { return inner.approximateNumEntries(); }
    }
}
