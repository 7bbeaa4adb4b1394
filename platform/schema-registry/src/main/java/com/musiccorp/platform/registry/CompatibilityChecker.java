package com.musiccorp.platform.registry;

import jakarta.inject.Singleton;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a candidate schema may follow a subject's history under a compatibility level,
 * with Avro's own rules, and explains a refusal the way Confluent does.
 *
 * <p>The verdict comes from Avro's {@link SchemaValidatorBuilder}: BACKWARD is {@code canReadStrategy}
 * (the new schema reads old data), FORWARD is {@code canBeReadStrategy}, FULL is
 * {@code mutualReadStrategy}; {@code validateAll()} for the transitive levels. Its
 * {@code validateLatest()} checks only the <em>first</em> schema of the iterable, so the history is
 * always passed newest first. The messages come from {@link SchemaCompatibility}.
 */
@Singleton
final class CompatibilityChecker {

    /** One earlier version the candidate is checked against. */
    record Previous(int version, Schema schema, String text) {
    }

    /**
     * @param history the subject's live versions, oldest first
     * @return an empty list when compatible, otherwise Confluent-style messages
     */
    List<String> check(CompatibilityLevel level, Schema candidate, List<Previous> history) {
        if (level == CompatibilityLevel.NONE || history.isEmpty()) return List.of();
        List<Previous> newestFirst = new ArrayList<>(history).reversed();
        List<Schema> schemas = newestFirst.stream().map(Previous::schema).toList();
        try {
            validator(level).validate(candidate, schemas);
            return List.of();
        } catch (SchemaValidationException e) {
            return explain(level, candidate, level.transitive() ? newestFirst : newestFirst.subList(0, 1), e);
        }
    }

    private static SchemaValidator validator(CompatibilityLevel level) {
        SchemaValidatorBuilder builder = new SchemaValidatorBuilder();
        if (level.full()) builder.mutualReadStrategy();
        else if (level.backward()) builder.canReadStrategy();
        else builder.canBeReadStrategy();
        return level.transitive() ? builder.validateAll() : builder.validateLatest();
    }

    /** Describes the newest earlier version the candidate breaks, like Confluent's verbose answer. */
    private static List<String> explain(CompatibilityLevel level, Schema candidate, List<Previous> checked,
                                        SchemaValidationException verdict) {
        for (Previous previous : checked) {
            List<String> messages = new ArrayList<>();
            if (level.backward()) describe(candidate, previous.schema(), "new", "old", messages);
            if (level.forward()) describe(previous.schema(), candidate, "old", "new", messages);
            if (messages.isEmpty()) continue;
            messages.add("{oldSchemaVersion: " + previous.version() + "}");
            messages.add("{oldSchema: '" + previous.text() + "'}");
            messages.add("{compatibility: '" + level + "'}");
            return messages;
        }
        // Avro's validator and SchemaCompatibility share their rules, so this is not expected.
        return List.of(String.valueOf(verdict.getMessage()), "{compatibility: '" + level + "'}");
    }

    private static void describe(Schema reader, Schema writer, String readerRole, String writerRole, List<String> out) {
        for (Incompatibility i : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            out.add("{errorType:'" + i.getType() + "', description:'" + description(i, readerRole, writerRole)
                    + "', additionalInfo:'" + i.getMessage() + "'}");
        }
    }

    private static String description(Incompatibility i, String reader, String writer) {
        String path = i.getLocation();
        return switch (i.getType()) {
            case NAME_MISMATCH -> "The name of the schema has changed (path '" + path + "')";
            case FIXED_SIZE_MISMATCH -> "The size of FIXED type field at path '" + path + "' in the " + reader
                    + " schema does not match with the " + writer + " schema";
            case MISSING_ENUM_SYMBOLS -> "The " + reader + " schema is missing enum symbols '" + i.getMessage()
                    + "' at path '" + path + "' in the " + writer + " schema";
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + i.getMessage() + "' at path '" + path
                    + "' in the " + reader + " schema has no default value and is missing in the " + writer + " schema";
            case TYPE_MISMATCH -> "The type (path '" + path + "') of a field in the " + reader
                    + " schema does not match with the " + writer + " schema";
            case MISSING_UNION_BRANCH -> "The " + reader + " schema is missing a type inside a union field at path '"
                    + path + "' in the " + writer + " schema";
        };
    }
}
