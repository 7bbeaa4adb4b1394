package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * Renders a decoded Avro value as the same plain JSON {@code publish} accepts: unions unwrapped,
 * timestamps as ISO-8601 instants, enums as names. So what {@code tail} prints can be edited and
 * published again.
 */
final class AvroToJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroToJson() {
    }

    static JsonNode toJson(Object value, Schema schema) {
        if (value == null) return NODES.nullNode();
        if (schema.getType() == Schema.Type.UNION) {
            return toJson(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
        }
        String logical = schema.getLogicalType() == null ? "" : schema.getLogicalType().getName();
        switch (logical) {
            case "timestamp-millis":
                if (value instanceof Long millis) return NODES.textNode(Instant.ofEpochMilli(millis).toString());
                break;
            case "timestamp-micros":
                if (value instanceof Long micros) {
                    return NODES.textNode(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            Math.floorMod(micros, 1_000_000L) * 1_000L).toString());
                }
                break;
            case "date":
                if (value instanceof Integer days) return NODES.textNode(LocalDate.ofEpochDay(days).toString());
                break;
            default:
                break;
        }
        return switch (schema.getType()) {
            case RECORD -> {
                ObjectNode object = NODES.objectNode();
                IndexedRecord record = (IndexedRecord) value;
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
                }
                yield object;
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (Collection<?>) value) array.add(toJson(item, schema.getElementType()));
                yield array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> object.set(k.toString(), toJson(v, schema.getValueType())));
                yield object;
            }
            case INT -> NODES.numberNode(((Number) value).intValue());
            case LONG -> NODES.numberNode(((Number) value).longValue());
            case FLOAT -> NODES.numberNode(((Number) value).floatValue());
            case DOUBLE -> NODES.numberNode(((Number) value).doubleValue());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                yield NODES.textNode(new String(bytes, StandardCharsets.ISO_8859_1));
            }
            case FIXED -> NODES.textNode(new String(((GenericFixed) value).bytes(), StandardCharsets.ISO_8859_1));
            default -> NODES.textNode(value.toString()); // STRING, ENUM, and logical types read as objects
        };
    }
}
