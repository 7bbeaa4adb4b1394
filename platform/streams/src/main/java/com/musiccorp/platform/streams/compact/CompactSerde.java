package com.musiccorp.platform.streams.compact;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A store's values in the compact binary format: {@link #MARKER}, the codec's layout version, then
 * the fields ({@link CompactCodec}). Written on every put, read on every miss of the decoded states,
 * so the format costs what a few varints and string copies cost, where JSON (even Smile) walked
 * every property by reflection and wrote every field's name (JFR of a saga-status replay: a fifth of
 * its stream threads' samples were Jackson's Smile writer and reader).
 *
 * <p>A value in the format the store had before (JSON or Smile, {@code earlier}) is still read: neither
 * starts with the marker byte (Smile starts with {@code ':'}, JSON with {@code '{'}, Confluent's
 * Avro with 0). Such a value is rewritten compact when its key is next stored. Going back to a
 * version without this format needs the store rebuilt.
 */
public final class CompactSerde<T> implements Serde<T> {

    /** The first byte of every compact value: a control character no JSON text or Smile value starts with. */
    public static final byte MARKER = 0x01;

    private final CompactCodec<T> codec;
    private final Serde<T> earlier;

    /** @param earlier the store's format before this one, for the values still in it */
    public CompactSerde(CompactCodec<T> codec, Serde<T> earlier) {
        if (codec.version() < 1 || codec.version() > 255) {
            throw new IllegalArgumentException("a layout version is 1 to 255, was " + codec.version());
        }
        this.codec = codec;
        this.earlier = earlier;
    }

    /** Whether {@code bytes} are a value in the compact format (any codec's). */
    public static boolean isCompact(byte[] bytes) {
        return bytes != null && bytes.length >= 2 && bytes[0] == MARKER;
    }

    public byte[] write(T value) {
        CompactWriter out = new CompactWriter(codec.expectedSize());
        out.writeByte(MARKER).writeByte(codec.version());
        codec.write(value, out);
        return out.toBytes();
    }

    public T read(byte[] bytes) {
        if (!isCompact(bytes)) {
            return earlier.deserializer().deserialize(null, bytes);
        }
        CompactReader in = new CompactReader(bytes, 1);
        int version = in.readByte();
        if (version < 1 || version > codec.version()) {
            throw new SerializationException("a compact value of layout " + version + "; this version reads 1 to "
                    + codec.version() + " (a store written by a later version needs rebuilding to go back)");
        }
        try {
            T value = codec.read(in, version);
            in.expectEnd();
            return value;
        } catch (IllegalArgumentException e) {
            throw new SerializationException(e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }
}
