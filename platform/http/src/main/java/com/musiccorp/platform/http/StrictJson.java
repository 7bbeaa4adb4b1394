package com.musiccorp.platform.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON request body into a record without type coercion: {@code "quantity": 1.5},
 * {@code "quantity": true} or {@code "quantity": "1"} are refused, naming the field, where the
 * serializer alone would store 1. Every field whose JSON type does not match the record's is
 * reported at once ({@code lines[3].quantity}); a missing or null field is left for the domain's
 * validator to judge. Fields the record does not have are ignored, as before; a key given twice and
 * content after the JSON value are refused.
 */
public final class StrictJson {

    /** One field whose JSON type is wrong. */
    public record WrongType(String field, String message) {
    }

    /** The body is not JSON, or not an object, or some fields have the wrong JSON type. */
    public static final class Refused extends Exception {
        private final List<WrongType> wrongTypes;

        Refused(String message, List<WrongType> wrongTypes) {
            super(message, null, false, false);
            this.wrongTypes = List.copyOf(wrongTypes);
        }

        /** Each field at fault; empty when the body was not readable JSON at all. */
        public List<WrongType> wrongTypes() {
            return wrongTypes;
        }
    }

    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final ObjectMapper json;

    public StrictJson(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The body's bytes as {@code type}; null for an empty body. Bytes that are not UTF-8 are refused:
     * read as a string they would become U+FFFD and pass as text.
     */
    public <T extends Record> T read(byte[] body, Class<T> type) throws Refused {
        if (body == null || body.length == 0) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused("the body is not valid UTF-8, as JSON text must be", List.of());
        }
        return read(text, type);
    }

    /** The body as {@code type}; null for an empty body. */
    public <T extends Record> T read(String body, Class<T> type) throws Refused {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode tree;
        try {
            requireOneValue(body);
            tree = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new Refused("the body is not JSON: " + firstLine(e.getMessage()), List.of());
        }
        if (tree == null || !tree.isObject()) {
            throw new Refused("the body must be a JSON object", List.of());
        }
        List<WrongType> wrong = new ArrayList<>();
        checkRecord(tree, type, "", wrong);
        if (!wrong.isEmpty()) {
            throw new Refused("the body was refused: " + wrong.size() + " field(s) of the wrong JSON type", wrong);
        }
        try {
            return json.readValue(body, type);
        } catch (IOException | RuntimeException e) {
            throw new Refused("the body could not be read: " + firstLine(e.getMessage()), List.of());
        }
    }

    /** Refuses trailing content after the first value, and a key given twice in one object. */
    private static void requireOneValue(String body) throws IOException {
        try (JsonParser parser = JSON_FACTORY.createParser(body)) {
            parser.nextToken();
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IOException("unexpected content after the JSON value at column "
                        + parser.currentLocation().getColumnNr());
            }
        }
    }

    private static void checkRecord(JsonNode object, Class<?> type, String prefix, List<WrongType> wrong) {
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode value = object.get(component.getName());
            if (value != null && !value.isNull()) {
                check(value, component.getGenericType(), prefix + component.getName(), wrong);
            }
        }
    }

    private static void check(JsonNode value, Type type, String field, List<WrongType> wrong) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            if (!value.isArray()) {
                wrong.add(new WrongType(field, "must be a JSON array"));
                return;
            }
            Type item = list.getActualTypeArguments()[0];
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (element != null && !element.isNull()) {
                    check(element, item, field + "[" + i + "]", wrong);
                }
            }
            return;
        }
        if (type instanceof ParameterizedType map && map.getRawType() == Map.class) {
            if (!value.isObject()) {
                wrong.add(new WrongType(field, "must be a JSON object"));
            }
            return;
        }
        if (!(type instanceof Class<?> cls)) {
            return;
        }
        if (cls == String.class) {
            expect(value.isString(), field, "must be a JSON string", wrong);
        } else if (cls == Integer.class || cls == int.class) {
            wholeNumber(value, field, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE), wrong);
        } else if (cls == Long.class || cls == long.class) {
            wholeNumber(value, field, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE), wrong);
        } else if (cls == Boolean.class || cls == boolean.class) {
            expect(value.isBoolean(), field, "must be true or false", wrong);
        } else if (cls.isRecord()) {
            if (value.isObject()) {
                checkRecord(value, cls, field + ".", wrong);
            } else {
                wrong.add(new WrongType(field, "must be a JSON object"));
            }
        }
    }

    private static void wholeNumber(JsonNode value, String field, BigInteger min, BigInteger max, List<WrongType> wrong) {
        if (!value.isNumber()) {
            wrong.add(new WrongType(field, "must be a whole number"));
            return;
        }
        BigDecimal number = value.getBigDecimalValue();
        if (number.stripTrailingZeros().scale() > 0 || !(value.getNumberValue() instanceof Integer
                || value.getNumberValue() instanceof Long || value.getNumberValue() instanceof BigInteger)) {
            wrong.add(new WrongType(field, "must be a whole number"));
        } else if (number.toBigInteger().compareTo(min) < 0 || number.toBigInteger().compareTo(max) > 0) {
            wrong.add(new WrongType(field, "must be between " + min + " and " + max));
        }
    }

    private static void expect(boolean ok, String field, String message, List<WrongType> wrong) {
        if (!ok) {
            wrong.add(new WrongType(field, message));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
