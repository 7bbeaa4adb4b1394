package com.musiccorp.platform.avro;

import java.util.HexFormat;

/**
 * Confluent's wire format: magic byte {@code 0}, the schema id as a 4-byte big-endian int, then
 * the Avro binary body. The same bytes any Confluent serializer writes or reads.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;
    private static final int PREVIEW_BYTES = 16;

    private WireFormat() {
    }

    /** True if the bytes are long enough and start with the magic byte (the body is not checked). */
    public static boolean isWireFormat(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER_SIZE && bytes[0] == MAGIC_BYTE;
    }

    /** The schema id in the header; throws {@link WireFormatException} saying what is wrong otherwise. */
    public static int schemaIdOf(byte[] bytes) {
        if (bytes == null) throw new WireFormatException("No bytes (null): " + expectation());
        return schemaIdOf(bytes, 0, bytes.length, null);
    }

    static int schemaIdOf(byte[] bytes, int offset, int length, String topic) {
        String where = topic == null ? "" : "Record on topic '" + topic + "': ";
        if (length < HEADER_SIZE) {
            throw new WireFormatException(where + (length == 0 ? "empty bytes (0 bytes)" : "only " + length
                    + " byte" + (length == 1 ? "" : "s") + " (" + preview(bytes, offset, length) + ")")
                    + ", too short for Confluent wire format: " + expectation());
        }
        byte magic = bytes[offset];
        if (magic != MAGIC_BYTE) {
            throw new WireFormatException(where + String.format("unknown magic byte 0x%02x (%d); Confluent wire format starts with "
                    + "magic byte 0. These bytes were not written by a Confluent-compatible Avro serializer "
                    + "(first bytes: %s)", magic & 0xff, magic, preview(bytes, offset, length)));
        }
        return ((bytes[offset + 1] & 0xff) << 24) | ((bytes[offset + 2] & 0xff) << 16)
                | ((bytes[offset + 3] & 0xff) << 8) | (bytes[offset + 4] & 0xff);
    }

    /** Writes the 5-byte header into {@code target} at {@code offset}. */
    static void writeHeader(byte[] target, int offset, int schemaId) {
        target[offset] = MAGIC_BYTE;
        target[offset + 1] = (byte) (schemaId >>> 24);
        target[offset + 2] = (byte) (schemaId >>> 16);
        target[offset + 3] = (byte) (schemaId >>> 8);
        target[offset + 4] = (byte) schemaId;
    }

    private static String expectation() {
        return "it needs at least " + HEADER_SIZE + " bytes: magic byte 0, a 4-byte big-endian schema id, then the Avro body";
    }

    static String preview(byte[] bytes, int offset, int length) {
        int n = Math.min(length, PREVIEW_BYTES);
        String hex = HexFormat.ofDelimiter(" ").formatHex(bytes, offset, offset + n);
        return length > n ? hex + " ..." : hex;
    }
}
