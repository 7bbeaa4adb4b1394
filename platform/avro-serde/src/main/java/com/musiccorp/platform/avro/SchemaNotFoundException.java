package com.musiccorp.platform.avro;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The registry does not know a schema the serde needs: a reader met an id the registry has never
 * issued, or a writer with {@code auto.register.schemas=false} met a subject or schema that was
 * never registered. The cause is the registry's answer (status and Confluent error code).
 */
public class SchemaNotFoundException extends SerializationException {
    public SchemaNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
