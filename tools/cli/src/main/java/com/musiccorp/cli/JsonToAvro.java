package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Converts plain JSON into a GenericRecord of a schema, the friendly way: unions take the bare
 * value (Avro's {"string": "x"} wrapper is accepted too), timestamps are ISO-8601 strings or
 * epoch numbers, uuids are strings, enums are their symbol names, absent fields take the schema's
 * default. Every problem is collected with its field path, so one run reports all of them.
 */
final class JsonToAvro {
    /** One reason the input does not fit the schema, e.g. {@code lines[0].quantity: expected int, got "two"}. */
    record Violation(String path, String message) {
        @Override
        public String toString() {
            return (path.isEmpty() ? "(the event)" : path) + ": " + message;
        }
    }

    private final List<Violation> violations = new ArrayList<>();

    private JsonToAvro() {
    }

    /** The record, or the violations (non-empty) when the JSON does not fit. */
    record Result(GenericRecord record, List<Violation> violations) {
        boolean valid() {
            return violations.isEmpty();
        }
    }

    static Result convert(JsonNode json, Schema schema) {
        JsonToAvro converter = new JsonToAvro();
        Object value = converter.value("", json, schema);
        return converter.violations.isEmpty()
                ? new Result((GenericRecord) value, List.of())
                : new Result(null, List.copyOf(converter.violations));
    }

    private Object value(String path, JsonNode node, Schema schema) {
        if (schema.getType() == Schema.Type.UNION) return union(path, node, schema);
        if (node == null || node.isNull()) {
            if (schema.getType() == Schema.Type.NULL) return null;
            return fail(path, node, schema);
        }
        LogicalType logical = schema.getLogicalType();
        if (logical != null) return logical(path, node, schema, logical.getName());
        return switch (schema.getType()) {
            case RECORD -> record(path, node, schema);
            case ENUM -> node.isTextual() && schema.getEnumSymbols().contains(node.asText())
                    ? new GenericData.EnumSymbol(schema, node.asText()) : fail(path, node, schema);
            case ARRAY -> array(path, node, schema);
            case MAP -> map(path, node, schema);
            case STRING -> node.isTextual() ? node.asText() : fail(path, node, schema);
            case BOOLEAN -> node.isBoolean() ? node.asBoolean() : fail(path, node, schema);
            case INT -> node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : fail(path, node, schema);
            case LONG -> node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : fail(path, node, schema);
            case FLOAT -> node.isNumber() ? node.floatValue() : fail(path, node, schema);
            case DOUBLE -> node.isNumber() ? node.doubleValue() : fail(path, node, schema);
            // Avro's JSON encoding: one char per byte (ISO-8859-1).
            case BYTES -> node.isTextual() ? ByteBuffer.wrap(node.asText().getBytes(StandardCharsets.ISO_8859_1))
                    : fail(path, node, schema);
            case FIXED -> node.isTextual() && node.asText().length() == schema.getFixedSize()
                    ? new GenericData.Fixed(schema, node.asText().getBytes(StandardCharsets.ISO_8859_1))
                    : fail(path, node, schema);
            case NULL -> fail(path, node, schema);
            case UNION -> throw new IllegalStateException("handled above");
        };
    }

    private Object record(String path, JsonNode node, Schema schema) {
        if (!node.isObject()) return fail(path, node, schema);
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            JsonNode fieldNode = node.get(field.name());
            if (fieldNode != null) {
                record.put(field.pos(), value(fieldPath, fieldNode, field.schema()));
            } else if (field.hasDefaultValue()) {
                record.put(field.pos(), GenericData.get().getDefaultValue(field));
            } else {
                violations.add(new Violation(fieldPath, "missing, expected " + describe(field.schema())));
            }
        }
        // A misspelt field would otherwise be dropped silently and its default published instead.
        Set<String> known = schema.getFields().stream().map(Schema.Field::name).collect(Collectors.toSet());
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                violations.add(new Violation(path.isEmpty() ? name : path + "." + name,
                        "unknown field; " + schema.getName() + " has " + new TreeSet<>(known)));
            }
        }
        return record;
    }

    private Object array(String path, JsonNode node, Schema schema) {
        if (!node.isArray()) return fail(path, node, schema);
        List<Object> items = new GenericData.Array<>(node.size(), schema);
        for (int i = 0; i < node.size(); i++) {
            items.add(value(path + "[" + i + "]", node.get(i), schema.getElementType()));
        }
        return items;
    }

    private Object map(String path, JsonNode node, Schema schema) {
        if (!node.isObject()) return fail(path, node, schema);
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e ->
                map.put(e.getKey(), value(path + "." + e.getKey(), e.getValue(), schema.getValueType())));
        return map;
    }

    /** The first branch the bare value fits; then Avro's own wrapper form {"type": value}. */
    private Object union(String path, JsonNode node, Schema schema) {
        List<Schema> branches = schema.getTypes();
        if (node == null || node.isNull()) {
            if (branches.stream().anyMatch(b -> b.getType() == Schema.Type.NULL)) return null;
            return fail(path, node, schema);
        }
        List<Schema> nonNull = branches.stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
        for (Schema branch : nonNull) {
            JsonToAvro trial = new JsonToAvro();
            Object value = trial.value(path, node, branch);
            if (trial.violations.isEmpty()) return value;
        }
        if (node.isObject() && node.size() == 1) {
            String name = node.fieldNames().next();
            for (Schema branch : nonNull) {
                if (name.equals(branch.getFullName()) || name.equals(branch.getName())) {
                    return value(path, node.get(name), branch);
                }
            }
        }
        // The common ["null", X]: X's own problems say more than "none of the branches fit".
        if (nonNull.size() == 1) return value(path, node, nonNull.getFirst());
        return fail(path, node, schema);
    }

    private Object logical(String path, JsonNode node, Schema schema, String logicalType) {
        return switch (logicalType) {
            case "timestamp-millis", "local-timestamp-millis" -> instant(path, node, schema, 1);
            case "timestamp-micros", "local-timestamp-micros" -> instant(path, node, schema, 1_000);
            case "uuid" -> uuid(path, node, schema);
            case "date" -> date(path, node, schema);
            default -> value(path, node, withoutLogicalType(schema));
        };
    }

    /** Epoch number as given, or an ISO-8601 instant/offset date-time scaled to the unit (1 = millis). */
    private Object instant(String path, JsonNode node, Schema schema, long perMilli) {
        if (node.isIntegralNumber() && node.canConvertToLong()) return node.longValue();
        if (node.isTextual()) {
            String text = node.asText().trim();
            try {
                Instant instant = text.matches("-?\\d+") ? null : parseInstant(text);
                if (instant == null) return Long.parseLong(text);
                return perMilli == 1 ? instant.toEpochMilli()
                        : Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException ignored) {
                // reported below
            }
        }
        return fail(path, node, schema);
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    private Object uuid(String path, JsonNode node, Schema schema) {
        if (node.isTextual()) {
            try {
                UUID uuid = UUID.fromString(node.asText());
                // UUID.fromString accepts short forms like "1-2-3-4-5"; insist on the canonical one.
                if (uuid.toString().equalsIgnoreCase(node.asText())) return uuid.toString();
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
        }
        return fail(path, node, schema);
    }

    private Object date(String path, JsonNode node, Schema schema) {
        if (node.isIntegralNumber() && node.canConvertToInt()) return node.intValue();
        if (node.isTextual()) {
            try {
                return (int) LocalDate.parse(node.asText()).toEpochDay();
            } catch (DateTimeParseException ignored) {
                // reported below
            }
        }
        return fail(path, node, schema);
    }

    private Object fail(String path, JsonNode node, Schema schema) {
        violations.add(new Violation(path, "expected " + describe(schema) + ", got " + Json.shown(node)));
        return null;
    }

    private static Schema withoutLogicalType(Schema schema) {
        return schema.getType() == Schema.Type.FIXED ? schema : Schema.create(schema.getType());
    }

    /** The schema's expectation in a user's words. */
    static String describe(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            return switch (logical.getName()) {
                case "timestamp-millis", "timestamp-micros", "local-timestamp-millis", "local-timestamp-micros" ->
                        logical.getName() + " (ISO-8601 like \"2026-11-23T10:15:30Z\", or epoch number)";
                case "uuid" -> "uuid (a string like \"123e4567-e89b-12d3-a456-426614174000\")";
                case "date" -> "date (\"2026-11-23\", or days since epoch)";
                default -> logical.getName() + " " + schema.getType().getName();
            };
        }
        return switch (schema.getType()) {
            case RECORD -> "object " + schema.getName();
            case ENUM -> "one of " + schema.getEnumSymbols();
            case ARRAY -> "array of " + describe(schema.getElementType());
            case MAP -> "object of " + describe(schema.getValueType());
            case UNION -> schema.getTypes().stream().map(JsonToAvro::describe).collect(Collectors.joining(" or "));
            case FIXED -> schema.getFixedSize() + "-byte string";
            default -> schema.getType().getName();
        };
    }
}
