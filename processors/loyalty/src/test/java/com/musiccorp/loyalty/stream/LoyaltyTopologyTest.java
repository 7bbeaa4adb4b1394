package com.musiccorp.loyalty.stream;

import static com.musiccorp.loyalty.domain.Events.CUSTOMER;
import static com.musiccorp.loyalty.domain.Events.DISPATCHED_AT;
import static com.musiccorp.loyalty.domain.Events.ORDER;
import static com.musiccorp.loyalty.domain.Events.orderDispatched;
import static com.musiccorp.loyalty.domain.Events.orderDispatchedWithoutTotal;
import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.events.EventRejected;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.loyalty.domain.CustomerBalance;
import com.musiccorp.loyalty.domain.CustomerBalanceDecider;
import com.musiccorp.loyalty.domain.OrderPoints;
import com.musiccorp.loyalty.domain.OrderPointsDecider;
import com.musiccorp.platform.avro.AvroSerde;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.StreamsSettings;
import com.musiccorp.platform.streams.TopologyNodes;
import org.apache.avro.specific.SpecificRecord;
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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** The topology on TopologyTestDriver, with the real schema registry behind the Avro serde. */
class LoyaltyTopologyTest {

    private static final Instant ARRIVAL = Instant.parse("2026-06-01T00:00:00Z");

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false);
    private static SchemaRegistryServer registry;

    private Topology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> warehouseEvents;
    private TestOutputTopic<String, SpecificRecord> loyaltyEvents;
    private KeyValueStore<String, OrderPoints> orderStore;
    private KeyValueStore<String, CustomerBalance> balanceStore;

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
        startAt(ARRIVAL, state);
    }

    /** A driver whose wall clock starts at {@code wallClock}: the time the step decides at. */
    private void startAt(Instant wallClock, Path state) {
        Properties props = StreamsSettings.forContext(new ContextSettings("loyalty", "unused:9092", registry.url(),
                state, Optional.empty(), -1, 0));
        Serde<SpecificRecord> events = new AvroSerde<>();
        events.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        topology = LoyaltyTopology.build(events, props, new OrderPointsDecider(), new CustomerBalanceDecider());
        driver = new TopologyTestDriver(topology, props, wallClock);
        warehouseEvents = driver.createInputTopic(TopicCatalog.WAREHOUSE_EVENTS, new StringSerializer(),
                events.serializer());
        loyaltyEvents = driver.createOutputTopic(TopicCatalog.LOYALTY_EVENTS, new StringDeserializer(),
                events.deserializer());
        orderStore = driver.getKeyValueStore(LoyaltyTopology.ORDER_POINTS_STORE);
        balanceStore = driver.getKeyValueStore(LoyaltyTopology.CUSTOMER_BALANCE_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void dispatched(String orderId, String customerId, long totalMinor, String variant) {
        warehouseEvents.pipeInput(new TestRecord<>(orderId,
                orderDispatched(orderId, customerId, totalMinor, "GBP", variant).event(), ARRIVAL));
    }

    @Test
    void everyCreditPassesThePromptCommitForTheCustomersStepReadsItInThisThread() {
        assertThat(TopologyNodes.predecessors(topology, LoyaltyTopology.CREDITS + "-repartition-filter"))
                .containsExactly("commit-credits-promptly");
    }

    @Test
    void aDispatchAwardsPointsOnceKeyedByOrderId() {
        dispatched(ORDER, CUSTOMER, 2599, "1");

        List<TestRecord<String, SpecificRecord>> written = loyaltyEvents.readRecordsToList();
        assertThat(written).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(ORDER);
            assertThat(r.value()).isInstanceOf(PointsAwarded.class);
            PointsAwarded award = (PointsAwarded) r.value();
            assertThat(award.getCustomerId()).isEqualTo(CUSTOMER);
            assertThat(award.getOrderId()).isEqualTo(ORDER);
            assertThat(award.getPoints()).isEqualTo(25);
            assertThat(award.getNewBalance()).isEqualTo(25);
            assertThat(award.getOrderTotal().getAmountMinor()).isEqualTo(2599);
            assertThat(award.getMetadata().getProducer()).isEqualTo("loyalty");
            assertThat(r.getRecordTime()).isEqualTo(award.getMetadata().getOccurredAt());
            assertThat(r.getRecordTime()).as("when loyalty decided (the wall clock), not the dispatch's time")
                    .isEqualTo(ARRIVAL).isNotEqualTo(DISPATCHED_AT);
            assertThat(r.headers().toArray()).hasSameSizeAs(EventHeaders.of(award).toArray());
        });
        assertThat(orderStore.get(ORDER).stage()).isInstanceOf(OrderPoints.Stage.Credited.class);
        assertThat(balanceStore.get(CUSTOMER).balance()).isEqualTo(25);
    }

    @Test
    void aDispatchWithoutTheOrdersTotalIsRejectedKeyedByOrderId() {
        warehouseEvents.pipeInput(new TestRecord<>(ORDER, orderDispatchedWithoutTotal(ORDER, CUSTOMER, "1").event(), ARRIVAL));

        assertThat(loyaltyEvents.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(ORDER);
            assertThat(((EventRejected) r.value()).getReason()).contains("carries no orderTotal");
        });
        assertThat(balanceStore.get(CUSTOMER)).isNull();
    }

    @Test
    void anEventsTimeAndRecordTimeMoveWithTheWallClockWhileItsIdDoesNot(@TempDir Path elsewhere) {
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        dispatched(ORDER, CUSTOMER, 2599, "1");
        TestRecord<String, SpecificRecord> first = loyaltyEvents.readRecord();
        PointsAwarded award = (PointsAwarded) first.value();
        assertThat(award.getMetadata().getOccurredAt()).as("decided 5 s after the driver started").isEqualTo(ARRIVAL.plusSeconds(5));
        assertThat(first.getRecordTime()).isEqualTo(award.getMetadata().getOccurredAt());

        // The same inputs decided again an hour later (a process that lost its state, say): another time, the same id.
        driver.close();
        startAt(ARRIVAL.plusSeconds(3600), elsewhere);
        dispatched(ORDER, CUSTOMER, 2599, "1");
        TestRecord<String, SpecificRecord> again = loyaltyEvents.readRecord();
        PointsAwarded redecided = (PointsAwarded) again.value();
        assertThat(redecided.getMetadata().getEventId()).isEqualTo(award.getMetadata().getEventId());
        assertThat(redecided.getMetadata().getOccurredAt()).isEqualTo(ARRIVAL.plusSeconds(3600));
        assertThat(again.getRecordTime()).isEqualTo(ARRIVAL.plusSeconds(3600));
    }

    @Test
    void aRedeliveredDispatchPublishesNothing() {
        dispatched(ORDER, CUSTOMER, 2599, "1");
        assertThat(loyaltyEvents.readRecordsToList()).hasSize(1);

        dispatched(ORDER, CUSTOMER, 2599, "1");
        assertThat(loyaltyEvents.isEmpty()).isTrue();
        assertThat(balanceStore.get(CUSTOMER).balance()).isEqualTo(25);
    }

    @Test
    void aSecondDispatchIsRejectedKeyedByOrderIdAndAwardsNothing() {
        dispatched(ORDER, CUSTOMER, 2599, "1");
        loyaltyEvents.readRecordsToList();

        dispatched(ORDER, CUSTOMER, 2599, "2");
        assertThat(loyaltyEvents.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(ORDER);
            assertThat(r.value()).isInstanceOf(EventRejected.class);
            assertThat(r.getRecordTime()).isEqualTo(((EventRejected) r.value()).getMetadata().getOccurredAt());
        });
        assertThat(balanceStore.get(CUSTOMER).balance()).isEqualTo(25);
    }

    @Test
    void twoOrdersOfOneCustomerAddUp() {
        dispatched("o-2", CUSTOMER, 1050, "1");
        dispatched("o-1", CUSTOMER, 2599, "1");

        List<TestRecord<String, SpecificRecord>> written = loyaltyEvents.readRecordsToList();
        assertThat(written).extracting(TestRecord::key).containsExactly("o-2", "o-1");
        assertThat(written).extracting(r -> ((PointsAwarded) r.value()).getPoints()).containsExactly(10L, 25L);
        assertThat(written).extracting(r -> ((PointsAwarded) r.value()).getNewBalance()).containsExactly(10L, 35L);
        CustomerBalance balance = balanceStore.get(CUSTOMER);
        assertThat(balance.balance()).isEqualTo(35);
        assertThat(balance.creditedOrders()).isEqualTo(2);
        assertThat(balance.recentCredits()).extracting(CustomerBalance.Credit::orderId).containsExactly("o-2", "o-1");
    }
}
