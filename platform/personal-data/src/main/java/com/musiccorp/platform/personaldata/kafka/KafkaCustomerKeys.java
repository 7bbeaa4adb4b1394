package com.musiccorp.platform.personaldata.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.personaldata.CustomerKey;
import com.musiccorp.platform.personaldata.CustomerKeys;
import com.musiccorp.platform.personaldata.KeyRing;
import com.musiccorp.platform.personaldata.KeyState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The customers' keys as the compacted topic {@code orders.customer-keys} holds them, read from its
 * start into a {@link KeyRing} and followed for as long as the process runs. Keyed by key id: a
 * record with a keyset makes a key; erasing a customer writes, under each of their key ids, a marker
 * without the keyset, so compaction removes the keyset from the log while every reader still learns
 * that the key was destroyed rather than not seen yet.
 *
 * <p>Only orders (the topic's owner) makes and destroys keys ({@code maker}); warehouse and
 * notifications read them to open what they hand to the carrier and the mailer.
 */
public final class KafkaCustomerKeys implements CustomerKeys, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCustomerKeys.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    private static final int STRIPES = 64;

    private final String topic;
    private final KeyRing ring;
    private final Clock clock;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final Thread follower;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Object[] stripes = new Object[STRIPES];
    private volatile boolean closing;

    private KafkaCustomerKeys(String topic, Map<String, Object> connection, boolean maker, Clock clock, String clientId) {
        this.topic = topic;
        this.clock = clock;
        this.ring = new KeyRing(clock);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        Map<String, Object> consumerConfig = new HashMap<>(connection);
        consumerConfig.put("client.id", clientId + "-customer-keys");
        consumerConfig.put("enable.auto.commit", false);
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
        if (maker) {
            Map<String, Object> producerConfig = new HashMap<>(connection);
            producerConfig.put("client.id", clientId + "-customer-keys-writer");
            producerConfig.put("acks", "all");
            producerConfig.put("enable.idempotence", true);
            producerConfig.put("linger.ms", 0);
            this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        } else {
            this.producer = null;
        }
        this.follower = new Thread(this::follow, clientId + "-customer-keys");
        this.follower.setDaemon(true);
    }

    /** A ring that makes and destroys keys: orders. */
    public static KafkaCustomerKeys maker(Map<String, Object> connection, String clientId) {
        return new KafkaCustomerKeys(TopicCatalog.CUSTOMER_KEYS, connection, true, Clock.systemUTC(), clientId).start();
    }

    /** A ring that only opens: the contexts that hand personal data to the outside world, and the CLI. */
    public static KafkaCustomerKeys reader(Map<String, Object> connection, String clientId) {
        return new KafkaCustomerKeys(TopicCatalog.CUSTOMER_KEYS, connection, false, Clock.systemUTC(), clientId).start();
    }

    private KafkaCustomerKeys start() {
        follower.start();
        return this;
    }

    /** Waits until every key written before this ring started is known: before it makes or destroys any. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CustomerKey keyFor(String customerId) {
        var known = ring.liveKeyOf(customerId);
        if (known.isPresent()) {
            return known.get();
        }
        requireMaker();
        synchronized (stripe(customerId)) {
            known = ring.liveKeyOf(customerId);
            if (known.isPresent()) {
                return known.get();
            }
            CustomerKey key = CustomerKey.generate(customerId);
            ObjectNode value = JSON.createObjectNode().put("customerId", customerId)
                    .put("keyset", Base64.getEncoder().encodeToString(key.keyset()))
                    .put("createdAt", clock.instant().toString());
            write(key.keyId(), value);
            ring.learn(key);
            // Another orders instance may have made one a moment earlier: every process takes the oldest.
            return ring.liveKeyOf(customerId).orElse(key);
        }
    }

    @Override
    public KeyState find(String keyId, Duration wait) {
        return ring.find(keyId, wait);
    }

    @Override
    public int erase(String customerId) {
        requireMaker();
        synchronized (stripe(customerId)) {
            List<String> live = ring.liveKeyIdsOf(customerId);
            Instant now = clock.instant();
            for (String keyId : live) {
                write(keyId, JSON.createObjectNode().put("customerId", customerId).put("erasedAt", now.toString()));
                ring.forget(keyId, customerId, now);
            }
            if (!live.isEmpty()) {
                log.info("Customer {}: {} key(s) destroyed; their personal data no longer opens", customerId, live.size());
            }
            return live.size();
        }
    }

    private void write(String keyId, ObjectNode value) {
        try {
            producer.send(new ProducerRecord<>(topic, keyId, value.toString()))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing key " + keyId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the key topic did not take key " + keyId + ": " + e.getMessage(), e);
        }
    }

    private void follow() {
        TopicPartition partition = new TopicPartition(topic, 0);
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).getOrDefault(partition, 0L);
            while (!closing) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && consumer.position(partition) >= end) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Stopped following {}: {}", topic, e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.key() == null) {
            return;
        }
        try {
            JsonNode value = JSON.readTree(record.value());
            String customerId = value.path("customerId").asText(null);
            if (customerId == null) {
                throw new IllegalArgumentException("no customerId");
            }
            if (value.hasNonNull("erasedAt")) {
                ring.forget(record.key(), customerId, Instant.parse(value.get("erasedAt").asText()));
            } else {
                ring.learn(CustomerKey.of(record.key(), customerId, Base64.getDecoder().decode(value.path("keyset").asText())));
            }
        } catch (Exception e) {
            log.warn("{} offset {}: not a key record, skipped: {}", topic, record.offset(), e.getMessage());
        }
    }

    private void requireMaker() {
        if (producer == null) {
            throw new IllegalStateException("only orders makes and destroys customer keys");
        }
    }

    private Object stripe(String customerId) {
        return stripes[Math.floorMod(customerId.hashCode(), STRIPES)];
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            follower.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
