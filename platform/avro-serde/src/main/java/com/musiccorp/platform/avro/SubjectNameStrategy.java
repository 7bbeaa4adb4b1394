package com.musiccorp.platform.avro;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

import java.util.Locale;

/**
 * Which registry subject a record's schema is registered and looked up under. Accepts Confluent's
 * class names, so a Confluent configuration works unchanged, and short names.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema history per topic (Confluent's default). */
    TOPIC("io.confluent.kafka.serializers.subject.TopicNameStrategy", "topic"),
    /** The record's full name: one history per event type, whatever topic it goes to (this project's default). */
    RECORD("io.confluent.kafka.serializers.subject.RecordNameStrategy", "record"),
    /** {@code <topic>-<record full name>}: one history per event type per topic. */
    TOPIC_RECORD("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy", "topic_record");

    private final String confluentClass;
    private final String shortName;

    SubjectNameStrategy(String confluentClass, String shortName) {
        this.confluentClass = confluentClass;
        this.shortName = shortName;
    }

    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC -> topic + (isKey ? "-key" : "-value");
            case RECORD -> recordName(schema);
            case TOPIC_RECORD -> topic + "-" + recordName(schema);
        };
    }

    private String recordName(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(this + " subject naming needs a record schema, got " + schema.getType()
                    + "; use the topic strategy for primitive keys or values");
        }
        return schema.getFullName();
    }

    /** Parses a config value: a Confluent class name (or its simple name), a short name, or an enum name. */
    public static SubjectNameStrategy parse(String key, Object value) {
        String name = value instanceof Class<?> c ? c.getName() : String.valueOf(value).trim();
        for (SubjectNameStrategy s : values()) {
            String simpleClass = s.confluentClass.substring(s.confluentClass.lastIndexOf('.') + 1);
            if (name.equals(s.confluentClass) || name.equals(simpleClass)
                    || name.equalsIgnoreCase(s.shortName) || name.equalsIgnoreCase(s.name())) {
                return s;
            }
        }
        throw new ConfigException(key, value, "unknown subject name strategy; use one of "
                + TOPIC.describe() + ", " + RECORD.describe() + ", " + TOPIC_RECORD.describe());
    }

    private String describe() {
        return shortName + " (" + confluentClass + ")";
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
