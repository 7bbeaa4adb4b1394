package com.musiccorp.platform.streams;

import com.musiccorp.events.OrderCompleted;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.schemas.Causation;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A step whose state or output would be over the broker's record limit is dead-lettered whole and
 * processing goes on, without the stream thread failing (it used to fail, be replaced and fail
 * again forever); a record the schema registry cannot speak for right now is read again once it
 * can, never dead-lettered, and the instance is not ready meanwhile.
 */
class StepFailureIT {
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    /** A value of {@code size} characters, as JSON in a store or on a topic. */
    record Blob(String text) {
        static Blob of(int size) {
            return new Blob("x".repeat(size));
        }
    }

    @Test
    void aStepOverTheRecordLimitIsDeadLetteredAndProcessingGoesOn(@TempDir Path state) throws Exception {
        String in = "size.in", out = "size.out", context = "sizetest";
        createTopics(in, out, TopicCatalog.deadLetterTopic(context));
        Properties props = StreamsSettings.forContext(settings(context, "http://127.0.0.1:1", state));
        JsonSerde<Blob> blobs = new JsonSerde<>(Blob.class);

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("blobs"), Serdes.String(), blobs));
        // "store:N" keeps a value of N bytes; "event:N" emits one; either way the step also emits its key.
        builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()).withName("size-source"))
                .process(() -> new Processor<String, String, String, Blob>() {
                    private ProcessorContext<String, Blob> ctx;
                    private KeyValueStore<String, Blob> store;

                    @Override
                    public void init(ProcessorContext<String, Blob> context) {
                        ctx = context;
                        store = context.getStateStore("blobs");
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        String[] what = record.value().split(":");
                        int size = Integer.parseInt(what[1]);
                        store.put(record.key(), what[0].equals("store") ? Blob.of(size) : Blob.of(1));
                        ctx.forward(record.withValue(what[0].equals("event") ? Blob.of(size) : new Blob(record.key())));
                    }
                }, Named.as("grow"), "blobs")
                .to(out, Produced.with(Serdes.String(), blobs).withName("size-sink"));

        try (StreamsRuntime runtime = new StreamsRuntime(builder.build(props), props).start();
             var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            await().atMost(Duration.ofSeconds(60)).until(runtime::isReady);
            send(producer, in, "big-state", "store:1200000".getBytes(StandardCharsets.UTF_8));
            send(producer, in, "big-event", "event:1200000".getBytes(StandardCharsets.UTF_8));
            send(producer, in, "small", "store:10".getBytes(StandardCharsets.UTF_8));

            List<ConsumerRecord<byte[], byte[]>> written = TopicRecords.readAll(kafka.bootstrapServers(), out, 1);
            assertThat(written).extracting(StepFailureIT::key).containsExactly("small");
            List<ConsumerRecord<byte[], byte[]>> dead = TopicRecords.readAll(kafka.bootstrapServers(), TopicCatalog.deadLetterTopic(context), 2);
            assertThat(dead).extracting(StepFailureIT::key).containsExactly("big-state", "big-event");
            for (var letter : dead) {
                assertThat(TopicRecords.header(letter, "__streams.errors.message")).contains("over the limit of 1000000 bytes");
                assertThat(TopicRecords.header(letter, "__streams.errors.topic")).isEqualTo(in);
            }
            assertThat(runtime.notReadyBecause()).as("no stream thread failed").isNull();
        }
    }

    @Test
    void aRecordIsReadAgainOnceTheRegistryAnswersNeverDeadLettered(@TempDir Path state) throws Exception {
        String out = "registry.out", context = "registrytest";
        createTopics(out, TopicCatalog.deadLetterTopic(context));
        byte[] event;
        try (SchemaRegistryServer writers = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
             var serde = EventSerdes.anyEvent(StreamsSettings.forContext(settings(context, writers.url(), state)))) {
            event = serde.serializer().serialize(TopicCatalog.ORDERS_EVENTS, completed("while-down"));
        }
        int port = freePort();
        Properties props = StreamsSettings.forContext(settings(context, "http://127.0.0.1:" + port, state));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(TopicCatalog.ORDERS_EVENTS, Consumed.with(Serdes.String(), EventSerdes.anyEvent(props))
                        .withName("orders-events-source"))
                .mapValues(e -> ((OrderCompleted) e).getOrderId(), Named.as("read-order-id"))
                .to(out, Produced.with(Serdes.String(), Serdes.String()).withName("registry-out-sink"));

        try (StreamsRuntime runtime = new StreamsRuntime(builder.build(props), props).start();
             var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            send(producer, TopicCatalog.ORDERS_EVENTS, "while-down", event);
            AtomicBoolean sawNotReady = new AtomicBoolean();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                String why = runtime.notReadyBecause();
                return why != null && why.contains("stream thread failed") && sawNotReady.compareAndSet(false, true);
            });
            try (SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), port)) {
                assertThat(TopicRecords.readAll(kafka.bootstrapServers(), out, 1)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                        .containsExactly("while-down");
            }
            assertThat(endOffset(TopicCatalog.deadLetterTopic(context))).as("nothing dead-lettered").isZero();
        }
    }

    private static ContextSettings settings(String context, String registryUrl, Path state) {
        return ContextSettings.from(context, Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registryUrl, "STATE_DIR", state.toString()));
    }

    private static void createTopics(String... names) throws Exception {
        try (Admin admin = kafka.admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) topics.add(new NewTopic(name, 1, (short) 1));
            admin.createTopics(topics).all().get();
        }
    }

    private static long endOffset(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partition = new org.apache.kafka.common.TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static SpecificRecord completed(String orderId) {
        return OrderCompleted.newBuilder()
                .setMetadata(Causation.fromCommand(orderId, "corr-" + orderId, Instant.parse("2026-11-23T10:00:00Z"),
                        "orders", "OrderCompleted"))
                .setOrderId(orderId).setCustomerId("c-1").setCompletedAt(Instant.parse("2026-11-23T10:00:00Z"))
                .build();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, 0, key.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }
}
