package com.musiccorp.platform.streams.compact;

import com.musiccorp.events.EventMetadata;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event parts that private state and internal records carry, in the compact format: an event's
 * {@link EventMetadata} as its six fields (no Avro builder, no text parsing), and a whole Avro event
 * (an order as placed, a shortfall) in Avro's single-object encoding, whose schema fingerprint
 * refuses a record written under another schema rather than misreading it.
 */
public final class EventFields {

    private EventFields() {
    }

    /** The metadata or null. */
    public static void writeMetadata(EventMetadata m, CompactWriter out) {
        out.writeByte(m == null ? 0 : 1);
        if (m != null) {
            out.writeUuid(m.getEventId()).writeString(m.getCorrelationId()).writeString(m.getCausationId())
                    .writeInstant(m.getOccurredAt()).writeString(m.getProducer())
                    .writeLong(m.getSchemaVersion());
        }
    }

    public static EventMetadata readMetadata(CompactReader in) {
        if (in.readByte() == 0) {
            return null;
        }
        var eventId = in.readUuid();
        String correlationId = in.readString();
        String causationId = in.readString();
        var occurredAt = in.readInstant();
        String producer = in.readString();
        return new EventMetadata(eventId, correlationId, causationId, occurredAt, producer,
                Math.toIntExact(in.readLong()));
    }

    /** An Avro record or null. */
    public static void writeRecord(SpecificRecordBase record, CompactWriter out) {
        out.writeBytes(record == null ? null : encode(record));
    }

    public static <T extends SpecificRecordBase> T readRecord(Class<T> type, CompactReader in) {
        byte[] bytes = in.readBytes();
        return bytes == null ? null : decode(type, bytes);
    }

    /** The record in Avro's single-object encoding (its schema's fingerprint, then the binary record). */
    public static byte[] encode(SpecificRecordBase record) {
        try {
            ByteBuffer encoded = Codecs.of(record.getClass()).encoder().encode(record);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record {@link #encode} wrote; one of another schema (another fingerprint) or cut short is refused. */
    public static <T extends SpecificRecordBase> T decode(Class<T> type, byte[] bytes) {
        try {
            return type.cast(Codecs.of(type).decoder().decode(bytes));
        } catch (IOException | AvroRuntimeException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " of this schema: " + e.getMessage(), e);
        }
    }

    /** One encoder and decoder per Avro class (both thread-safe and costly to build). */
    private record Codecs(BinaryMessageEncoder<Object> encoder, BinaryMessageDecoder<Object> decoder) {
        private static final ConcurrentHashMap<Class<?>, Codecs> BY_CLASS = new ConcurrentHashMap<>();

        static Codecs of(Class<?> type) {
            return BY_CLASS.computeIfAbsent(type, t -> {
                SpecificData data = SpecificData.getForClass(t);
                org.apache.avro.Schema schema = data.getSchema(t);
                return new Codecs(new BinaryMessageEncoder<>(data, schema), new BinaryMessageDecoder<>(data, schema));
            });
        }
    }
}
