package com.musiccorp.warehouse.stream;

import com.musiccorp.events.Address;
import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.Customer;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.Money;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.DispatchDelayed;
import com.musiccorp.events.DispatchFailed;
import com.musiccorp.events.EventRejected;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentFailureReason;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockReleased;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockReceived;
import com.musiccorp.events.StockReserved;
import com.musiccorp.platform.avro.AvroSerde;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.DueTimeIndex;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.MutableClock;
import com.musiccorp.platform.streams.StreamsSettings;
import com.musiccorp.platform.streams.TopologyNodes;
import com.musiccorp.schemas.Causation;
import com.musiccorp.schemas.ContractLimits;
import com.musiccorp.warehouse.domain.DispatchPolicy;
import com.musiccorp.warehouse.domain.DispatchResult;
import com.musiccorp.warehouse.domain.FulfilmentStatus;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.SkuStock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The topology on TopologyTestDriver: both repartition loops, the events it writes, the stores it keeps. */
public class WarehouseTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    /** Arrival time of piped records: far from any event time, so a timestamp copied from it shows. */
    private static final Instant ARRIVAL = Instant.parse("2026-06-01T00:00:00Z");
    /** The carrier's clock, moved with the driver's wall clock ({@link #advance}). */
    private final MutableClock carrierClock = new MutableClock(ARRIVAL);
    /** Long enough for the fixtures' receipts (at T0, three months before ARRIVAL) to be counted. */
    private static final Duration RECEIPT_ID_RETENTION = Duration.ofDays(365);
    private static final Address ADDRESS = new Address("Ada Lovelace", "1 Analytical Way", null, "London",
            "N1 9GU", "GB");

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false);
    private static SchemaRegistryServer registry;

    private Topology topology;
    private TopologyTestDriver driver;
    private Serde<SpecificRecord> events;
    private TestInputTopic<String, SpecificRecord> ordersEvents;
    private TestInputTopic<String, SpecificRecord> paymentsEvents;
    private TestInputTopic<String, SpecificRecord> stock;
    private TestInputTopic<String, WarehouseCommand> commands;
    private TestOutputTopic<String, SpecificRecord> warehouseEvents;
    private KeyValueStore<String, OrderFulfilment> fulfilments;
    private KeyValueStore<String, SkuStock> skus;
    private KeyValueStore<String, SkuStock.Hold> holds;
    private KeyValueStore<String, String> dueIndex;
    private KeyValueStore<String, String> counted;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    /** Carrier capacity for the test: bookings accepted while true. */
    private boolean carrierHasCapacity = true;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    /** Moves the driver's wall clock and the carrier's together. */
    private void advance(Duration time) {
        carrierClock.advance(time);
        driver.advanceWallClockTime(time);
    }

    @Test
    void everyLineRequestPassesThePromptCommitForItsSkuReadsItInThisThread() {
        // Only reservations ask for the commit (CommitPromptlyTest); without it each waits for the thread's next one.
        assertThat(TopologyNodes.predecessors(topology, WarehouseTopology.LINE_REQUESTS + "-repartition-filter"))
                .containsExactly("commit-reservations-promptly");
    }

    @BeforeEach
    void start(@TempDir Path state) {
        Properties props = StreamsSettings.forContext(new ContextSettings("warehouse", "unused:9092", registry.url(),
                state, Optional.empty(), -1, 0));
        events = new AvroSerde<>();
        events.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        WarehouseTopology.Dispatching dispatching = new WarehouseTopology.Dispatching(
                new DispatchPolicy(Duration.ofMinutes(1), 2),
                (key, orderId, address, attempt) -> carrierHasCapacity
                        ? DispatchResult.booked("TestCarrier", "TRK-" + orderId)
                        : DispatchResult.noCapacity("no vans"),
                // Booked on the test's thread as soon as due: while the input is decided, so the answer is
                // decided right before that input's commit.
                Duration.ofSeconds(1), Runnable::run,
                carrierClock); // the carrier answers at the driver's wall clock
        topology = WarehouseTopology.build(events, props, dispatching, RECEIPT_ID_RETENTION);
        driver = new TopologyTestDriver(topology, props, ARRIVAL);
        ordersEvents = driver.createInputTopic(TopicCatalog.ORDERS_EVENTS, new StringSerializer(), events.serializer());
        paymentsEvents = driver.createInputTopic(TopicCatalog.PAYMENTS_EVENTS, new StringSerializer(),
                events.serializer());
        stock = driver.createInputTopic(TopicCatalog.WAREHOUSE_STOCK, new StringSerializer(), events.serializer());
        commands = driver.createInputTopic(TopicCatalog.WAREHOUSE_COMMANDS, new StringSerializer(),
                WarehouseJson.serde(WarehouseCommand.class).serializer());
        warehouseEvents = driver.createOutputTopic(TopicCatalog.WAREHOUSE_EVENTS, new StringDeserializer(),
                events.deserializer());
        fulfilments = driver.getKeyValueStore(WarehouseTopology.FULFILMENT_STORE);
        skus = driver.getKeyValueStore(WarehouseTopology.SKU_STOCK_STORE);
        holds = driver.getKeyValueStore(WarehouseTopology.SKU_HOLDS_STORE);
        dueIndex = driver.getKeyValueStore(WarehouseTopology.DISPATCH_DUE_STORE);
        counted = driver.getKeyValueStore(WarehouseTopology.COUNTED_STOCK_STORE);
        deadLetters = driver.createOutputTopic(TopicCatalog.deadLetterTopic("warehouse"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        events.close();
    }

    @Test
    void receivedStockIsReservedForAnOrder() {
        receive("SKU-1", 5, "r1");
        OrderPlaced placed = orderPlaced("o1", line(1, "SKU-1", 2));
        place(placed);

        List<TestRecord<String, SpecificRecord>> written = warehouseEvents.readRecordsToList();
        assertThat(written).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("o1");
            assertThat(r.value()).isInstanceOf(StockReserved.class);
            EventMetadata metadata = EventHeaders.metadataOf(r.value());
            assertThat(r.timestamp()).isEqualTo(metadata.getOccurredAt().toEpochMilli());
            assertThat(EventHeaders.text(r.headers(), EventHeaders.EVENT_ID))
                    .isEqualTo(metadata.getEventId().toString());
        });
        assertThat(fulfilments.get("o1").status()).isEqualTo(FulfilmentStatus.RESERVED);
        SkuStock sku = stock("SKU-1");
        assertThat(sku.onHand()).isEqualTo(5);
        assertThat(sku.available()).isEqualTo(3);
        assertThat(sku.reservedByOrder()).containsEntry("o1", 2);
    }

    @Test
    void shortStockIsInsufficientWithTheShortLineAndNothingStaysReserved() {
        receive("SKU-1", 5, "r1");
        receive("SKU-2", 1, "r2");
        place(orderPlaced("o2", line(1, "SKU-1", 2), line(2, "SKU-2", 3)));

        StockInsufficient insufficient = (StockInsufficient) warehouseEvents.readValue();
        assertThat(warehouseEvents.isEmpty()).isTrue();
        assertThat(insufficient.getShortLines()).singleElement().satisfies(shortLine -> {
            assertThat(shortLine.getSku()).isEqualTo("SKU-2");
            assertThat(shortLine.getRequested()).isEqualTo(3);
            assertThat(shortLine.getAvailable()).isEqualTo(1);
        });
        assertThat(fulfilments.get("o2").status()).isEqualTo(FulfilmentStatus.INSUFFICIENT);
        assertThat(stock("SKU-1").reserved()).isZero();
        assertThat(stock("SKU-1").available()).isEqualTo(5);
        assertThat(stock("SKU-2").reserved()).isZero();
    }

    @Test
    void twoOrdersRacingForTheLastUnitReserveExactlyOnce() {
        receive("SKU-1", 1, "r1");
        place(orderPlaced("a", line(1, "SKU-1", 1)));
        place(orderPlaced("b", line(1, "SKU-1", 1)));

        List<SpecificRecord> written = warehouseEvents.readValuesToList();
        assertThat(written).hasSize(2);
        assertThat(written).filteredOn(e -> e instanceof StockReserved).hasSize(1);
        assertThat(written).filteredOn(e -> e instanceof StockInsufficient).hasSize(1);
        assertThat(stock("SKU-1").reserved()).isEqualTo(1);
        assertThat(stock("SKU-1").available()).isZero();
    }

    @Test
    void aRedeliveredOrderPlacedDecidesNothingNew() {
        receive("SKU-1", 5, "r1");
        OrderPlaced placed = orderPlaced("o3", line(1, "SKU-1", 2));
        place(placed);
        assertThat(warehouseEvents.readValue()).isInstanceOf(StockReserved.class);
        OrderFulfilment before = fulfilments.get("o3");

        place(placed);

        assertThat(warehouseEvents.isEmpty()).isTrue();
        assertThat(fulfilments.get("o3")).isEqualTo(before);
        assertThat(stock("SKU-1").reserved()).isEqualTo(2);
    }

    @Test
    void aPaidOrderIsPackedThenDispatchedAsSoonAsTheCarrierAnswers() {
        receive("SKU-1", 5, "r1");
        place(orderPlaced("o4", line(1, "SKU-1", 2)));
        assertThat(warehouseEvents.readValue()).isInstanceOf(StockReserved.class);

        paymentsEvents.pipeInput(new TestRecord<>("o4", paymentTaken("o4"), ARRIVAL));
        // Booked as soon as packed; the carrier answered before the commit, so the dispatch leaves with it.
        assertThat(warehouseEvents.readValue()).isInstanceOf(OrderPackaged.class);

        OrderDispatched dispatched = (OrderDispatched) warehouseEvents.readValue();
        assertThat(dispatched.getTrackingNumber()).isEqualTo("TRK-o4");
        assertThat(fulfilments.get("o4").status()).isEqualTo(FulfilmentStatus.DISPATCHED);
        SkuStock sku = stock("SKU-1");
        assertThat(sku.onHand()).isEqualTo(3);
        assertThat(sku.shipped()).isEqualTo(2);
        assertThat(sku.reserved()).isZero();
        // Packed when paid, in the same step: the SKU was told (PackLine), not asked, so its one answer
        // to the order was the reservation's.
        assertThat(driver.createOutputTopic("musiccorp-warehouse-" + WarehouseTopology.LINE_ANSWERS + "-repartition",
                new StringDeserializer(), WarehouseTopology.lineAnswerSerde().deserializer()).readValuesToList())
                .extracting(answer -> answer.getClass().getSimpleName()).containsExactly("LineReserved");
        assertThat(driver.createOutputTopic("musiccorp-warehouse-" + WarehouseTopology.LINE_REQUESTS + "-repartition",
                new StringDeserializer(), WarehouseTopology.lineRequestSerde().deserializer()).readValuesToList())
                .extracting(request -> request.getClass().getSimpleName())
                .containsExactly("ReserveLine", "PackLine", "ShipLine");
    }

    @Test
    void aFailedPaymentReleasesTheReservedStock() {
        receive("SKU-1", 5, "r1");
        place(orderPlaced("o5", line(1, "SKU-1", 2)));
        assertThat(warehouseEvents.readValue()).isInstanceOf(StockReserved.class);

        paymentsEvents.pipeInput(new TestRecord<>("o5", paymentFailed("o5"), ARRIVAL));

        assertThat(warehouseEvents.readValue()).isInstanceOf(StockReleased.class);
        assertThat(fulfilments.get("o5").status()).isEqualTo(FulfilmentStatus.RELEASED);
        assertThat(stock("SKU-1").reserved()).isZero();
        assertThat(stock("SKU-1").available()).isEqualTo(5);
    }

    @Test
    void eachHoldIsAnEntryOfItsOwnSoTheSkusValueDoesNotGrowWithOrdersInFlight() {
        receive("SKU-1", 1_000, "r1");
        place(orderPlaced("o0", line(1, "SKU-1", 1)));
        int sizeWithOne = storedSize("SKU-1");
        for (int i = 1; i <= 200; i++) place(orderPlaced("o" + i, line(1, "SKU-1", 2)));

        assertThat(skus.get("SKU-1").holds()).as("the SKU's own value").isEmpty();
        assertThat(storedSize("SKU-1")).as("bytes with 201 orders in flight vs one").isLessThanOrEqualTo(sizeWithOne + 4);
        assertThat(holds.get("SKU-1|o7")).isNotNull().extracting(SkuStock.Hold::held).isEqualTo(2);
        SkuStock whole = stock("SKU-1");
        assertThat(whole.reserved()).isEqualTo(401);
        assertThat(whole.available()).isEqualTo(599);
        assertThat(whole.reservedByOrder()).hasSize(201);
        assertThat(whole.reservedByOrder().keySet()).as("oldest first").startsWith("o0", "o1", "o2", "o3");

        paymentsEvents.pipeInput(new TestRecord<>("o7", paymentFailed("o7"), ARRIVAL));

        assertThat(holds.get("SKU-1|o7")).as("a released hold's entry is deleted").isNull();
        assertThat(stock("SKU-1").reserved()).isEqualTo(399);
        assertThat(stock("SKU-1").reservedByOrder()).hasSize(200).doesNotContainKey("o7");
    }

    @Test
    void aSkusHoldsArePagedInOrderIdOrderFromTheirOwnRangeOfTheStore() {
        receive("SKU-1", 100, "r1");
        receive("SKU-10", 100, "r2"); // its keys sort before SKU-1's: "SKU-10|" < "SKU-1|"
        receive("SKU-1A", 100, "r3"); // and these after them: "SKU-1A|" > "SKU-1|"
        for (String order : List.of("o3", "o0", "o4", "o1", "o2")) place(orderPlaced(order, line(1, "SKU-1", 1)));
        place(orderPlaced("o9", line(1, "SKU-10", 1)));
        place(orderPlaced("oA", line(1, "SKU-1A", 1)));

        HoldsPage first = SkuStockStorage.holdsPage("SKU-1", skus.get("SKU-1"), holds, null, 2);
        assertThat(first.holds()).containsExactly(Map.entry("o0", 1), Map.entry("o1", 1));
        assertThat(first.nextAfter()).isEqualTo("o1");
        HoldsPage second = SkuStockStorage.holdsPage("SKU-1", skus.get("SKU-1"), holds, first.nextAfter(), 2);
        assertThat(second.holds()).containsExactly(Map.entry("o2", 1), Map.entry("o3", 1));
        HoldsPage last = SkuStockStorage.holdsPage("SKU-1", skus.get("SKU-1"), holds, second.nextAfter(), 2);
        assertThat(last.holds()).containsExactly(Map.entry("o4", 1));
        assertThat(last.nextAfter()).as("the last page").isNull();
        assertThat(SkuStockStorage.holdsPage("SKU-1", skus.get("SKU-1"), holds, null, 5).nextAfter()).as("exactly one page").isNull();
        assertThat(SkuStockStorage.holdsPage("SKU-1", skus.get("SKU-1"), holds, "o10", 5).holds()).as("after an order with no hold")
                .extracting(Map.Entry::getKey).containsExactly("o2", "o3", "o4");
        assertThat(SkuStockStorage.holdsPage("SKU-2", skus.get("SKU-2"), holds, null, 5)).isEqualTo(HoldsPage.NONE);
    }

    @Test
    void aStockWrittenWithItsHoldsInsideMovesThemOutWhenNextUsed() {
        // The JSON of a SkuStock as versions before separate hold entries wrote it (holds inside, no totals).
        String earlier = "{\"sku\":\"SKU-1\",\"item\":{\"title\":\"T\",\"artist\":\"A\",\"format\":\"VINYL\"},"
                + "\"onHand\":5,\"holds\":{\"o-old\":{\"lines\":{\"1\":2},\"missing\":0,\"picked\":false}},\"shipped\":0}";
        rawStockStore().put(org.apache.kafka.common.utils.Bytes.wrap("SKU-1".getBytes()), earlier.getBytes());
        assertThat(stock("SKU-1").reservedByOrder()).as("read whole as it was").containsExactly(Map.entry("o-old", 2));
        assertThat(SkuStockStorage.holdsPage("SKU-1", skus.get("SKU-1"), holds, null, 10).holds()).containsExactly(Map.entry("o-old", 2));

        place(orderPlaced("o-new", line(1, "SKU-1", 2)));

        assertThat(warehouseEvents.readValue()).isInstanceOf(StockReserved.class);
        assertThat(skus.get("SKU-1").holds()).isEmpty();
        assertThat(holds.get("SKU-1|o-old")).isNotNull();
        assertThat(stock("SKU-1").reservedByOrder()).containsExactly(Map.entry("o-old", 2), Map.entry("o-new", 2));
        assertThat(stock("SKU-1").available()).isEqualTo(1);
    }

    @Test
    void unitsFoundMissingBeforePackingAreReportedAndTheRestReleased() {
        receive("SKU-1", 2, "r1");
        place(orderPlaced("o6", line(1, "SKU-1", 2)));
        assertThat(warehouseEvents.readValue()).isInstanceOf(StockReserved.class);
        adjust("SKU-1", -1, "count-1");
        assertThat(stock("SKU-1").missing()).isEqualTo(1);

        paymentsEvents.pipeInput(new TestRecord<>("o6", paymentTaken("o6"), ARRIVAL));

        List<SpecificRecord> written = warehouseEvents.readValuesToList();
        assertThat(written).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ItemNotFound", "StockReleased");
        assertThat(fulfilments.get("o6").status()).isEqualTo(FulfilmentStatus.RELEASED);
        SkuStock sku = stock("SKU-1");
        assertThat(sku.reserved()).isZero();
        assertThat(sku.onHand()).isEqualTo(1);
        assertThat(sku.available()).isEqualTo(1);
    }

    @Test
    void aCarrierWithoutCapacityDelaysThenFailsTheDispatch() {
        carrierHasCapacity = false;
        receive("SKU-1", 5, "r1");
        place(orderPlaced("o7", line(1, "SKU-1", 1)));
        paymentsEvents.pipeInput(new TestRecord<>("o7", paymentTaken("o7"), ARRIVAL));
        assertThat(warehouseEvents.readValuesToList()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("StockReserved", "OrderPackaged", "DispatchDelayed");
        assertThat(fulfilments.get("o7").status()).isEqualTo(FulfilmentStatus.DISPATCH_DELAYED);

        advance(Duration.ofSeconds(30));
        assertThat(warehouseEvents.isEmpty()).as("the back-off (1 min from the carrier's answer) is not over").isTrue();
        advance(Duration.ofSeconds(31));
        advance(Duration.ofSeconds(1)); // its answer is decided
        assertThat(warehouseEvents.readValue()).isInstanceOf(DispatchFailed.class);
        assertThat(fulfilments.get("o7").status()).isEqualTo(FulfilmentStatus.DISPATCH_FAILED);

        advance(Duration.ofSeconds(5));
        assertThat(warehouseEvents.isEmpty()).as("a failed dispatch waits for an operator").isTrue();
        assertThat(stock("SKU-1").packed()).as("its package waits, held, off the shelf").isEqualTo(1);
        assertThat(stock("SKU-1").reservedByOrder()).as("a package packed whole is no hold on the shelf")
                .doesNotContainKey("o7");
    }

    @Test
    void eventsOfNoConcernAndUnknownSkusChangeNothing() {
        paymentsEvents.pipeInput(new TestRecord<>("o8", paymentTaken("o8"), ARRIVAL));
        // PaymentTaken for an order the warehouse never saw is illegal in NEW: recorded as EventRejected.
        assertThat(warehouseEvents.readValue()).isInstanceOf(EventRejected.class);

        place(orderPlaced("o9", line(1, "SKU-NEVER", 1)));
        StockInsufficient insufficient = (StockInsufficient) warehouseEvents.readValue();
        assertThat(insufficient.getShortLines()).singleElement()
                .satisfies(l -> assertThat(l.getAvailable()).isZero());
    }

    @Test
    void everyEventCarriesTheSagasCorrelationIdNotTheOrderId() {
        receive("SKU-1", 5, "r1");
        place(orderPlaced("o20", line(1, "SKU-1", 1)));
        paymentsEvents.pipeInput(new TestRecord<>("o20", paymentTaken("o20"), ARRIVAL));
        advance(Duration.ofSeconds(1));

        List<TestRecord<String, SpecificRecord>> written = warehouseEvents.readRecordsToList();
        assertThat(written).extracting(r -> r.value().getClass().getSimpleName())
                .containsExactly("StockReserved", "OrderPackaged", "OrderDispatched");
        assertThat(written).allSatisfy(r -> {
            assertThat(EventHeaders.metadataOf(r.value()).getCorrelationId()).isEqualTo("saga-o20");
            assertThat(EventHeaders.text(r.headers(), EventHeaders.CORRELATION_ID)).isEqualTo("saga-o20");
        });
    }

    @Test
    void anOperatorRetryOnTheCommandTopicDispatchesAFailedOrder() {
        givenDispatchFailed("o10");
        carrierHasCapacity = true;
        Instant requestedAt = ARRIVAL.plusSeconds(5);

        Instant decidedAt = carrierClock.instant();
        commands.pipeInput(new TestRecord<>("o10", new WarehouseCommand.RetryDispatch("o10", "saga-o10", "op-1",
                requestedAt), requestedAt));
        // Booked while the command was decided; the carrier's answer decided right before its commit.

        TestRecord<String, SpecificRecord> dispatched = warehouseEvents.readRecord();
        assertThat(dispatched.key()).isEqualTo("o10");
        assertThat(dispatched.value()).isInstanceOfSatisfying(OrderDispatched.class, event -> {
            assertThat(event.getDispatchedAt()).as("when the carrier answered the retry, decided at once")
                    .isEqualTo(decidedAt).isNotEqualTo(requestedAt);
            assertThat(event.getMetadata().getCorrelationId()).isEqualTo("saga-o10");
        });
        assertThat(warehouseEvents.isEmpty()).isTrue();
        assertThat(fulfilments.get("o10").status()).isEqualTo(FulfilmentStatus.DISPATCHED);
        assertThat(stock("SKU-1").shipped()).isEqualTo(1);
        assertThat(indexKeys()).isEmpty();

        // The same command again (a retried request) decides nothing; another one is refused by the live state.
        commands.pipeInput(new TestRecord<>("o10", new WarehouseCommand.RetryDispatch("o10", "saga-o10", "op-1",
                requestedAt.plusSeconds(1)), requestedAt));
        assertThat(warehouseEvents.isEmpty()).isTrue();
        commands.pipeInput(new TestRecord<>("o10", new WarehouseCommand.RetryDispatch("o10", "saga-o10", "op-2",
                requestedAt.plusSeconds(2)), requestedAt));
        assertThat(warehouseEvents.readValue()).isInstanceOfSatisfying(EventRejected.class, rejected -> {
            assertThat(rejected.getRejectedEventType()).isEqualTo("RetryDispatch");
            assertThat(rejected.getReason()).isEqualTo(
                    "RetryDispatch in state DISPATCHED: only a failed dispatch can be retried");
            assertThat(rejected.getMetadata().getCorrelationId()).isEqualTo("saga-o10");
        });
    }

    @Test
    void anOrderCancelledAfterDispatchFailedGivesItsStockBackAndIsNeverDispatched() {
        givenDispatchFailed("o11");
        assertThat(stock("SKU-1").onShelf()).as("packed").isEqualTo(4);

        ordersEvents.pipeInput(new TestRecord<>("o11", orderCancelled("o11", CancellationReason.DISPATCH_FAILED,
                T0.plusSeconds(600)), ARRIVAL));

        assertThat(warehouseEvents.readValue()).isInstanceOfSatisfying(StockReleased.class, released -> {
            assertThat(released.getReleases()).extracting(r -> r.getSku() + ":" + r.getQuantity())
                    .containsExactly("SKU-1:1");
            assertThat(released.getReason()).startsWith("order cancelled (DISPATCH_FAILED)");
            assertThat(released.getMetadata().getCorrelationId()).isEqualTo("saga-o11");
        });
        SkuStock sku = stock("SKU-1");
        assertThat(sku.reserved()).isZero();
        assertThat(sku.available()).isEqualTo(5);
        assertThat(sku.onShelf()).isEqualTo(5);
        assertThat(sku.reserved() + sku.available()).isEqualTo(5 - sku.shipped()); // received - shipped
        assertThat(fulfilments.get("o11").status()).isEqualTo(FulfilmentStatus.RELEASED);

        carrierHasCapacity = true;
        advance(Duration.ofMinutes(10));
        assertThat(warehouseEvents.isEmpty()).as("no carrier is tried for a cancelled order").isTrue();
    }

    @Test
    void anOperatorCancellingADelayedDispatchStopsItsAttempts() {
        carrierHasCapacity = false;
        receive("SKU-1", 5, "r1");
        place(orderPlaced("o12", line(1, "SKU-1", 2)));
        paymentsEvents.pipeInput(new TestRecord<>("o12", paymentTaken("o12"), ARRIVAL));
        advance(Duration.ofSeconds(1));
        assertThat(warehouseEvents.readValuesToList()).last().isInstanceOf(DispatchDelayed.class);
        assertThat(indexKeys()).hasSize(1);

        ordersEvents.pipeInput(new TestRecord<>("o12", orderCancelled("o12", CancellationReason.OPERATOR,
                T0.plusSeconds(40)), ARRIVAL));

        // The second attempt was booked at once; its refusal is decided before the cancellation.
        assertThat(warehouseEvents.readValuesToList()).extracting(e -> e.getClass().getSimpleName())
                .endsWith("StockReleased").doesNotContain("OrderDispatched");
        assertThat(indexKeys()).isEmpty();
        advance(Duration.ofMinutes(10));
        assertThat(warehouseEvents.isEmpty()).isTrue();
        assertThat(stock("SKU-1").available()).isEqualTo(5);
    }

    @Test
    void cancellationsForOtherReasonsChangeNothingAndAfterDispatchAreRejected() {
        receive("SKU-1", 5, "r1");
        place(orderPlaced("o13", line(1, "SKU-1", 2)));
        paymentsEvents.pipeInput(new TestRecord<>("o13", paymentFailed("o13"), ARRIVAL));
        assertThat(warehouseEvents.readValuesToList()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("StockReserved", "StockReleased");
        OrderFulfilment released = fulfilments.get("o13");
        ordersEvents.pipeInput(new TestRecord<>("o13", orderCancelled("o13", CancellationReason.PAYMENT_DECLINED,
                T0.plusSeconds(60)), ARRIVAL));
        assertThat(warehouseEvents.isEmpty()).isTrue();
        assertThat(fulfilments.get("o13")).isEqualTo(released);
        assertThat(stock("SKU-1").available()).isEqualTo(5);

        place(orderPlaced("o14", line(1, "SKU-1", 1)));
        paymentsEvents.pipeInput(new TestRecord<>("o14", paymentTaken("o14"), ARRIVAL));
        advance(Duration.ofSeconds(1));
        assertThat(warehouseEvents.readValuesToList()).last().isInstanceOf(OrderDispatched.class);
        ordersEvents.pipeInput(new TestRecord<>("o14", orderCancelled("o14", CancellationReason.OPERATOR,
                T0.plusSeconds(60)), ARRIVAL));
        assertThat(warehouseEvents.readValue()).isInstanceOfSatisfying(EventRejected.class, rejected -> {
            assertThat(rejected.getRejectedEventType()).isEqualTo("OrderCancelled");
            assertThat(rejected.getReason()).startsWith("OrderCancelled in state DISPATCHED: the order already left");
        });
        assertThat(stock("SKU-1").shipped()).isEqualTo(1);
    }

    @Test
    void anAttemptIsDueWhenPackedWhateverThePaymentsTime() {
        receive("SKU-1", 5, "r1");
        place(orderPlaced("later", line(1, "SKU-1", 1)));
        // Paid (event time) an hour after the wall clock's "now": the order is packed when the warehouse
        // decides it, so its first attempt is due at once. (Only a back-off is due later.)
        paymentsEvents.pipeInput(new TestRecord<>("later", paymentTaken("later", ARRIVAL.plus(Duration.ofHours(1))),
                ARRIVAL));
        advance(Duration.ofSeconds(1)); // its answer is decided

        assertThat(warehouseEvents.readKeyValuesToList()).extracting(kv -> kv.key + ":" + kv.value.getClass().getSimpleName())
                .containsExactly("later:StockReserved", "later:OrderPackaged", "later:OrderDispatched");
        assertThat(indexKeys()).isEmpty();
    }

    @Test
    void aStaleIndexEntryIsDroppedWithoutBookingAnything() {
        dueIndex.put(DueTimeIndex.key(T0, "ghost"), "ghost");
        advance(Duration.ofSeconds(2));
        assertThat(warehouseEvents.isEmpty()).isTrue();
        assertThat(indexKeys()).isEmpty();
    }

    // ---- hostile input on the topics: counted once, refused visibly, never dropped unseen ----

    @Test
    void theSameReceiptPublishedTwiceUnderAnotherEventIdIsCountedOnce() {
        // As HTTP writes it, then as the CLI would publish the same receipt again: a fresh event id.
        receive("SKU-1", 5, "r-twice");
        stock.pipeInput(new TestRecord<>("SKU-1", StockReceived.newBuilder(receipt("SKU-1", 5, "r-twice", T0))
                .setMetadata(Causation.fromCommand("cli-" + java.util.UUID.randomUUID(), "SKU-1", T0, "cli",
                        "StockReceived")).build(), ARRIVAL));
        assertThat(stock("SKU-1").onHand()).isEqualTo(5);

        // The same receipt id on another SKU is another receipt; an adjustment id likewise counts once.
        receive("SKU-2", 3, "r-twice");
        adjust("SKU-1", -1, "count-1");
        adjust("SKU-1", -1, "count-1");
        assertThat(stock("SKU-2").onHand()).isEqualTo(3);
        assertThat(stock("SKU-1").onHand()).isEqualTo(4);
        assertThat(countedKeys()).containsExactlyInAnyOrder("SKU-1|receipt:r-twice", "SKU-2|receipt:r-twice",
                "SKU-1|adjustment:count-1");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void receiptsTheStockCannotTakeAreDeadLetteredWithTheReasonAndNothingWraps() {
        receive("SKU-1", Integer.MAX_VALUE, "r-max");
        receive("SKU-1", 2, "r-2");
        assertThat(stock("SKU-1").onHand()).isEqualTo(2);

        skus.put("SKU-2", new SkuStock("SKU-2", null, ContractLimits.MAX_STOCK_ON_HAND - 1, Map.of(), 0));
        receive("SKU-2", 2, "r-over");
        adjust("SKU-1", -3, "count-too-many"); // 2 on the shelf

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("SKU-1", "SKU-2", "SKU-1");
        assertThat(dead).allSatisfy(r -> assertThat(EventHeaders.text(r.headers(), "__streams.errors.topic"))
                .isEqualTo(TopicCatalog.WAREHOUSE_STOCK));
        assertThat(dead).extracting(r -> EventHeaders.text(r.headers(), "__streams.errors.message")).containsExactly(
                "StockReceived for SKU SKU-1 refused: quantity must be a whole number from 1 to 10000",
                "StockReceived for SKU SKU-2 refused: quantity would take on hand to 1000000001, beyond the "
                        + "1000000000 units a SKU can hold",
                "StockAdjusted for SKU SKU-1 refused: quantityDelta would take 3 unit(s) off the shelf, which holds 2 "
                        + "(packed units cannot go missing)");
        assertThat(stock("SKU-2").onHand()).isEqualTo(ContractLimits.MAX_STOCK_ON_HAND - 1);
        assertThat(stock("SKU-1").onHand()).isEqualTo(2);
        assertThat(countedKeys()).as("a refused receipt is not counted: re-driven later, it is decided again")
                .containsExactly("SKU-1|receipt:r-2");
    }

    @Test
    void countedIdsAreForgottenAfterTheirRetentionAndOlderReceiptsAreRefusedNotCountedTwice() {
        Instant recent = ARRIVAL.minus(Duration.ofDays(1));
        stock.pipeInput(new TestRecord<>("SKU-1", receipt("SKU-1", 4, "r-aging", recent), ARRIVAL));
        assertThat(countedKeys()).containsExactly("SKU-1|receipt:r-aging");

        advance(RECEIPT_ID_RETENTION); // now its event time is a retention ago
        assertThat(countedKeys()).as("forgotten by the wall-clock purge").isEmpty();
        stock.pipeInput(new TestRecord<>("SKU-1", receipt("SKU-1", 4, "r-aging", recent), ARRIVAL));

        assertThat(stock("SKU-1").onHand()).isEqualTo(4);
        assertThat(deadLetters.readRecordsToList()).singleElement().satisfies(r ->
                assertThat(EventHeaders.text(r.headers(), "__streams.errors.message"))
                        .startsWith("receipt:r-aging for SKU SKU-1 refused: its event time " + recent)
                        .endsWith("its id is no longer remembered, so it could be counted twice"));
        assertThat(driver.getKeyValueStore(WarehouseTopology.COUNTED_STOCK_EXPIRY_STORE).approximateNumEntries())
                .isZero();
    }

    @Test
    void anEventTypeItsTopicDoesNotCarryIsDeadLetteredAndProcessingGoesOn() {
        OrderPlaced misplaced = orderPlaced("o-misplaced", line(1, "SKU-1", 1));
        stock.pipeInput(new TestRecord<>("SKU-1", misplaced, ARRIVAL)); // an outside producer's mistake
        ordersEvents.pipeInput(new TestRecord<>("o-x", receipt("SKU-1", 1, "r-x", T0), ARRIVAL));
        paymentsEvents.pipeInput(new TestRecord<>("o-y", orderPlaced("o-y", line(1, "SKU-1", 1)), ARRIVAL));
        TestInputTopic<String, byte[]> rawCommands = driver.createInputTopic(TopicCatalog.WAREHOUSE_COMMANDS,
                new StringSerializer(), new ByteArraySerializer());
        rawCommands.pipeInput("o-z", "{\"type\":\"CancelEverything\",\"orderId\":\"o-z\"}".getBytes(StandardCharsets.UTF_8));
        // A type the topic does carry but the warehouse has no concern with is no fault: ignored.
        ordersEvents.pipeInput(new TestRecord<>("o-done", orderCompleted("o-done"), ARRIVAL));

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> EventHeaders.text(r.headers(), "__streams.errors.topic") + " "
                        + new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("warehouse.stock SKU-1", "orders.events o-x", "payments.events o-y",
                        "warehouse.commands o-z");
        assertThat(dead.subList(0, 3)).extracting(r -> EventHeaders.text(r.headers(), "__streams.errors.message"))
                .containsExactly(
                        "warehouse.stock carries StockReceived, StockAdjusted, not OrderPlaced",
                        "orders.events carries OrderPlaced, OrderCompleted, OrderCancelled, EventRejected, "
                                + "not StockReceived",
                        "payments.events carries PaymentTaken, PaymentFailed, PaymentRefunded, EventRejected, "
                                + "not OrderPlaced");
        assertThat(EventHeaders.text(dead.get(3).headers(), "__streams.errors.message"))
                .startsWith("warehouse.commands carries RetryDispatch commands as JSON; this record is none");
        assertThat(dead.getFirst().value()).as("the original bytes, to re-drive")
                .isEqualTo(events.serializer().serialize(TopicCatalog.WAREHOUSE_STOCK, misplaced));
        assertThat(fulfilments.get("o-y")).isNull();
        assertThat(warehouseEvents.isEmpty()).isTrue();

        receive("SKU-1", 2, "r-after");
        place(orderPlaced("o-after", line(1, "SKU-1", 1)));
        assertThat(warehouseEvents.readValue()).isInstanceOf(StockReserved.class);
    }

    private List<String> countedKeys() {
        List<String> keys = new java.util.ArrayList<>();
        try (var all = counted.all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    private static StockReceived receipt(String sku, int quantity, String receiptId, Instant at) {
        return StockReceived.newBuilder()
                .setMetadata(Causation.fromCommand(receiptId, sku, at, "warehouse", "StockReceived"))
                .setSku(sku).setTitle("Title " + sku).setArtist("Artist " + sku).setFormat(MediaFormat.VINYL)
                .setQuantity(quantity).setReceiptId(receiptId).setReceivedAt(at)
                .build();
    }

    private static OrderCompleted orderCompleted(String orderId) {
        return OrderCompleted.newBuilder()
                .setMetadata(Causation.fromCommand("OrderCompleted/" + orderId, sagaOf(orderId), T0, "orders",
                        "OrderCompleted"))
                .setOrderId(orderId)
                .setCustomerId("cust-1")
                .setCompletedAt(T0)
                .build();
    }

    /** One SKU-1 unit packed for the order and every carrier attempt (2) refused. */
    private void givenDispatchFailed(String orderId) {
        carrierHasCapacity = false;
        receive("SKU-1", 5, "r1");
        place(orderPlaced(orderId, line(1, "SKU-1", 1)));
        paymentsEvents.pipeInput(new TestRecord<>(orderId, paymentTaken(orderId), ARRIVAL));
        advance(Duration.ofSeconds(1)); // the first attempt's answer is decided: delayed by 1 min from the answer
        advance(Duration.ofSeconds(61)); // the back-off is over: the scan books the second attempt
        advance(Duration.ofSeconds(1)); // its answer is decided
        assertThat(warehouseEvents.readValuesToList()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("StockReserved", "OrderPackaged", "DispatchDelayed", "DispatchFailed");
        assertThat(fulfilments.get(orderId).status()).isEqualTo(FulfilmentStatus.DISPATCH_FAILED);
        assertThat(indexKeys()).isEmpty();
    }

    private List<String> indexKeys() {
        List<String> keys = new java.util.ArrayList<>();
        try (var all = dueIndex.all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    private void receive(String sku, int quantity, String receiptId) {
        Instant at = T0.minusSeconds(3600);
        stock.pipeInput(new TestRecord<>(sku, StockReceived.newBuilder()
                .setMetadata(Causation.fromCommand("StockReceived/" + receiptId, sku, at, "warehouse", "StockReceived"))
                .setSku(sku).setTitle("Title " + sku).setArtist("Artist " + sku).setFormat(MediaFormat.VINYL)
                .setQuantity(quantity).setReceiptId(receiptId).setReceivedAt(at)
                .build(), ARRIVAL));
    }

    private void adjust(String sku, int delta, String adjustmentId) {
        stock.pipeInput(new TestRecord<>(sku, StockAdjusted.newBuilder()
                .setMetadata(Causation.fromCommand(adjustmentId, sku, T0.plusSeconds(10), "warehouse", "StockAdjusted"))
                .setSku(sku).setQuantityDelta(delta).setReason("shelf count").setAdjustmentId(adjustmentId)
                .build(), ARRIVAL));
    }

    private void place(OrderPlaced placed) {
        ordersEvents.pipeInput(new TestRecord<>(placed.getOrderId(), placed, ARRIVAL));
    }

    public static OrderLine line(int lineNumber, String sku, int quantity) {
        return new OrderLine(lineNumber, sku, "Title " + sku, "Artist " + sku, MediaFormat.VINYL, quantity,
                new Money(2000L, "GBP"));
    }

    /** The saga's correlation id, as orders would generate it: not the order id. */
    public static String sagaOf(String orderId) {
        return "saga-" + orderId;
    }

    public static OrderPlaced orderPlaced(String orderId, OrderLine... lines) {
        return orderPlaced(orderId, ADDRESS, lines);
    }

    /** With a postal code of {@code NOVAN <n>}, SimulatedCarrier refuses the order's first n attempts. */
    public static OrderPlaced orderPlaced(String orderId, Address address, OrderLine... lines) {
        long subtotal = Arrays.stream(lines).mapToLong(l -> l.getQuantity() * l.getUnitPrice().getAmountMinor()).sum();
        return OrderPlaced.newBuilder()
                .setMetadata(Causation.fromCommand("OrderPlaced/" + orderId, sagaOf(orderId), T0, "orders", "OrderPlaced"))
                .setOrderId(orderId)
                .setCustomer(new Customer("cust-1", "Ada Lovelace", "ada@example.com"))
                .setLines(List.of(lines))
                .setSubtotal(new Money(subtotal, "GBP"))
                .setShippingCost(new Money(399L, "GBP"))
                .setTotal(new Money(subtotal + 399L, "GBP"))
                .setCurrency("GBP")
                .setShippingAddress(address)
                .setPaymentMethodToken("tok_visa")
                .setPlacedAt(T0)
                .build();
    }

    public static OrderCancelled orderCancelled(String orderId, CancellationReason reasonCode, Instant at) {
        return OrderCancelled.newBuilder()
                .setMetadata(Causation.fromCommand("OrderCancelled/" + orderId, sagaOf(orderId), at, "orders",
                        "OrderCancelled"))
                .setOrderId(orderId)
                .setCustomerId("cust-1")
                .setCustomerName("Ada Lovelace")
                .setCustomerEmail("ada@example.com")
                .setReason("an operator gave up on the order")
                .setReasonCode(reasonCode)
                .setCancelledAt(at)
                .build();
    }

    static PaymentFailed paymentFailed(String orderId) {
        Instant at = T0.plusSeconds(30);
        return PaymentFailed.newBuilder()
                .setMetadata(Causation.fromCommand("PaymentFailed/" + orderId, sagaOf(orderId), at, "payments", "PaymentFailed"))
                .setOrderId(orderId)
                .setAmount(new Money(4399L, "GBP"))
                .setCustomerId("cust-1")
                .setReason("card declined")
                .setReasonCode(PaymentFailureReason.DECLINED)
                .setAttempts(1)
                .build();
    }

    public static PaymentTaken paymentTaken(String orderId) {
        return paymentTaken(orderId, T0.plusSeconds(30));
    }

    public static PaymentTaken paymentTaken(String orderId, Instant at) {
        return PaymentTaken.newBuilder()
                .setMetadata(Causation.fromCommand("PaymentTaken/" + orderId, sagaOf(orderId), at, "payments", "PaymentTaken"))
                .setOrderId(orderId)
                .setPaymentId("pay-" + orderId)
                .setAmount(new Money(4399L, "GBP"))
                .setCustomerId("cust-1")
                .setGatewayReference("gw-" + orderId)
                .setTakenAt(at)
                .build();
    }

    /** The SKU's stock with every hold, as {@code GET /stock/{sku}} shows it. */
    private SkuStock stock(String sku) {
        return SkuStockStorage.whole(sku, skus, holds);
    }

    /** Bytes of the SKU's value as its store writes them. */
    private int storedSize(String sku) {
        return WarehouseTopology.skuStockSerde().write(skus.get(sku)).length;
    }

    /** The byte store under sku-stock-store's serde, for writing a value in an earlier format. */
    @SuppressWarnings("unchecked")
    private KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> rawStockStore() {
        return (KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>)
                ((org.apache.kafka.streams.state.internals.WrappedStateStore<?, ?, ?>) driver.getAllStateStores().get(WarehouseTopology.SKU_STOCK_STORE)).wrapped();
    }
}
