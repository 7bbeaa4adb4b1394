package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.platform.avro.AvroDeserializer;
import com.musiccorp.platform.avro.HttpSchemaRegistryClient;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.JsonSerde;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns any record into one JSON object (topic, partition, offset, key, timestamp, headers, value):
 * Confluent-framed Avro decoded with the writer's schema from the registry, JSON (the command
 * topics) as it is, a context's state in JSON, Smile or a known compact layout ({@link CompactStates}), anything else as an {"error": ...} value with a preview of the bytes.
 */
final class RecordDecoder implements AutoCloseable {
    private final HttpSchemaRegistryClient registry;
    private final AvroDeserializer<Object> avro;

    RecordDecoder(Options.Registry options) {
        registry = options.client();
        avro = new AvroDeserializer<>(registry, options.serdeConfig(), false);
    }

    /** A decoded record and the saga identity the filters look at. */
    record Decoded(ObjectNode json, String eventType, String correlationId) {
    }

    Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode json = Json.object()
                .put("topic", record.topic()).put("partition", record.partition()).put("offset", record.offset())
                .put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8))
                .put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        Value value = value(record.topic(), record.value());
        String eventType = EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE);
        if (eventType == null) eventType = value.type();
        json.put("type", eventType);
        ObjectNode headers = json.putObject("headers");
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        json.set("value", value.json());
        JsonNode metadata = value.json().path("metadata");
        String correlationId = EventHeaders.text(record.headers(), EventHeaders.CORRELATION_ID);
        if (correlationId == null && metadata.has("correlationId")) correlationId = metadata.path("correlationId").asText();
        return new Decoded(json, eventType, correlationId);
    }

    /** The value as JSON, and the Avro record's type name when it is one. */
    record Value(JsonNode json, String type) {
    }

    Value value(String topic, byte[] bytes) {
        if (bytes == null) return new Value(Json.MAPPER.nullNode(), null);
        if (bytes.length >= 5 && bytes[0] == 0) {
            try {
                Object decoded = avro.deserialize(topic, bytes);
                if (decoded instanceof GenericContainer container) {
                    return new Value(AvroToJson.toJson(decoded, container.getSchema()), container.getSchema().getName());
                }
                return new Value(Json.MAPPER.valueToTree(decoded), null);
            } catch (RuntimeException e) {
                return new Value(undecodable(bytes, e.getMessage()), null);
            }
        }
        try {
            Optional<JsonNode> compact = CompactStates.toJson(topic, bytes);
            if (compact.isPresent()) return new Value(compact.get(), null);
        } catch (RuntimeException e) {
            return new Value(undecodable(bytes, e.getMessage()), null);
        }
        try {
            return new Value(JsonSerde.readTree(bytes), null); // a context's state: JSON or Smile
        } catch (IOException e) {
            return new Value(undecodable(bytes, "neither Confluent-framed Avro (magic byte 0) nor JSON or Smile"), null);
        }
    }

    private static JsonNode undecodable(byte[] bytes, String error) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean printable = text.chars().allMatch(c -> c >= 0x20 && c != 0xFFFD || c == '\n' || c == '\t');
        ObjectNode node = Json.object().put("error", error).put("size", bytes.length);
        if (printable) node.put("text", text.length() > 200 ? text.substring(0, 200) + "..." : text);
        else node.put("base64", Base64.getEncoder().encodeToString(bytes));
        return node;
    }

    @Override
    public void close() {
        avro.close();
        registry.close();
    }
}
