package com.musiccorp.platform.avro;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A per-thread output buffer and Avro encoder, reused across records so that serializing costs one
 * allocation (the returned array, which Kafka keeps) instead of a stream, an encoder and their
 * buffers per record.
 */
final class EncodeBuffer {
    private static final int INITIAL_SIZE = 1024;
    /** A single huge record must not pin a huge buffer to a thread for its lifetime. */
    private static final int MAX_RETAINED_SIZE = 1024 * 1024;
    /** Reserves the header's room; the real header is written into the result array. */
    private static final byte[] HEADER_PLACEHOLDER = new byte[WireFormat.HEADER_SIZE];
    private static final ThreadLocal<EncodeBuffer> CURRENT = ThreadLocal.withInitial(EncodeBuffer::new);

    private Output out = new Output(INITIAL_SIZE);
    private BinaryEncoder encoder;

    /** Just enough of ByteArrayOutputStream to get at its array without copying. */
    private static final class Output extends ByteArrayOutputStream {
        Output(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }
    }

    /** Header (magic byte + schema id) followed by the datum's Avro binary body. */
    static byte[] framed(int schemaId, DatumWriter<Object> writer, Object datum) throws IOException {
        return CURRENT.get().encode(true, schemaId, writer, datum);
    }

    /** The datum's Avro binary body alone. */
    static byte[] plain(DatumWriter<Object> writer, Object datum) throws IOException {
        return CURRENT.get().encode(false, 0, writer, datum);
    }

    private byte[] encode(boolean withHeader, int schemaId, DatumWriter<Object> writer, Object datum) throws IOException {
        out.reset();
        if (withHeader) out.write(HEADER_PLACEHOLDER, 0, WireFormat.HEADER_SIZE);
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        try {
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            encoder = null; // its internal buffer may hold half a record
            throw e;
        }
        byte[] result = out.toByteArray();
        if (withHeader) WireFormat.writeHeader(result, 0, schemaId);
        if (out.array().length > MAX_RETAINED_SIZE) {
            out = new Output(INITIAL_SIZE);
            encoder = null;
        }
        return result;
    }
}
