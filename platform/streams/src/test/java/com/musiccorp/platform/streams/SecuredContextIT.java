package com.musiccorp.platform.streams;

import com.musiccorp.platform.kafka.ContextPrincipals;
import com.musiccorp.platform.kafka.EmbeddedKafkaBroker;
import com.musiccorp.platform.kafka.ScramLogin;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.kafka.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A context's Kafka Streams application on the secured broker, logged in as its own principal with
 * only its {@code ContextAcls}: exactly-once, a repartition topic and a changelog, reading a topic it
 * consumes and writing the topic it owns.
 */
class SecuredContextIT {
    private static final ScramLogin ADMIN = new ScramLogin("admin", "admin-secret");

    @Test
    void ordersRunsExactlyOnceWithItsInternalTopicsUnderItsOwnGrants(@TempDir Path state) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().secured(ADMIN).build().start();
             Admin admin = Admin.create(broker.clientConfig())) {
            new TopicProvisioner(admin).ensure(TopicCatalog.all());
            new ContextPrincipals(admin).create("orders", "orders-secret");
            new ContextPrincipals(admin).create("payments", "payments-secret");

            ContextSettings orders = ContextSettings.from("orders", Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "SCHEMA_REGISTRY_URL", "http://localhost:1", "STATE_DIR", state.toString(),
                    "ORDERS_KAFKA_SASL_PASSWORD", "orders-secret"));
            Properties props = StreamsSettings.forContext(orders);

            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(TopicCatalog.PAYMENTS_EVENTS, Consumed.with(Serdes.String(), Serdes.String()).withName("payments-source"))
                    .repartition(Repartitioned.with(Serdes.String(), Serdes.String()).withName("by-order"))
                    .groupByKey(Grouped.with("payments-by-order", Serdes.String(), Serdes.String()))
                    .count(Named.as("count-payments"), Materialized.as("payments-per-order"))
                    .toStream(Named.as("payment-counts"))
                    .mapValues(String::valueOf, Named.as("as-text"))
                    .to(TopicCatalog.ORDERS_EVENTS, Produced.with(Serdes.String(), Serdes.String()).withName("orders-sink"));

            try (StreamsRuntime runtime = new StreamsRuntime(builder.build(props), props).start();
                 var payments = new KafkaProducer<>(connection(broker, "payments", "payments-secret"),
                         new StringSerializer(), new StringSerializer())) {
                await().atMost(Duration.ofSeconds(60)).until(runtime::isReady);
                payments.send(new ProducerRecord<>(TopicCatalog.PAYMENTS_EVENTS, "order-1", "PaymentTaken")).get();
                payments.send(new ProducerRecord<>(TopicCatalog.PAYMENTS_EVENTS, "order-1", "PaymentRefunded")).get();

                assertThat(lastValue(broker, "order-1", "2")).isEqualTo("2");
                assertThat(admin.listTopics().names().get()).contains(
                        "musiccorp-orders-by-order-repartition", "musiccorp-orders-payments-per-order-changelog");
                assertThat(runtime.isReady()).isTrue();
            }
        }
    }

    /** Reads orders.events as orders itself (its group prefix), committed records only, until the key has this value. */
    private static String lastValue(EmbeddedKafkaBroker broker, String key, String expected) {
        Map<String, Object> config = connection(broker, "orders", "orders-secret");
        config.put("group.id", "musiccorp-orders-it-reader");
        config.put("auto.offset.reset", "earliest");
        config.put("isolation.level", "read_committed");
        String[] last = {null};
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TopicCatalog.ORDERS_EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) last[0] = r.value();
                });
                return expected.equals(last[0]);
            });
        }
        return last[0];
    }

    private static Map<String, Object> connection(EmbeddedKafkaBroker broker, String user, String password) {
        Map<String, Object> config = new HashMap<>(new ScramLogin(user, password).clientConfig());
        config.put("bootstrap.servers", broker.bootstrapServers());
        return config;
    }
}
