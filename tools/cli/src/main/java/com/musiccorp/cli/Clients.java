package com.musiccorp.cli;

import com.musiccorp.platform.kafka.ScramLogin;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * The Kafka clients the tool uses, configured for a person at a terminal: fail fast, never
 * auto-create. On a secured broker each logs in as {@code KAFKA_SASL_USERNAME} with
 * {@code KAFKA_SASL_PASSWORD} (SASL/SCRAM; e.g. the admin with {@code KAFKA_ADMIN_PASSWORD}).
 */
final class Clients {
    private Clients() {
    }

    static Admin admin(String bootstrapServers) {
        Map<String, Object> config = connection(bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(config);
    }

    /** {@code bootstrap.servers}, and the login from the environment when there is one. */
    static Map<String, Object> connection(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        ScramLogin.fromEnvironment(System.getenv()).ifPresent(login -> config.putAll(login.clientConfig()));
        return config;
    }

    /** No group: reading by hand must not commit offsets or join anything the services use. */
    static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Map<String, Object> config = connection(bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // what the services see
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A transactional producer: a command's records become visible together or not at all, so a
     * failure half way through never leaves part of a batch on the topics.
     */
    static <K, V> KafkaProducer<K, V> transactionalProducer(String bootstrapServers, Serializer<K> keys,
                                                           Serializer<V> values) {
        Map<String, Object> config = connection(bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "musiccorp-cli-" + UUID.randomUUID());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        KafkaProducer<K, V> producer = new KafkaProducer<>(config, keys, values);
        producer.initTransactions();
        return producer;
    }

    /** Partitions per topic, or a user-facing error naming the topics the cluster does not have. */
    static Map<String, TopicDescription> describe(Admin admin, Collection<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw CliException.invalid("the cluster has no such topic among " + topics
                        + " (see `topics` for what exists)");
            }
            throw CliException.failed("cannot describe topics " + topics + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
    }
}
