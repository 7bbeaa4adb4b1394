package com.musiccorp.payments.stream;

import static com.musiccorp.payments.domain.Events.ORDER;
import static com.musiccorp.payments.domain.Events.RESERVED_AT;
import static com.musiccorp.payments.domain.Events.orderCancelled;
import static com.musiccorp.payments.domain.Events.orderPlaced;
import static com.musiccorp.payments.domain.Events.stockInsufficient;
import static com.musiccorp.payments.domain.Events.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentFailureReason;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockReserved;
import com.musiccorp.gateway.GatewaySimulator;
import com.musiccorp.gateway.http.GatewayHttpServer;
import com.musiccorp.payments.domain.Amount;
import com.musiccorp.payments.domain.ChargeOutcome;
import com.musiccorp.payments.domain.ChargeRequest;
import com.musiccorp.payments.domain.Events;
import com.musiccorp.payments.domain.IdempotencyKeys;
import com.musiccorp.payments.domain.Payment;
import com.musiccorp.payments.domain.PaymentDecider;
import com.musiccorp.payments.domain.LookupOutcome;
import com.musiccorp.payments.domain.PaymentGateway;
import com.musiccorp.payments.domain.RefundOutcome;
import com.musiccorp.payments.domain.RefundRequest;
import com.musiccorp.platform.streams.step.Calling;
import com.musiccorp.platform.streams.step.HeldCalls;
import com.musiccorp.payments.domain.RetryPolicy;
import com.musiccorp.payments.gateway.HttpPaymentGateway;
import com.musiccorp.platform.avro.AvroSerde;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.DueTimeIndex;
import com.musiccorp.platform.streams.MutableClock;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.StreamsSettings;
import org.apache.avro.specific.SpecificRecord;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The topology on TopologyTestDriver, calling the real simulated gateway over HTTP (started
 * in-process on a free port) through {@link HttpPaymentGateway}. Calls are made on the test's
 * thread as soon as they are due; wall-clock time is the driver's: advancing it decides the answers
 * that came, and looks for calls due later.
 */
class PaymentsTopologyTest {

