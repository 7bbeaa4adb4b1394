package com.musiccorp.cli;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One validated event to publish: the record in the registered schema, and which field is its key. */
record Event(GenericRecord record, String keyField) {

    String key() {
        return record.get(keyField).toString();
    }

    /** The record timestamp is the event's own time, metadata.occurredAt (millis). */
    long timestamp() {
        return (Long) ((GenericRecord) record.get("metadata")).get("occurredAt");
    }

    String metadata(String field) {
        Object value = ((GenericRecord) record.get("metadata")).get(field);
        return value == null ? null : value.toString();
    }

    /**
     * The event as this build's generated class, for {@code EventHeaders.of}: written with the
     * registered schema and read with Avro's resolution into the class, so a registered schema that
     * is newer or older than this build still maps field by field.
     */
    SpecificRecord typed() {
        Schema writer = record.getSchema();
        Class<?> type = SpecificData.get().getClass(writer);
        if (type == null) {
            throw CliException.invalid("this build has no class " + writer.getFullName());
        }
        Schema reader = SpecificData.get().getSchema(type);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
            encoder.flush();
            return new SpecificDatumReader<SpecificRecord>(writer, reader)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
