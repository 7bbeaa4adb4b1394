package com.musiccorp.platform.avro;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The registry could not say what a schema id is: it was unreachable, timed out, answered 5xx or
 * refused the credentials. Unlike {@link SchemaNotFoundException} this says nothing about the record,
 * so a consumer must retry it later, never dead-letter it.
 */
public class SchemaRegistryUnavailableException extends RetriableException {
    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
