package com.musiccorp.platform.streams.rebuild;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The generation record in Kafka: a compacted one-partition topic {@code <application id prefix>-generations}
 * (under the prefix the context's principal owns), one key, the record as properties text. Read only
 * when the local file is missing, written on every reservation and switch.
 */
public final class GenerationTopic implements GenerationLog {
    private static final String KEY = "generation";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> connection;
    private final String topic;
    private final int replicationFactor;

    /** @param replicationFactor -1: the broker's default */
    public GenerationTopic(Map<String, Object> connection, String baseApplicationId, int replicationFactor) {
        this.connection = Map.copyOf(connection);
        this.topic = baseApplicationId + "-generations";
        this.replicationFactor = replicationFactor;
    }

    public String topic() {
        return topic;
    }

    @Override
    public Optional<Properties> latest() {
        if (!exists()) return Optional.empty();
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            if (end == 0) return Optional.empty();
            consumer.seekToBeginning(List.of(partition)); // compacted: the last record is the newest
            String last = null;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("could not read " + topic + " to its end");
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (KEY.equals(r.key()) && r.value() != null) last = r.value();
                }
            }
            return Optional.ofNullable(last).map(GenerationTopic::parse);
        }
    }

    @Override
    public void append(Properties record) {
        create();
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            await(producer.send(new ProducerRecord<>(topic, 0, KEY, format(record))), "write the generation record to");
        }
    }

    private boolean exists() {
        try (Admin admin = Admin.create(connection)) {
            await(admin.describeTopics(List.of(topic)).allTopicNames(), "look up");
            return true;
        } catch (Failed e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) return false;
            throw e;
        }
    }

    private void create() {
        NewTopic spec = new NewTopic(topic, Optional.of(1),
                replicationFactor > 0 ? Optional.of((short) replicationFactor) : Optional.empty())
                .configs(Map.of("cleanup.policy", "compact"));
        try (Admin admin = Admin.create(connection)) {
            await(admin.createTopics(List.of(spec)).all(), "create");
        } catch (Failed e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
    }

    /** A Kafka call that did not succeed; the cause is Kafka's own error. */
    private static final class Failed extends IllegalStateException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private <T> T await(Future<T> call, String what) {
        try {
            return call.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new Failed("could not " + what + " " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new Failed("could not " + what + " " + topic + " within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted: " + what + " " + topic, e);
        }
    }

    private static String format(Properties record) {
        StringWriter w = new StringWriter();
        try {
            record.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static Properties parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
