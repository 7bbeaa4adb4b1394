package com.musiccorp.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded broker secured: SCRAM logins and ACLs, the catalog's topics created by the admin,
 * and two contexts' principals, orders and payments, each held to {@link ContextAcls}.
 */
class SecuredBrokerIT {
    private static final ScramLogin ADMIN = new ScramLogin("admin", "admin-secret");
    private static final ScramLogin ORDERS = new ScramLogin("orders", "orders-secret");
    private static final ScramLogin PAYMENTS = new ScramLogin("payments", "payments-secret");

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void secureBrokerWithTwoContexts() {
        broker = EmbeddedKafkaBroker.builder().secured(ADMIN).build().start();
        try (Admin admin = Admin.create(broker.clientConfig())) {
            new TopicProvisioner(admin).ensure(TopicCatalog.all());
            new ContextPrincipals(admin).create("orders", ORDERS.password());
            new ContextPrincipals(admin).create("payments", PAYMENTS.password());
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    @Test
    void ordersWritesItsEventsInATransactionAndReadsWhatPaymentsWroteInItsOwnGroup() throws Exception {
        try (var producer = producer(ORDERS, "musiccorp-orders-0_1")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TopicCatalog.ORDERS_EVENTS, "order-1", "OrderPlaced"));
            producer.commitTransaction();
        }
        try (var producer = producer(PAYMENTS, "musiccorp-payments-0_1")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TopicCatalog.PAYMENTS_EVENTS, "order-1", "PaymentTaken"));
            producer.commitTransaction();
        }
        try (var consumer = consumer(ORDERS, "musiccorp-orders")) {
            consumer.subscribe(List.of(TopicCatalog.ORDERS_EVENTS, TopicCatalog.PAYMENTS_EVENTS));
            List<String> read = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (read.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) read.add(r.value());
            }
            assertThat(read).containsExactlyInAnyOrder("OrderPlaced", "PaymentTaken");
            consumer.commitSync();
        }
    }

    @Test
    void ordersIsRefusedWhenItWritesPaymentsEvents() {
        try (var producer = producer(ORDERS, null)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TopicCatalog.PAYMENTS_EVENTS, "order-1", "PaymentTaken")).get())
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class)
                    .rootCause().hasMessageContaining(TopicCatalog.PAYMENTS_EVENTS);
        }
    }

    @Test
    void ordersIsRefusedATransactionalIdOfPayments() {
        try (var producer = producer(ORDERS, "musiccorp-payments-0_1")) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    @Test
    void ordersIsRefusedTheGroupOfPaymentsAndATopicItDoesNotConsume() {
        try (var consumer = consumer(ORDERS, "musiccorp-payments")) {
            consumer.subscribe(List.of(TopicCatalog.ORDERS_EVENTS));
            assertThatThrownBy(() -> pollFor(consumer, Duration.ofSeconds(20))).isInstanceOf(GroupAuthorizationException.class);
        }
        try (var consumer = consumer(ORDERS, "musiccorp-orders-probe")) {
            consumer.subscribe(List.of(TopicCatalog.NOTIFICATIONS_EVENTS));
            assertThatThrownBy(() -> pollFor(consumer, Duration.ofSeconds(20)))
                    .isInstanceOf(TopicAuthorizationException.class).hasMessageContaining(TopicCatalog.NOTIFICATIONS_EVENTS);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (Admin admin = Admin.create(withTimeouts(clientConfig(new ScramLogin("orders", "not-the-password"))))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(15, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aClientWithoutALoginGetsNothing() {
        Map<String, Object> plaintext = withTimeouts(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        try (Admin admin = Admin.create(plaintext)) {
            // The SASL listener closes every connection that does not start with a SASL handshake.
            assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    private static void pollFor(KafkaConsumer<String, String> consumer, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) consumer.poll(Duration.ofMillis(200));
    }

    private static Map<String, Object> clientConfig(ScramLogin login) {
        Map<String, Object> config = new HashMap<>(login.clientConfig());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return config;
    }

    private static Map<String, Object> withTimeouts(Map<String, Object> config) {
        Map<String, Object> c = new HashMap<>(config);
        c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 6_000);
        return c;
    }

    private static KafkaProducer<String, String> producer(ScramLogin login, String transactionalId) {
        Map<String, Object> config = clientConfig(login);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        if (transactionalId != null) config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(ScramLogin login, String group) {
        Map<String, Object> config = clientConfig(login);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
