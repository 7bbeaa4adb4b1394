package com.musiccorp.orders.stream;

import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.EventHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes the events a command decides (today: {@code OrderPlaced}) to {@code orders.events},
 * keyed by order id, stamped with the event's own time and carrying the saga's headers, and
 * returns only once the broker has acknowledged them: a 202 means the order is durably placed.
 *
 * <p>Idempotent with {@code acks=all}, so the producer's own retries never duplicate a record.
 */
public final class OrderEventPublisher implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, SpecificRecord> producer;

    public OrderEventPublisher(String bootstrapServers, Serializer<SpecificRecord> events) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "orders-http");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0); // a person is waiting for the answer
        this.producer = new KafkaProducer<>(config, new StringSerializer(), events);
    }

    /**
     * Writes the event and waits for the broker's acknowledgement.
     *
     * @throws PublishFailed when the broker did not acknowledge in time; the command may be retried
     */
    public void publish(String orderId, SpecificRecord event) {
        long eventTime = EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli();
        ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(TopicCatalog.ORDERS_EVENTS, null,
                eventTime, orderId, event, EventHeaders.of(event));
        try {
            producer.send(record).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) { // e.g. the schema registry could not be reached to serialize
            throw new PublishFailed("could not write " + event.getSchema().getName() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PublishFailed("the broker did not acknowledge " + event.getSchema().getName() + ": " + cause, cause);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** The event may or may not have been written; retrying the same command is safe with an idempotency key. */
    public static final class PublishFailed extends RuntimeException {
        public PublishFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
