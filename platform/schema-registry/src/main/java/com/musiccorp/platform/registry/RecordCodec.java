package com.musiccorp.platform.registry;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.platform.registry.LogRecord.ConfigKey;
import com.musiccorp.platform.registry.LogRecord.ConfigValue;
import com.musiccorp.platform.registry.LogRecord.Key;
import com.musiccorp.platform.registry.LogRecord.MaxIdKey;
import com.musiccorp.platform.registry.LogRecord.MaxIdValue;
import com.musiccorp.platform.registry.LogRecord.ModeKey;
import com.musiccorp.platform.registry.LogRecord.ModeValue;
import com.musiccorp.platform.registry.LogRecord.SchemaKey;
import com.musiccorp.platform.registry.LogRecord.SchemaValue;
import com.musiccorp.platform.registry.LogRecord.Value;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Bytes of the {@code _schemas} topic, in Confluent's own JSON layout:
 * key {@code {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}}, value
 * {@code {"subject":"s","version":1,"id":7,"schema":"...","deleted":false}};
 * {@code CONFIG} and {@code MODE} keys with a {@code null} subject for the global entry. {@code MAX_ID}
 * is this registry's own addition.
 *
 * <p>Compaction compares key <em>bytes</em>, so keys are written by hand in one fixed field order:
 * the same logical key must always give the same bytes.
 */
final class RecordCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordCodec() {
    }

    static byte[] key(Key key) {
        String json = switch (key) {
            case SchemaKey k -> "{\"keytype\":\"SCHEMA\",\"subject\":" + quote(k.subject()) + ",\"version\":" + k.version()
                    + ",\"magic\":1}";
            case ConfigKey k -> "{\"keytype\":\"CONFIG\",\"subject\":" + quote(k.subject()) + ",\"magic\":0}";
            case ModeKey k -> "{\"keytype\":\"MODE\",\"subject\":" + quote(k.subject()) + ",\"magic\":0}";
            case MaxIdKey k -> "{\"keytype\":\"MAX_ID\",\"magic\":0}";
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(Value value) {
        if (value == null) return null;
        ObjectNode node = JSON.createObjectNode();
        switch (value) {
            case SchemaValue v -> {
                node.put("subject", v.subject()).put("version", v.version()).put("id", v.id());
                if (v.schemaType() != null && !AvroSchemas.AVRO.equals(v.schemaType())) node.put("schemaType", v.schemaType());
                node.put("schema", v.schema()).put("deleted", v.deleted());
            }
            case ConfigValue v -> node.put("compatibilityLevel", v.compatibilityLevel());
            case ModeValue v -> node.put("mode", v.mode());
            case MaxIdValue v -> node.put("maxId", v.maxId());
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes a record; {@code null} for key types this registry does not know (e.g. Confluent's NOOP). */
    static LogRecord decode(byte[] keyBytes, byte[] valueBytes) throws IOException {
        JsonNode k = JSON.readTree(keyBytes);
        JsonNode v = valueBytes == null ? null : JSON.readTree(valueBytes);
        String subject = k.path("subject").isTextual() ? k.get("subject").asText() : null;
        return switch (k.path("keytype").asText()) {
            case "SCHEMA" -> {
                SchemaKey key = new SchemaKey(required(subject, "subject"), k.path("version").asInt());
                yield new LogRecord(key, v == null ? null : new SchemaValue(key.subject(), key.version(),
                        v.path("id").asInt(), v.path("schemaType").asText(AvroSchemas.AVRO),
                        v.path("schema").asText(), v.path("deleted").asBoolean(false)));
            }
            case "CONFIG" -> new LogRecord(new ConfigKey(subject),
                    v == null ? null : new ConfigValue(v.path("compatibilityLevel").asText()));
            case "MODE" -> new LogRecord(new ModeKey(subject), v == null ? null : new ModeValue(v.path("mode").asText()));
            case "MAX_ID" -> new LogRecord(new MaxIdKey(), v == null ? null : new MaxIdValue(v.path("maxId").asInt()));
            default -> null;
        };
    }

    private static String quote(String s) {
        if (s == null) return "null";
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    private static String required(String s, String field) throws IOException {
        if (s == null) throw new IOException("key without " + field);
        return s;
    }
}
