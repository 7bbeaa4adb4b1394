package com.musiccorp.platform.avro;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The bytes are not a Confluent-framed Avro record: too short, wrong magic byte, or an Avro body
 * that does not decode with the writer schema its id names. Retrying will not help; the record
 * has to be skipped or dead-lettered.
 */
public class WireFormatException extends SerializationException {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
