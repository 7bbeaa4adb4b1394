package com.musiccorp.orders.stream;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.EventRejected;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockReserved;
import com.musiccorp.orders.domain.CancelOrder;
import com.musiccorp.orders.domain.Order;
import com.musiccorp.orders.domain.OrderStatus;
import com.musiccorp.platform.avro.AvroSerde;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.StreamsSettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static com.musiccorp.orders.stream.TestEvents.T0;
import static com.musiccorp.orders.stream.TestEvents.orderDispatched;
import static com.musiccorp.orders.stream.TestEvents.orderPackaged;
import static com.musiccorp.orders.stream.TestEvents.orderPlaced;
import static com.musiccorp.orders.stream.TestEvents.paymentTaken;
import static com.musiccorp.orders.stream.TestEvents.pointsAwarded;
import static com.musiccorp.orders.stream.TestEvents.stockInsufficient;
import static com.musiccorp.orders.stream.TestEvents.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;

/** The topology on TopologyTestDriver: the orders.events it writes and the state it keeps. */
class OrdersTopologyTest {

    /** Arrival time of piped records: far from any event time, so a timestamp copied from it shows. */
    private static final Instant ARRIVAL = Instant.parse("2026-06-01T00:00:00Z");

    private TopologyTestDriver driver;
    private Serde<SpecificRecord> events;
    private Map<String, TestInputTopic<String, SpecificRecord>> inputs;
    private TestOutputTopic<String, SpecificRecord> ordersEvents;
    private KeyValueStore<String, Order> store;

