package com.musiccorp.platform.registry;

/**
 * One record of the registry's compacted topic, decoded. The key says what the record is about and
 * is all that compaction looks at; a {@code null} value is a tombstone (a hard delete). Every value
 * is self-contained, so the latest record of each key is all the state there is.
 */
record LogRecord(Key key, Value value) {

    sealed interface Key permits SchemaKey, ConfigKey, ModeKey, MaxIdKey {
    }

    sealed interface Value permits SchemaValue, ConfigValue, ModeValue, MaxIdValue {
    }

    /** Version {@code version} of {@code subject}. */
    record SchemaKey(String subject, int version) implements Key {
    }

    /** Compatibility level of a subject, or the global one when {@code subject} is null. */
    record ConfigKey(String subject) implements Key {
    }

    /** Mode of a subject, or the global one when {@code subject} is null. */
    record ModeKey(String subject) implements Key {
    }

    /** The highest id ever handed out, so hard deletes never let an id be reused. */
    record MaxIdKey() implements Key {
    }

    /** A registered version: its global id and schema text, and whether it is soft deleted. */
    record SchemaValue(String subject, int version, int id, String schemaType, String schema, boolean deleted)
            implements Value {
        SchemaValue withDeleted(boolean flag) {
            return new SchemaValue(subject, version, id, schemaType, schema, flag);
        }
    }

    record ConfigValue(String compatibilityLevel) implements Value {
    }

    record ModeValue(String mode) implements Value {
    }

    record MaxIdValue(int maxId) implements Value {
    }

    static LogRecord tombstone(Key key) {
        return new LogRecord(key, null);
    }
}