    private static final Instant ARRIVAL = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration INTERVAL = PaymentsTopology.DEFAULT_CALL_INTERVAL;
    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(8));

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false);
    private static SchemaRegistryServer registry;
    private static GatewayHttpServer gatewayServer;
    private static GatewaySimulator simulator;

    private final MutableClock clock = new MutableClock(ARRIVAL);
    private TopologyTestDriver driver;
    private Serde<SpecificRecord> events;
    private TestInputTopic<String, SpecificRecord> ordersEvents;
    private TestInputTopic<String, SpecificRecord> warehouseEvents;
    private TestOutputTopic<String, SpecificRecord> paymentsEvents;
    private KeyValueStore<String, Payment> store;
    private KeyValueStore<String, String> dueIndex;
    private Properties props;

    @BeforeAll
    static void startRegistryAndGateway() {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
        simulator = new GatewaySimulator(50_000);
        gatewayServer = GatewayHttpServer.start(0, simulator);
    }

    @AfterAll
    static void stopRegistryAndGateway() {
        gatewayServer.close();
        registry.close();
    }

    @BeforeEach
    void start(@TempDir Path state) {
        props = StreamsSettings.forContext(new ContextSettings("payments", "unused:9092", registry.url(),
                state, Optional.empty(), -1, 0));
        events = new AvroSerde<>();
        events.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        drive(new HttpPaymentGateway(URI.create(gatewayServer.url()), Duration.ofSeconds(5)), Runnable::run);
    }

    /** (Re)builds the driver around {@code gateway}, making its calls on {@code callers}. */
    private void drive(PaymentGateway gateway, Executor callers) {
        if (driver != null) {
            driver.close();
        }
        driver = new TopologyTestDriver(PaymentsTopology.build(events, props, new PaymentDecider(POLICY), gateway,
                INTERVAL, callers, clock), props, ARRIVAL);
        ordersEvents = driver.createInputTopic(TopicCatalog.ORDERS_EVENTS, new StringSerializer(), events.serializer());
        warehouseEvents = driver.createInputTopic(TopicCatalog.WAREHOUSE_EVENTS, new StringSerializer(),
                events.serializer());
        paymentsEvents = driver.createOutputTopic(TopicCatalog.PAYMENTS_EVENTS, new StringDeserializer(),
                events.deserializer());
        store = driver.getKeyValueStore(PaymentsTopology.PAYMENTS_STORE);
        dueIndex = driver.getKeyValueStore(PaymentsTopology.PAYMENT_CALLS_DUE_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void placed(String orderId, String token, long total) {
        ordersEvents.pipeInput(new TestRecord<>(orderId, orderPlaced(orderId, token, total, "1").event(), ARRIVAL));
    }

    private void reserved(String orderId) {
        warehouseEvents.pipeInput(new TestRecord<>(orderId, stockReserved(orderId, "1").event(), ARRIVAL));
    }

    /** Lets {@code time} of wall clock pass, one scan interval at a time. */
    private void runFor(Duration time) {
        for (long t = 0; t < time.toMillis(); t += INTERVAL.toMillis()) {
            advance(INTERVAL);
        }
    }

    /** Lets {@code time} of wall clock pass at once: each punctuation due runs once. */
    private void advance(Duration time) {
        clock.advance(time);
        driver.advanceWallClockTime(time);
    }

    private static String chargeKey(String orderId) {
        return IdempotencyKeys.charge(orderId).toString();
    }

    @Test
    void orderPlacedAndStockReservedChargeOnceAndPublishPaymentTaken() {
        placed("o-happy", "tok_visa", 2599);
        reserved("o-happy");
        assertThat(simulator.ledger().callsWith(chargeKey("o-happy"))).as("called as soon as decided").isEqualTo(1);
        // Answered while the reservation was decided, so decided right before its commit and published with it.

        List<TestRecord<String, SpecificRecord>> written = paymentsEvents.readRecordsToList();
        assertThat(written).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("o-happy");
            PaymentTaken taken = (PaymentTaken) r.value();
            assertThat(taken.getPaymentId()).isEqualTo(chargeKey("o-happy"));
            assertThat(taken.getGatewayReference()).startsWith("ch_");
            // The record's time is the event's: when the gateway answered, not when stock was reserved.
            assertThat(r.timestamp()).isEqualTo(taken.getMetadata().getOccurredAt().toEpochMilli())
                    .isEqualTo(taken.getTakenAt().toEpochMilli())
                    .isGreaterThanOrEqualTo(RESERVED_AT.toEpochMilli());
            assertThat(EventHeaders.text(r.headers(), EventHeaders.EVENT_ID))
                    .isEqualTo(taken.getMetadata().getEventId().toString());
        });
        assertThat(simulator.ledger().capturedChargesFor("o-happy")).hasSize(1);
        assertThat(simulator.ledger().callsWith(chargeKey("o-happy"))).isEqualTo(1);
        assertThat(store.get("o-happy").stage()).isInstanceOf(Payment.Stage.Paid.class);
    }

    @Test
    void aDeclinedTokenEndsInPaymentFailedAndNoCharge() {
        placed("o-declined", "tok_decline", 2599);
        reserved("o-declined");

        runFor(Duration.ofSeconds(1));

        PaymentFailed failed = (PaymentFailed) paymentsEvents.readValue();
        assertThat(failed.getReasonCode()).isEqualTo(PaymentFailureReason.DECLINED);
        assertThat(paymentsEvents.isEmpty()).isTrue();
        assertThat(simulator.ledger().capturedChargesFor("o-declined")).isEmpty();
    }

    @Test
    void aCustomerOverTheLimitEndsInPaymentFailedLimitExceeded() {
        placed("o-big", "tok_visa", 60_000);
        reserved("o-big");

        runFor(Duration.ofSeconds(1));

        assertThat(((PaymentFailed) paymentsEvents.readValue()).getReasonCode())
                .isEqualTo(PaymentFailureReason.LIMIT_EXCEEDED);
    }

    @Test
    void insufficientStockNeverReachesTheGateway() {
        placed(ORDER, "tok_visa", 2599);
        warehouseEvents.pipeInput(new TestRecord<>(ORDER, stockInsufficient().event(), ARRIVAL));

        runFor(Duration.ofSeconds(2));

        assertThat(paymentsEvents.isEmpty()).isTrue();
        assertThat(simulator.ledger().chargesFor(ORDER)).isEmpty();
        assertThat(simulator.ledger().callsWith(chargeKey(ORDER))).isZero();
        assertThat(store.get(ORDER).stage()).isInstanceOf(Payment.Stage.NotCharged.class);
    }

    @Test
    void transientFailuresAreRetriedWithTheSameKeyOnTheBackOffUntilApproved() {
        placed("o-flaky", "tok_transient_2_visa", 2599);
        reserved("o-flaky");

        runFor(Duration.ofMillis(400));
        assertThat(simulator.ledger().callsWith(chargeKey("o-flaky"))).isEqualTo(1);
        assertThat(paymentsEvents.isEmpty()).isTrue();
        // back-off 1 s after the first failure, then 2 s after the second
        runFor(Duration.ofSeconds(5));

        assertThat(simulator.ledger().callsWith(chargeKey("o-flaky"))).isEqualTo(3);
        assertThat(paymentsEvents.readValuesToList()).singleElement().isInstanceOf(PaymentTaken.class);
        assertThat(simulator.ledger().capturedChargesFor("o-flaky")).hasSize(1);
    }

    @Test
    void aRedeliveredInputDecidesAndChargesNothingNew() {
        placed("o-again", "tok_visa", 2599);
        reserved("o-again");
        runFor(Duration.ofSeconds(1));
        assertThat(paymentsEvents.readValuesToList()).hasSize(1);

        placed("o-again", "tok_visa", 2599);
        reserved("o-again");
        runFor(Duration.ofSeconds(2));

        assertThat(paymentsEvents.isEmpty()).isTrue();
        assertThat(simulator.ledger().callsWith(chargeKey("o-again"))).isEqualTo(1);
        assertThat(simulator.ledger().capturedChargesFor("o-again")).hasSize(1);
    }

    @Test
    void aCallWhoseAnswerWasLostIsRepeatedWithTheSameKeyAndChargesOnce() {
        // A previous incarnation charged with the saga's key, then crashed before recording the answer.
        assertThat(new HttpPaymentGateway(URI.create(gatewayServer.url()), Duration.ofSeconds(5))
                .charge(lostCharge("o-crash"))).isInstanceOf(ChargeOutcome.Approved.class);

        placed("o-crash", "tok_visa", 2599);
        reserved("o-crash");
        runFor(Duration.ofSeconds(1));

        PaymentTaken taken = (PaymentTaken) paymentsEvents.readValue();
        assertThat(taken.getGatewayReference())
                .isEqualTo(simulator.ledger().charge(chargeKey("o-crash")).orElseThrow().reply().reference());
        assertThat(simulator.ledger().callsWith(chargeKey("o-crash"))).isEqualTo(2);
        assertThat(simulator.ledger().capturedChargesFor("o-crash")).hasSize(1);
    }

    @Test
    void itemNotFoundAfterPaymentRefundsTheChargeOnce() {
        placed("o-refund", "tok_visa", 2599);
        reserved("o-refund");
        runFor(Duration.ofSeconds(1));
        assertThat(paymentsEvents.readValue()).isInstanceOf(PaymentTaken.class);

        ItemNotFound missing = ItemNotFound.newBuilder()
                .setMetadata(Events.metadata("warehouse", "ItemNotFound", "o-refund", "1", Events.MISSING_AT))
                .setOrderId("o-refund").setSku("VINYL-001").setLineNumber(1).setMissingQuantity(1)
                .setReason("shelf empty").build();
        warehouseEvents.pipeInput(new TestRecord<>("o-refund", missing, ARRIVAL));
        warehouseEvents.pipeInput(new TestRecord<>("o-refund", missing, ARRIVAL)); // redelivered
        runFor(Duration.ofSeconds(2));

        assertThat(paymentsEvents.readValuesToList()).singleElement().isInstanceOf(PaymentRefunded.class);
        assertThat(simulator.ledger().callsWith(IdempotencyKeys.refund("o-refund").toString())).isEqualTo(1);
        assertThat(simulator.ledger().charge(chargeKey("o-refund")).orElseThrow().refunded()).isTrue();
        assertThat(store.get("o-refund").stage()).isInstanceOf(Payment.Stage.Refunded.class);
    }

    @Test
    void anOperatorCancellationAfterPaymentRefundsTheChargeOnce() {
        placed("o-cancel", "tok_visa", 2599);
        reserved("o-cancel");
        runFor(Duration.ofSeconds(1));
        assertThat(paymentsEvents.readValue()).isInstanceOf(PaymentTaken.class);

        SpecificRecord cancelled = orderCancelled("o-cancel", CancellationReason.OPERATOR, "1").event();
        ordersEvents.pipeInput(new TestRecord<>("o-cancel", cancelled, ARRIVAL));
        ordersEvents.pipeInput(new TestRecord<>("o-cancel", cancelled, ARRIVAL)); // redelivered
        runFor(Duration.ofSeconds(2));

        assertThat(paymentsEvents.readValuesToList()).singleElement().isInstanceOfSatisfying(PaymentRefunded.class,
                refunded -> assertThat(refunded.getReason()).startsWith("order cancelled (OPERATOR)"));
        assertThat(simulator.ledger().callsWith(IdempotencyKeys.refund("o-cancel").toString())).isEqualTo(1);
        assertThat(simulator.ledger().charge(chargeKey("o-cancel")).orElseThrow().refunded()).isTrue();
        assertThat(store.get("o-cancel").stage()).isInstanceOf(Payment.Stage.Refunded.class);
    }

    @Test
    void aCancelledOrderWhoseStockIsReservedLaterIsNeverCharged() {
        placed("o-gone", "tok_visa", 2599);
        ordersEvents.pipeInput(new TestRecord<>("o-gone",
                orderCancelled("o-gone", CancellationReason.OPERATOR, "1").event(), ARRIVAL));
        reserved("o-gone");
        runFor(Duration.ofSeconds(2));

        assertThat(paymentsEvents.isEmpty()).isTrue();
        assertThat(simulator.ledger().callsWith(chargeKey("o-gone"))).isZero();
    }

    @Test
    void aCallDueWhenDecidedIsMadeAtOnceAndItsAnswerDecidedWithinOneDrain() {
        HeldCalls held = new HeldCalls(); // the gateway answers after the reservation's commit
        drive(new HttpPaymentGateway(URI.create(gatewayServer.url()), Duration.ofSeconds(5)), held);
        placed("o-indexed", "tok_visa", 2599);
        reserved("o-indexed");
        // The charge is due when payments decided it (the driver's wall clock), not at the reservation's time.
        assertThat(held.waiting).as("made at once").hasSize(1);
        assertThat(indexKeys()).containsExactly(String.format("%019d|o-indexed", ARRIVAL.toEpochMilli()));
        held.runAll();
        assertThat(simulator.ledger().callsWith(chargeKey("o-indexed"))).isEqualTo(1);
        assertThat(paymentsEvents.isEmpty()).as("nothing is published before the answer is decided").isTrue();

        advance(Duration.ofMillis(50));

        assertThat(paymentsEvents.readValuesToList()).singleElement().isInstanceOf(PaymentTaken.class);
        assertThat(indexKeys()).as("nothing is pending any more").isEmpty();
        runFor(Duration.ofSeconds(2));
        assertThat(simulator.ledger().callsWith(chargeKey("o-indexed"))).isEqualTo(1);
    }

    @Test
    void aChargeIsDueWhenDecidedWhateverItsReservationsTime() {
        // Reserved (event time) an hour after the wall clock's "now": the charge is still due when
        // payments decided it, so it is made at once. (Only a back-off is due later.)
        Instant later = ARRIVAL.plus(Duration.ofHours(1));
        placed("o-later", "tok_visa", 2599);
        warehouseEvents.pipeInput(new TestRecord<>("o-later", StockReserved.newBuilder(
                        (StockReserved) stockReserved("o-later", "1").event())
                .setMetadata(Events.metadata("warehouse", "StockReserved", "o-later", "1", later))
                .setReservedAt(later).build(), ARRIVAL));
        assertThat(simulator.ledger().callsWith(chargeKey("o-later"))).isEqualTo(1);

        advance(Duration.ofMillis(50)); // the answer is decided

        assertThat(paymentsEvents.readKeyValuesToList()).singleElement().satisfies(r -> {
            assertThat(r.key).isEqualTo("o-later");
            assertThat(r.value).isInstanceOf(PaymentTaken.class);
        });
        assertThat(indexKeys()).isEmpty();
    }

    @Test
    void aRetryMovesTheEntryToItsBackOffAndIsNotCalledBefore() {
        placed("o-retry", "tok_transient_1_visa", 2599);
        reserved("o-retry");

        advance(Duration.ofMillis(50));
        assertThat(simulator.ledger().callsWith(chargeKey("o-retry"))).isEqualTo(1);
        Instant retryAt = store.get("o-retry").pendingCall().orElseThrow().notBefore();
        assertThat(retryAt).as("the back-off runs from when the gateway answered").isEqualTo(ARRIVAL.plus(POLICY.firstDelay()));
        assertThat(indexKeys()).containsExactly(DueTimeIndex.key(retryAt, "o-retry"));

        runFor(Duration.ofMillis(600)); // the back-off after the first failure is 1 s
        assertThat(simulator.ledger().callsWith(chargeKey("o-retry"))).isEqualTo(1);
        assertThat(paymentsEvents.isEmpty()).isTrue();

        runFor(Duration.ofSeconds(1));
        assertThat(simulator.ledger().callsWith(chargeKey("o-retry"))).isEqualTo(2);
        assertThat(paymentsEvents.readValuesToList()).singleElement().isInstanceOf(PaymentTaken.class);
        assertThat(indexKeys()).isEmpty();
    }

    @Test
    void aRefundIsIndexedLikeACharge() {
        HeldCalls held = new HeldCalls();
        drive(new HttpPaymentGateway(URI.create(gatewayServer.url()), Duration.ofSeconds(5)), held);
        placed("o-refund-idx", "tok_visa", 2599);
        reserved("o-refund-idx");
        held.runAll();
        advance(Duration.ofMillis(50));
        assertThat(paymentsEvents.readValue()).isInstanceOf(PaymentTaken.class);

        ordersEvents.pipeInput(new TestRecord<>("o-refund-idx",
                orderCancelled("o-refund-idx", CancellationReason.OPERATOR, "1").event(), ARRIVAL));
        assertThat(indexKeys()).singleElement().asString().endsWith("|o-refund-idx");
        held.runAll();
        assertThat(simulator.ledger().callsWith(IdempotencyKeys.refund("o-refund-idx").toString())).isEqualTo(1);

        advance(Duration.ofMillis(50));
        assertThat(paymentsEvents.readValuesToList()).singleElement().isInstanceOf(PaymentRefunded.class);
        assertThat(indexKeys()).isEmpty();
    }

    @Test
    void aStaleIndexEntryIsDroppedWithoutCallingTheGateway() {
        dueIndex.put(DueTimeIndex.key(RESERVED_AT, "ghost"), "ghost");

        advance(INTERVAL);

        assertThat(indexKeys()).isEmpty();
        assertThat(simulator.ledger().callsWith(chargeKey("ghost"))).isZero();
        assertThat(paymentsEvents.isEmpty()).isTrue();
    }

    @Test
    void aChargeNeverAnsweredIsLookedUpByItsKeyAndFailsOnlyOnceTheGatewaySaysItHasNoneThenTheKeyIsVoid() {
        placed("o-lost", "tok_transient_99", 2599);
        reserved("o-lost");

        // 4 attempts (back-off 1 s, 2 s, 4 s), then the lookup 8 s after the last
        runFor(Duration.ofSeconds(6));
        assertThat(store.get("o-lost").stage()).isInstanceOf(Payment.Stage.Charging.class);
        runFor(Duration.ofSeconds(12));

        PaymentFailed failed = (PaymentFailed) paymentsEvents.readValue();
        assertThat(failed.getReasonCode()).isEqualTo(PaymentFailureReason.GATEWAY_UNAVAILABLE);
        assertThat(failed.getAttempts()).isEqualTo(4);
        assertThat(failed.getReason()).contains("it has no charge with key " + chargeKey("o-lost"));
        assertThat(simulator.ledger().callsWith(chargeKey("o-lost"))).isEqualTo(4);
        assertThat(simulator.ledger().isVoided(chargeKey("o-lost"))).isTrue();
        assertThat(indexKeys()).isEmpty();

        // a request of that charge still on its way arrives now: it cannot capture any more
        ChargeOutcome late = new HttpPaymentGateway(URI.create(gatewayServer.url()), Duration.ofSeconds(5))
                .charge(new ChargeRequest(IdempotencyKeys.charge("o-lost"), "o-lost", "cust-7",
                        new Amount(2599, "GBP"), "tok_visa", 4));
        assertThat(late).isInstanceOf(ChargeOutcome.Declined.class);
        assertThat(simulator.ledger().capturedChargesFor("o-lost")).isEmpty();
    }

    @Test
    void aChargeThatCapturedThoughEveryAnswerWasLostIsFoundByTheLookupAndTakenOnce() {
        HttpPaymentGateway http = new HttpPaymentGateway(URI.create(gatewayServer.url()), Duration.ofSeconds(5));
        drive(new AnswersLost(http), Runnable::run);
        placed("o-ghost", "tok_visa", 2599);
        reserved("o-ghost");

        runFor(Duration.ofSeconds(20));

        PaymentTaken taken = (PaymentTaken) paymentsEvents.readValue();
        assertThat(paymentsEvents.isEmpty()).isTrue();
        assertThat(taken.getGatewayReference())
                .isEqualTo(simulator.ledger().charge(chargeKey("o-ghost")).orElseThrow().reply().reference());
        assertThat(simulator.ledger().capturedChargesFor("o-ghost")).hasSize(1);
        assertThat(simulator.ledger().isVoided(chargeKey("o-ghost"))).isFalse();
        assertThat(store.get("o-ghost").stage()).isInstanceOf(Payment.Stage.Paid.class);
    }

    @Test
    void aGatewayThatNeverAnswersHoldsNoTransactionAndOtherOrdersAreChargedMeanwhile() {
        // calls on virtual threads, as the service makes them; the gateway holds this answer back 60 s
        drive(new HttpPaymentGateway(URI.create(gatewayServer.url()), Duration.ofSeconds(60)), Calling.VIRTUAL_THREADS);
        placed("o-frozen", "tok_slow_60000", 2599);
        reserved("o-frozen");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.ledger().callsWith(chargeKey("o-frozen")) == 1);

        long before = System.nanoTime();
        placed("o-meanwhile", "tok_visa", 1999);
        reserved("o-meanwhile");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("the stream thread was not held")
                .isLessThan(Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            advance(Duration.ofMillis(50)); // drains the answers that came, in the task's transaction
            return !paymentsEvents.isEmpty();
        });

        PaymentTaken taken = (PaymentTaken) paymentsEvents.readValue();
        assertThat(taken.getOrderId()).isEqualTo("o-meanwhile");
        assertThat(store.get("o-frozen").stage()).isInstanceOf(Payment.Stage.Charging.class);
        assertThat(simulator.ledger().callsWith(chargeKey("o-frozen"))).as("made once, still in flight").isEqualTo(1);
    }

    /** A gateway whose charges reach it but whose answers never come back: only a lookup learns the truth. */
    private record AnswersLost(PaymentGateway gateway) implements PaymentGateway {
        @Override
        public ChargeOutcome charge(ChargeRequest request) {
            gateway.charge(request);
            return new ChargeOutcome.Transient("read timed out");
        }

        @Override
        public RefundOutcome refund(RefundRequest request) {
            return gateway.refund(request);
        }

        @Override
        public LookupOutcome lookup(java.util.UUID chargeKey) {
            return gateway.lookup(chargeKey);
        }
    }

    private List<String> indexKeys() {
        List<String> keys = new ArrayList<>();
        try (var all = dueIndex.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private static ChargeRequest lostCharge(String orderId) {
        return new ChargeRequest(IdempotencyKeys.charge(orderId), orderId, "cust-7",
                new Amount(2599, "GBP"), "tok_visa", 1);
    }
}