    // The serde talks to the project's real registry (on a real broker), shared by the class's tests.
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false);
    private static SchemaRegistryServer registry;

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
        Properties props = StreamsSettings.forContext(new ContextSettings("orders", "unused:9092", registry.url(),
                state, Optional.empty(), -1, 0));
        events = new AvroSerde<>();
        events.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        driver = new TopologyTestDriver(OrdersTopology.build(events, props), props, ARRIVAL); // the wall clock decisions take
        inputs = Map.of(
                TopicCatalog.ORDERS_EVENTS, input(TopicCatalog.ORDERS_EVENTS),
                TopicCatalog.WAREHOUSE_EVENTS, input(TopicCatalog.WAREHOUSE_EVENTS),
                TopicCatalog.PAYMENTS_EVENTS, input(TopicCatalog.PAYMENTS_EVENTS),
                TopicCatalog.LOYALTY_EVENTS, input(TopicCatalog.LOYALTY_EVENTS));
        ordersEvents = driver.createOutputTopic(TopicCatalog.ORDERS_EVENTS, new StringDeserializer(), events.deserializer());
        store = driver.getKeyValueStore(OrdersTopology.ORDERS_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private TestInputTopic<String, SpecificRecord> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), events.serializer());
    }

    private void publish(String topic, SpecificRecord event) {
        inputs.get(topic).pipeInput(new TestRecord<>(TestEvents.orderId(event), event, ARRIVAL));
    }

    @Test
    void aDispatchedOrderWithItsPointsAwardedIsCompleted() {
        OrderPlaced placed = orderPlaced("happy");
        publish(TopicCatalog.ORDERS_EVENTS, placed);
        StockReserved reserved = stockReserved(placed);
        publish(TopicCatalog.WAREHOUSE_EVENTS, reserved);
        PaymentTaken paid = paymentTaken(reserved);
        publish(TopicCatalog.PAYMENTS_EVENTS, paid);
        OrderPackaged packaged = orderPackaged(paid);
        publish(TopicCatalog.WAREHOUSE_EVENTS, packaged);
        OrderDispatched dispatched = orderDispatched(packaged);
        publish(TopicCatalog.WAREHOUSE_EVENTS, dispatched);
        assertThat(ordersEvents.isEmpty()).as("nothing to decide before the points are awarded").isTrue();

        publish(TopicCatalog.LOYALTY_EVENTS, pointsAwarded(dispatched));

        List<TestRecord<String, SpecificRecord>> written = ordersEvents.readRecordsToList();
        assertThat(written).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(placed.getOrderId());
            assertThat(r.value()).isInstanceOf(OrderCompleted.class);
        });
        assertThat(store.get(placed.getOrderId()).status()).isEqualTo(OrderStatus.COMPLETED);
    }

    /**
     * The rebuild's fold (buildFold) reads what the live step read and wrote, its own decision before
     * the cause (Kafka orders nothing across topics), and reaches the live state's digest form
     * without writing anything.
     */
    @Test
    void aRebuildFoldsTheLiveStateAndWritesNothing(@TempDir Path rebuildState) {
        OrderPlaced placed = orderPlaced("rebuilt");
        OrderDispatched dispatched = orderDispatched(orderPackaged(paymentTaken(stockReserved(placed))));
        StockReserved reserved = stockReserved(placed);
        PaymentTaken paid = paymentTaken(reserved);
        OrderPackaged packaged = orderPackaged(paid);
        List<Map.Entry<String, SpecificRecord>> inputsRead = List.of(
                Map.entry(TopicCatalog.ORDERS_EVENTS, placed), Map.entry(TopicCatalog.WAREHOUSE_EVENTS, reserved),
                Map.entry(TopicCatalog.PAYMENTS_EVENTS, paid), Map.entry(TopicCatalog.WAREHOUSE_EVENTS, packaged),
                Map.entry(TopicCatalog.WAREHOUSE_EVENTS, dispatched),
                Map.entry(TopicCatalog.LOYALTY_EVENTS, pointsAwarded(dispatched)));
        inputsRead.forEach(e -> publish(e.getKey(), e.getValue()));
        SpecificRecord completed = ordersEvents.readValue();
        Order live = store.get(placed.getOrderId());

        Properties props = StreamsSettings.forContext(new ContextSettings("orders", "unused:9092", registry.url(),
                rebuildState, Optional.empty(), -1, 0));
        try (TopologyTestDriver fold = new TopologyTestDriver(OrdersTopology.buildFold(events, props, Optional.empty()), props)) {
            fold.createInputTopic(TopicCatalog.ORDERS_EVENTS, new StringSerializer(), events.serializer())
                    .pipeInput(new TestRecord<>(placed.getOrderId(), completed, ARRIVAL));
            inputsRead.forEach(e -> fold.createInputTopic(e.getKey(), new StringSerializer(), events.serializer())
                    .pipeInput(new TestRecord<>(placed.getOrderId(), e.getValue(), ARRIVAL)));

            Order rebuilt = fold.<String, Order>getKeyValueStore(OrdersTopology.ORDERS_STORE).get(placed.getOrderId());
            assertThat(rebuilt.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(OrdersFold.OrderFacts.of(rebuilt)).isEqualTo(OrdersFold.OrderFacts.of(live));
            assertThat(fold.producedTopicNames()).as("no event topic, only its store's changelog")
                    .containsExactly("musiccorp-orders-" + OrdersTopology.ORDERS_STORE + "-changelog");
        }
    }

    @Test
    void insufficientStockCancelsTheOrderWithTheShortLines() {
        OrderPlaced placed = orderPlaced("short");
        publish(TopicCatalog.ORDERS_EVENTS, placed);

        publish(TopicCatalog.WAREHOUSE_EVENTS, stockInsufficient(placed));

        OrderCancelled cancelled = (OrderCancelled) ordersEvents.readValue();
        assertThat(cancelled.getReasonCode()).isEqualTo(CancellationReason.INSUFFICIENT_STOCK);
        assertThat(cancelled.getReason()).contains("SKU-1", "short by 2");
        Order order = store.get(placed.getOrderId());
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellation().reason()).isEqualTo(cancelled.getReason());
        assertThat(ordersEvents.isEmpty()).isTrue();
    }

    @Test
    void emittedEventsCarryTheirEventTimeAndTheSagaHeaders() {
        OrderPlaced placed = orderPlaced("headers");
        publish(TopicCatalog.ORDERS_EVENTS, placed);
        StockInsufficient insufficient = stockInsufficient(placed);
        publish(TopicCatalog.WAREHOUSE_EVENTS, insufficient);

        TestRecord<String, SpecificRecord> record = ordersEvents.readRecord();
        OrderCancelled cancelled = (OrderCancelled) record.value();
        assertThat(record.getRecordTime()).isEqualTo(cancelled.getMetadata().getOccurredAt())
                .as("when orders decided it (the wall clock), not its cause's time").isEqualTo(ARRIVAL)
                .isNotEqualTo(insufficient.getMetadata().getOccurredAt());
        assertThat(EventHeaders.text(record.headers(), EventHeaders.EVENT_ID))
                .isEqualTo(cancelled.getMetadata().getEventId().toString());
        assertThat(EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE)).isEqualTo("OrderCancelled");
        assertThat(EventHeaders.text(record.headers(), EventHeaders.CORRELATION_ID))
                .isEqualTo(placed.getMetadata().getCorrelationId()).isNotEqualTo(placed.getOrderId());
        assertThat(EventHeaders.text(record.headers(), EventHeaders.CAUSATION_ID))
                .isEqualTo(insufficient.getMetadata().getEventId().toString());
        assertThat(EventHeaders.text(record.headers(), EventHeaders.PRODUCER)).isEqualTo("orders");
    }

    @Test
    void redeliveredEventsAndOrdersOwnEventsReadBackEmitNothing() {
        OrderPlaced placed = orderPlaced("dup");
        publish(TopicCatalog.ORDERS_EVENTS, placed);
        StockInsufficient insufficient = stockInsufficient(placed);
        publish(TopicCatalog.WAREHOUSE_EVENTS, insufficient);
        OrderCancelled cancelled = (OrderCancelled) ordersEvents.readValue();
        Order before = store.get(placed.getOrderId());

        publish(TopicCatalog.ORDERS_EVENTS, placed);
        publish(TopicCatalog.WAREHOUSE_EVENTS, insufficient);
        publish(TopicCatalog.ORDERS_EVENTS, cancelled);

        assertThat(ordersEvents.isEmpty()).isTrue();
        assertThat(store.get(placed.getOrderId())).isEqualTo(before);
    }

    @Test
    void anOperatorsCancelOnTheCommandTopicIsDecidedAgainstTheLiveState() {
        OrderPlaced placed = orderPlaced("needs-attention");
        String orderId = placed.getOrderId();
        publish(TopicCatalog.ORDERS_EVENTS, placed);
        StockReserved reserved = stockReserved(placed);
        publish(TopicCatalog.WAREHOUSE_EVENTS, reserved);
        PaymentTaken taken = TestEvents.paymentTaken(reserved);
        publish(TopicCatalog.PAYMENTS_EVENTS, taken);
        OrderPackaged packaged = TestEvents.orderPackaged(taken);
        publish(TopicCatalog.WAREHOUSE_EVENTS, packaged);
        publish(TopicCatalog.WAREHOUSE_EVENTS, TestEvents.dispatchFailed(packaged));
        assertThat(ordersEvents.readRecordsToList()).isEmpty();
        assertThat(store.get(orderId).status()).isEqualTo(OrderStatus.NEEDS_ATTENTION);

        TestInputTopic<String, CancelOrder> commands = driver.createInputTopic(TopicCatalog.ORDERS_COMMANDS,
                new StringSerializer(), OrdersTopology.COMMANDS.serializer());
        CancelOrder cancel = new CancelOrder(orderId, "cancel:op-1", "the carrier lost the parcel", T0.plusSeconds(3600));
        commands.pipeInput(orderId, cancel);
        commands.pipeInput(orderId, cancel); // the same request, redelivered or retried

        List<TestRecord<String, SpecificRecord>> written = ordersEvents.readRecordsToList();
        assertThat(written).singleElement().satisfies(r -> {
            OrderCancelled cancelled = (OrderCancelled) r.value();
            assertThat(r.key()).isEqualTo(orderId);
            assertThat(cancelled.getReasonCode()).isEqualTo(CancellationReason.DISPATCH_FAILED);
            assertThat(cancelled.getReason()).contains("the carrier lost the parcel");
            assertThat(cancelled.getMetadata().getCorrelationId()).isEqualTo(placed.getMetadata().getCorrelationId());
            assertThat(r.getRecordTime()).as("when the order decided the cancel, not when it was asked")
                    .isEqualTo(ARRIVAL).isNotEqualTo(T0.plusSeconds(3600));
        });
        assertThat(store.get(orderId).status()).isEqualTo(OrderStatus.CANCELLED);

        commands.pipeInput(orderId, new CancelOrder(orderId, "cancel:op-2", "once more", T0.plusSeconds(3700)));
        assertThat(ordersEvents.readRecordsToList()).singleElement().satisfies(r -> {
            EventRejected rejected = (EventRejected) r.value();
            assertThat(rejected.getRejectedEventType()).isEqualTo("CancelOrder");
            assertThat(rejected.getReason()).contains("already cancelled");
            assertThat(rejected.getMetadata().getCorrelationId()).isEqualTo(placed.getMetadata().getCorrelationId());
        });
        assertThat(store.get(orderId).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    /**
     * TopologyTestDriver skips an unreadable record but does not write it to the dead-letter topic
     * (the real runtime does: {@code OrdersServiceIT}); a record that makes the step throw goes there
     * here too.
     */
    @Test
    void badRecordsAreSetAsideAndTheNextRecordIsStillProcessed() {
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(TopicCatalog.WAREHOUSE_EVENTS,
                new StringSerializer(), new ByteArraySerializer());
        TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(TopicCatalog.deadLetterTopic("orders"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        OrderPlaced placed = orderPlaced("after-bad-records");
        OrderPlaced misKeyed = orderPlaced("mis-keyed");

        raw.pipeInput("some-order", "definitely not avro".getBytes(StandardCharsets.UTF_8));
        inputs.get(TopicCatalog.ORDERS_EVENTS).pipeInput("not-" + misKeyed.getOrderId(), misKeyed);
        publish(TopicCatalog.ORDERS_EVENTS, placed);

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("not-" + misKeyed.getOrderId());
        assertThat(EventHeaders.text(dead.getFirst().headers(), "__streams.errors.topic")).isEqualTo(TopicCatalog.ORDERS_EVENTS);
        assertThat(EventHeaders.text(dead.getFirst().headers(), "__streams.errors.message"))
                .contains("record key 'not-" + misKeyed.getOrderId() + "' is not the key '" + misKeyed.getOrderId() + "'");
        assertThat(store.get(misKeyed.getOrderId())).isNull();
        assertThat(store.get(placed.getOrderId()).status()).isEqualTo(OrderStatus.PLACED);
    }
}
