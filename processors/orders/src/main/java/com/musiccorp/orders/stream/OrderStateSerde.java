package com.musiccorp.orders.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.musiccorp.orders.domain.Order;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * {@code orders-store}'s value format: the domain's {@link Order} record as JSON.
 *
 * <p>Why the state and not the order's events: {@code Order} is plain values (records, enums,
 * {@code Instant}, {@code UUID}), so JSON carries it exactly, a step reads and writes one value,
 * and the changelog needs no schema registry. Keeping the event list instead would mean mixing
 * Avro types in one value and re-folding the whole history on every event.
 *
 * <p>A change to {@code Order}'s shape is a change to this stored format: add fields as optional,
 * or rebuild the store (reset the application and replay the event topics).
 */
final class OrderStateSerde implements Serde<Order> {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // Order.isPlaced() and the like are derived from the state, not part of it.
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            // ISO-8601 text keeps an Instant's nanoseconds and reads well in a changelog dump.
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    @Override
    public Serializer<Order> serializer() {
        return (topic, order) -> {
            if (order == null) {
                return null;
            }
            try {
                return JSON.writeValueAsBytes(order);
            } catch (JsonProcessingException e) {
                throw new SerializationException("cannot write order " + order.orderId() + " as JSON", e);
            }
        };
    }

    @Override
    public Deserializer<Order> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return JSON.readValue(bytes, Order.class);
            } catch (IOException e) {
                throw new SerializationException("cannot read an order from the store's JSON", e);
            }
        };
    }
}
