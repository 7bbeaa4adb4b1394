package com.musiccorp.platform.http.deadletters;

import com.musiccorp.platform.kafka.ContextPrincipals;
import com.musiccorp.platform.kafka.EmbeddedKafkaBroker;
import com.musiccorp.platform.kafka.ScramLogin;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.kafka.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On the secured broker a context may write only its own topics, so re-driving a dead letter it read
 * from another context's topic is refused as not allowed (the endpoint's 403), with nothing written,
 * while one from its own topic goes back.
 */
class SecuredReDriveIT {
    private static final ScramLogin ADMIN = new ScramLogin("admin", "admin-secret");
    private static final ScramLogin ORDERS = new ScramLogin("orders", "orders-secret");
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void secureBroker() {
        broker = EmbeddedKafkaBroker.builder().secured(ADMIN).build().start();
        try (Admin admin = Admin.create(broker.clientConfig())) {
            new TopicProvisioner(admin).ensure(TopicCatalog.all());
            new ContextPrincipals(admin).create("orders", ORDERS.password());
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    @Test
    void aDeadLetterFromAnotherContextsTopicIsNotAllowedBackAndOneFromItsOwnIs() throws Exception {
        deadLetter(TopicCatalog.PAYMENTS_EVENTS); // offset 0
        deadLetter(TopicCatalog.ORDERS_EVENTS);   // offset 1
        Map<String, Object> asOrders = new HashMap<>(Map.of("bootstrap.servers", broker.bootstrapServers()));
        asOrders.putAll(ORDERS.clientConfig());
        DeadLetterQueue queue = new DeadLetterQueue("orders", asOrders);

        assertThatThrownBy(() -> queue.reDrive(0, 0)).isInstanceOf(DeadLetterQueue.NotAllowed.class)
                .hasMessageContaining("may not write payments.events (owned by payments)");
        assertThat(queue.reDrive(0, 1)).hasValueSatisfying(r -> assertThat(r.written()).isTrue());
        assertThatThrownBy(() -> queue.reDrive(0, 0)).as("no marker was written for it: refused again")
                .isInstanceOf(DeadLetterQueue.NotAllowed.class);
    }

    private static void deadLetter(String from) throws Exception {
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("__streams.errors.topic", from.getBytes(StandardCharsets.UTF_8));
            headers.add("__streams.errors.partition", "0".getBytes(StandardCharsets.UTF_8));
            headers.add("__streams.errors.offset", "7".getBytes(StandardCharsets.UTF_8));
            headers.add("__streams.errors.message", "unreadable".getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(TopicCatalog.deadLetterTopic("orders"), 0, "order-1".getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8), headers)).get();
        }
    }
}
