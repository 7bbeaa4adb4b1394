package com.musiccorp.platform.avro;

import com.musiccorp.platform.avro.testevents.OrderPlaced;
import com.musiccorp.platform.avro.testevents.TrackPurchased;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Producer and consumer configured only by property names, exactly as a Confluent user would
 * (class names plus schema.registry.url and friends), through the real embedded broker.
 */
class KafkaRoundTripTest {
    @RegisterExtension @Order(1)
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false); // the registry creates its own topic
    @RegisterExtension @Order(2)
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension(kafka);

    private static final String TOPIC = "avro-serde-round-trip";

    @Test
    void mixedEventTypesAndATombstoneOnOneTopic() throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        List<SpecificRecord> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(TestEvents.purchase(i, i % 2 == 0 ? "web" : "app"));
            sent.add(AvroSerdeBenchmark.sampleEvent());
        }
        sent.add(null); // tombstone

        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", kafka.bootstrapServers());
        producerProps.put("key.serializer", StringSerializer.class.getName());
        producerProps.put("value.serializer", AvroSerializer.class.getName());
        producerProps.put("schema.registry.url", registry.url());
        producerProps.put("acks", "all");
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerProps)) {
            for (int i = 0; i < sent.size(); i++) producer.send(new ProducerRecord<>(TOPIC, "key-" + i, sent.get(i)));
            producer.flush();
        }

        Properties consumerProps = new Properties();
        consumerProps.put("bootstrap.servers", kafka.bootstrapServers());
        consumerProps.put("group.id", "avro-serde-round-trip");
        consumerProps.put("auto.offset.reset", "earliest");
        consumerProps.put("key.deserializer", StringDeserializer.class.getName());
        consumerProps.put("value.deserializer", AvroDeserializer.class.getName());
        consumerProps.put("schema.registry.url", registry.url());
        consumerProps.put("specific.avro.reader", "true");
        List<Object> received = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(200))) received.add(r.value());
                return received.size() >= sent.size();
            });
        }

        assertThat(received).containsExactlyElementsOf(sent);
        assertThat(received.get(0)).isInstanceOf(TrackPurchased.class);
        assertThat(received.get(1)).isInstanceOf(OrderPlaced.class);
        try (HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url())) {
            assertThat(client.listSubjects()).contains(
                    TrackPurchased.getClassSchema().getFullName(), OrderPlaced.getClassSchema().getFullName());
        }
    }
}
