package com.musiccorp.platform.streams.step;

import com.musiccorp.platform.decider.Decider;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one step every context runs: decide, evolve, store (watched), forward; punctuations feed back. */
class StepProcessorTest {

    /** Input "key:n" adds n to the key's total, but never past 10; the fact is what was added. */
    record Add(String key, int amount) {
    }

    static final class CappedTotal implements Decider<Add, Integer, Integer> {
        @Override
        public List<Integer> decide(Add add, Integer total, Instant decidedAt) {
            return total + add.amount() > 10 ? List.of() : List.of(add.amount());
        }

        @Override
        public Integer evolve(Integer total, Integer added) {
            return total + added;
        }

        @Override
        public Integer initialState() {
            return 0;
        }
    }

    static final Inputs<String, Add> ADDS = new Inputs<>() {
        @Override
        public Optional<Add> read(String value) {
            if (value.startsWith("ignore")) return Optional.empty();
            String[] parts = value.split(":");
            return Optional.of(new Add(parts[0], Integer.parseInt(parts[1])));
        }

        @Override
        public String keyOf(Add input) {
            return input.key();
        }
    };

    private final List<String> watched = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> in;
    private TestOutputTopic<String, String> out;
    private KeyValueStore<String, Integer> totals;

    @BeforeEach
    void start() {
        Step<String, Add, Integer, Integer, String> step = Step.of("totals", new CappedTotal(), ADDS,
                        (String key, Integer added) -> List.of(Output.record(key, "added " + added)))
                .watchedBy((key, before, after) -> watched.add(key + ":" + before + "->" + after))
                // Every 10 s of wall-clock time, each key gets 1 more: an answer fed back through the step.
                .scheduling((context, store, steps) -> context.schedule(Duration.ofSeconds(10),
                        PunctuationType.WALL_CLOCK_TIME, now -> {
                            try (var all = store.all()) {
                                List<String> keys = new ArrayList<>();
                                all.forEachRemaining(kv -> keys.add(kv.key));
                                keys.forEach(key -> steps.apply(key, new Add(key, 1)));
                            }
                        }));
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("totals"), Serdes.String(),
                Serdes.Integer()));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("in-source"))
                .process(step.processor(), Named.as("step"), "totals")
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("out-sink"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "step-test");
        driver = new TopologyTestDriver(builder.build(), props);
        in = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
        out = driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer());
        totals = driver.getKeyValueStore("totals");
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void decidesStoresAndForwardsWhatWasDecided() {
        in.pipeInput("a", "a:4");
        in.pipeInput("a", "a:5");
        in.pipeInput("b", "b:2");

        assertThat(out.readKeyValuesToList()).extracting(kv -> kv.key + "=" + kv.value)
                .containsExactly("a=added 4", "a=added 5", "b=added 2");
        assertThat(totals.get("a")).isEqualTo(9);
        assertThat(watched).containsExactly("a:0->4", "a:4->9", "b:0->2");
    }

    @Test
    void anInputDecidingNothingStoresAndForwardsNothing() {
        in.pipeInput("a", "a:8");
        in.pipeInput("a", "a:3"); // past the cap
        in.pipeInput("a", "ignore me");

        assertThat(out.readValuesToList()).containsExactly("added 8");
        assertThat(watched).containsExactly("a:0->8");
    }

    @Test
    void aRecordWhoseKeyIsNotItsStatesKeyIsRefused() {
        assertThatThrownBy(() -> in.pipeInput("b", "a:1"))
                .hasStackTraceContaining("record key 'b' is not the key 'a' of the Add it carries");
        assertThat(totals.get("a")).isNull();
    }

    @Test
    void aPunctuationFeedsItsAnswersBackThroughTheSameStep() {
        in.pipeInput("a", "a:9");
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(out.readValuesToList()).containsExactly("added 9", "added 1");
        assertThat(totals.get("a")).isEqualTo(10);
    }

    @Test
    void aStepDeclaredPerTaskIsMadeForEachTask() {
        List<StateWatcher<Integer>> made = new ArrayList<>();
        var perTask = Step.perTask(() -> {
            StateWatcher<Integer> watcher = new StateWatcher<>() {
                @Override
                public void changed(String key, Integer before, Integer after) {
                }
            };
            made.add(watcher);
            return Step.of("totals", new CappedTotal(), ADDS,
                    (String key, Integer added) -> List.<Output<String>>of()).watchedBy(watcher);
        });
        perTask.get();
        perTask.get();

        assertThat(made).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aKeysStateIsDecodedFromTheStoreOnceAndThenKeptAsTheStoreHoldsIt() {
        java.util.concurrent.atomic.AtomicInteger decoded = new java.util.concurrent.atomic.AtomicInteger();
        var counting = Serdes.serdeFrom(Serdes.Integer().serializer(), (topic, bytes) -> {
            decoded.incrementAndGet();
            return Serdes.Integer().deserializer().deserialize(topic, bytes);
        });
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("totals"), Serdes.String(),
                counting));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .process(Step.of("totals", new CappedTotal(), ADDS,
                        (String key, Integer added) -> List.of(Output.record(key, "added " + added))).processor(), "totals")
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "step-decoded-test");
        try (TopologyTestDriver cached = new TopologyTestDriver(builder.build(), props)) {
            var input = cached.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
            input.pipeInput("a", "a:1");
            input.pipeInput("a", "a:2");
            input.pipeInput("a", "a:3");
            input.pipeInput("a", "a:9"); // past the cap: decided against the kept 6, nothing stored

            assertThat(decoded).as("the first input found no state; the others used the kept one").hasValue(0);
            KeyValueStore<String, Integer> store = cached.getKeyValueStore("totals");
            assertThat(store.get("a")).as("the store holds what was kept").isEqualTo(6);
        }
    }
}
