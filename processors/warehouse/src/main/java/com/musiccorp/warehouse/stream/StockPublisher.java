package com.musiccorp.warehouse.stream;

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
 * Writes an operator's StockReceived / StockAdjusted to {@code warehouse.stock}, keyed by SKU,
 * stamped with the event's own time and the saga headers, and returns once the broker acknowledged.
 */
public final class StockPublisher implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, SpecificRecord> producer;

    public StockPublisher(String bootstrapServers, Serializer<SpecificRecord> events) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "warehouse-http");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), events);
    }

    /** @throws PublishFailed when the broker did not acknowledge in time; retrying with the same id is safe */
    public void publish(String sku, SpecificRecord event) {
        long eventTime = EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli();
        ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(TopicCatalog.WAREHOUSE_STOCK, null,
                eventTime, sku, event, EventHeaders.of(event));
        try {
            producer.send(record).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            throw new PublishFailed("could not write " + event.getSchema().getName() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PublishFailed("the broker did not acknowledge " + event.getSchema().getName() + ": " + cause,
                    cause);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    public static final class PublishFailed extends RuntimeException {
        public PublishFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
