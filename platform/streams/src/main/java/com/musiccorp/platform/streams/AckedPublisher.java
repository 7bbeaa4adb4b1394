package com.musiccorp.platform.streams;

import com.musiccorp.platform.streams.trace.RequestSpan;
import com.musiccorp.platform.streams.trace.TraceContext;
import com.musiccorp.platform.streams.trace.TraceHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes what an HTTP request decided (an event, or a command for the context's own topology) and
 * returns only once the broker has acknowledged it, so a 2xx answer means the write is durable.
 *
 * <p>Idempotent with {@code acks=all}, so the producer's own retries never duplicate a record; no
 * linger, because a person is waiting for the answer.
 */
public final class AckedPublisher<V> implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, V> producer;

    public AckedPublisher(String bootstrapServers, String clientId, Serializer<V> values) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), clientId, values);
    }

    /** @param connection bootstrap servers and, on a secured cluster, the context's login ({@link ContextSettings#kafkaConnection}) */
    public AckedPublisher(Map<String, Object> connection, String clientId, Serializer<V> values) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), values);
    }

    /** An event as every context writes it: stamped with its own time and carrying the saga's headers. */
    public static ProducerRecord<String, SpecificRecord> eventRecord(String topic, String key, SpecificRecord event) {
        long eventTime = EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli();
        return new ProducerRecord<>(topic, null, eventTime, key, event, EventHeaders.of(event));
    }

    /** A record with the given time and headers (e.g. a command carrying the request's correlation id). */
    public static <V> ProducerRecord<String, V> record(String topic, String key, V value, long timestamp, Headers headers) {
        return new ProducerRecord<>(topic, null, timestamp, key, value, headers);
    }

    /**
     * Writes the record and waits for the broker's acknowledgement.
     *
     * @return where it was written: the position a read-your-writes query can wait for
     *
     * @throws PublishFailed when it was not acknowledged in time; it may or may not have been written,
     *                       so the request may be retried only if retrying it is idempotent
     */
    public RecordMetadata publish(ProducerRecord<String, V> record) {
        // Written for an HTTP request: the record carries the request's span, so every step that reacts continues its trace.
        TraceContext requestSpan = RequestSpan.forPublishing();
        if (requestSpan != null && record.headers().lastHeader(TraceContext.TRACEPARENT) == null) {
            TraceHeaders.write(record.headers(), requestSpan);
        }
        String what = record.value() instanceof SpecificRecord event ? event.getSchema().getName() : "to " + record.topic();
        try {
            return producer.send(record).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) { // e.g. the schema registry could not be reached to serialize
            throw new PublishFailed("could not write " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PublishFailed("the broker did not acknowledge " + what + ": " + cause, cause);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** The record may or may not have been written. */
    public static final class PublishFailed extends RuntimeException {
        public PublishFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
