package com.musiccorp.platform.avro;

import org.apache.avro.Schema;

import java.util.List;

/**
 * The part of the Confluent Schema Registry REST API the serdes and tools use. Every method throws
 * {@link SchemaRegistryException} when the registry refuses or cannot be reached.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers the schema under the subject (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under the subject; 404 (40401/40403) if it is not. */
    int lookupId(String subject, Schema schema);

    /** The schema with this global id; 404 (40403) if the registry never issued it. */
    Schema getById(int id);

    /** The newest version of the subject; 404 (40401) if the subject does not exist. */
    RegisteredSchema latest(String subject);

    /** Whether the schema may be registered next under the subject at its compatibility level. */
    boolean testCompatibility(String subject, Schema schema);

    /** Sets the compatibility level (BACKWARD, FULL_TRANSITIVE, ...); a null subject sets the global level. */
    String setCompatibility(String subject, String level);

    /** The subject's level, or the global level when the subject has none; a null subject asks for the global level. */
    String getCompatibility(String subject);

    List<String> listSubjects();

    @Override
    default void close() {
    }
}
