package com.musiccorp.platform.streams;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WriteBehindStore} in a real task (TopologyTestDriver, which commits after every input record):
 * each input is a script of store operations run in one {@code process} call, so within one commit.
 */
class WriteBehindStoreTest {

    private static final String STORE = "s";
    private static final String CHANGELOG = "write-behind-test-" + STORE + "-changelog";

    /** Values serialized by the store beneath (its serde runs at its put). */
    private final AtomicInteger serialized = new AtomicInteger();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> scripts;
    private TestOutputTopic<String, String> reads;
    private TestOutputTopic<String, String> changelog;

    @AfterEach
    void close() {
        if (driver != null) driver.close();
    }

    @Test
    void aKeyPutManyTimesWithinACommitIsSerializedAndLoggedOnceWithItsLastValue() {
        start(100, true);

        run("put a 1; put a 2; put a 3; serialized; get a");

        assertThat(reads.readValuesToList()).containsExactly("0", "a=3");
        assertThat(serialized).hasValue(1);
        assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("a", "3"));
    }

    @Test
    void aDeleteWithinTheCommitLeavesOnlyTheTombstone() {
        start(100, true);
        run("put a 1");
        changelog.readKeyValuesToList();

        run("put a 2; delete a; get a");

        assertThat(reads.readValuesToList()).containsExactly("a=null");
        assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("a", null));
    }

    @Test
    void iteratorsMergeThePendingValuesWithTheStoredOnesInKeyOrder() {
        start(100, true);
        run("put a 1; put c 3; put e 5; put cz 7");

        run("put b 2; put c 33; delete e; put f 6; serialized; all; reverseAll; range b cz; reverseRange b cz; prefix c");

        assertThat(reads.readValuesToList()).containsExactly(
                "4",
                "a=1,b=2,c=33,cz=7,f=6",
                "f=6,cz=7,c=33,b=2,a=1",
                "b=2,c=33,cz=7",
                "cz=7,c=33,b=2",
                "c=33,cz=7");
    }

    @Test
    void beyondItsBoundTheLeastRecentlyPutKeyIsWrittenFirst() {
        start(3, false);

        run("put a 1; put b 1; put a 2; put c 1; serialized; put d 1; serialized; get b");

        // After d, four keys wait: b (put before a was put again) is written at once.
        assertThat(reads.readValuesToList()).containsExactly("0", "1", "b=1");
        assertThat(changelog.readKeyValuesToList()).containsExactly(KeyValue.pair("b", "1"), KeyValue.pair("a", "2"),
                KeyValue.pair("c", "1"), KeyValue.pair("d", "1"));
        assertThat(serialized).hasValue(4);
    }

    @Test
    void queriesFromOutsideTheTaskReadWhatItCommitted() {
        start(100, true);
        run("put a 1; put b 2");

        KeyValueStore<String, String> store = driver.getKeyValueStore(STORE);
        assertThat(store.get("a")).isEqualTo("1");
        assertThat(store.approximateNumEntries()).isEqualTo(2);
    }

    private void run(String script) {
        scripts.pipeInput("k", script);
    }

    private void start(int maxPending, boolean cachingBeneath) {
        Serde<String> counted = Serdes.serdeFrom((topic, value) -> {
            serialized.incrementAndGet();
            return value == null ? null : new StringSerializer().serialize(topic, value);
        }, new StringDeserializer());
        var beneath = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), counted);
        Topology topology = new Topology();
        topology.addSource("scripts", new StringDeserializer(), new StringDeserializer(), "scripts");
        topology.addProcessor("run", Script::new, "scripts");
        topology.addStateStore(WriteBehindStore.builder(cachingBeneath ? beneath.withCachingEnabled() : beneath.withCachingDisabled(),
                new StringSerializer(), maxPending), "run");
        topology.addSink("reads", "reads", new StringSerializer(), new StringSerializer(), "run");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "write-behind-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
        driver = new TopologyTestDriver(topology, props);
        scripts = driver.createInputTopic("scripts", new StringSerializer(), new StringSerializer());
        reads = driver.createOutputTopic("reads", new StringDeserializer(), new StringDeserializer());
        changelog = driver.createOutputTopic(CHANGELOG, new StringDeserializer(), new StringDeserializer());
    }

    /** Runs a script of store operations separated by ';', forwarding what each read saw. */
    private final class Script implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            for (String op : record.value().split(";")) {
                String[] w = op.trim().split(" ");
                switch (w[0]) {
                    case "put" -> store.put(w[1], w[2]);
                    case "delete" -> store.delete(w[1]);
                    case "get" -> read(w[1] + "=" + store.get(w[1]));
                    case "serialized" -> read(String.valueOf(serialized.get()));
                    case "all" -> read(listed(store.all()));
                    case "reverseAll" -> read(listed(store.reverseAll()));
                    case "range" -> read(listed(store.range(w[1], w[2])));
                    case "reverseRange" -> read(listed(store.reverseRange(w[1], w[2])));
                    case "prefix" -> read(listed(store.prefixScan(w[1], new StringSerializer())));
                    default -> throw new IllegalArgumentException(op);
                }
            }
        }

        private void read(String what) {
            context.forward(new Record<>("k", what, 0));
        }

        private String listed(KeyValueIterator<String, String> it) {
            List<String> entries = new ArrayList<>();
            try (it) {
                while (it.hasNext()) {
                    String peeked = it.peekNextKey();
                    KeyValue<String, String> kv = it.next();
                    assertThat(kv.key).isEqualTo(peeked);
                    entries.add(kv.key + "=" + kv.value);
                }
            }
            return String.join(",", entries);
        }
    }
}
