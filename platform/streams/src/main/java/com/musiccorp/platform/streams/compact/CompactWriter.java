package com.musiccorp.platform.streams.compact;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Writes a state in the compact binary format ({@link CompactSerde}): variable-length integers,
 * length-prefixed UTF-8 strings and instants, each field in an order the state's codec fixes.
 * Nothing names a field, so a codec that changes its layout needs a new version byte.
 */
public final class CompactWriter {

    private byte[] bytes;
    private int size;

    public CompactWriter(int expectedSize) {
        bytes = new byte[Math.max(16, expectedSize)];
    }

    /** Any long; small magnitudes, negative ones too, take few bytes (zig-zag, then 7 bits a byte). */
    public CompactWriter writeLong(long value) {
        return writeUnsigned((value << 1) ^ (value >> 63));
    }

    /** A count or length: never negative. */
    public CompactWriter writeCount(int count) {
        if (count < 0) throw new IllegalArgumentException("a count is never negative: " + count);
        return writeUnsigned(count);
    }

    /** A string or null (length + 1, 0 for null, then its UTF-8 bytes). */
    public CompactWriter writeString(String value) {
        if (value == null) {
            return writeUnsigned(0);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeUnsigned(utf8.length + 1L);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return this;
    }

    /** Bytes or null (length + 1, 0 for null, then the bytes). */
    public CompactWriter writeBytes(byte[] value) {
        if (value == null) {
            return writeUnsigned(0);
        }
        writeUnsigned(value.length + 1L);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    /** A UUID or null: a presence byte, then its 16 bytes (random bits gain nothing from varints). */
    public CompactWriter writeUuid(UUID id) {
        if (id == null) {
            return writeByte(0);
        }
        writeByte(1);
        ensure(16);
        putLong(id.getMostSignificantBits());
        putLong(id.getLeastSignificantBits());
        return this;
    }

    /** An instant or null: whole milliseconds take one varint, any other instant seconds and nanos. */
    public CompactWriter writeInstant(Instant at) {
        if (at == null) {
            return writeByte(CompactReader.NO_INSTANT);
        }
        if (at.getNano() % 1_000_000 == 0 && at.getEpochSecond() > Long.MIN_VALUE / 1000 + 1
                && at.getEpochSecond() < Long.MAX_VALUE / 1000 - 1) {
            writeByte(CompactReader.MILLIS);
            return writeLong(at.toEpochMilli());
        }
        writeByte(CompactReader.SECONDS_AND_NANOS);
        writeLong(at.getEpochSecond());
        return writeUnsigned(at.getNano());
    }

    public CompactWriter writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    /** Writes whether {@code value} is there (one byte) and returns it: its fields follow only if so. */
    public boolean writePresence(Object value) {
        writeByte(value == null ? 0 : 1);
        return value != null;
    }

    /** Writes the list's size, then each item as {@code each} writes it. */
    public <T> CompactWriter writeList(List<T> items, BiConsumer<T, CompactWriter> each) {
        writeCount(items.size());
        for (T item : items) each.accept(item, this);
        return this;
    }

    public byte[] toBytes() {
        return Arrays.copyOf(bytes, size);
    }

    private CompactWriter writeUnsigned(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    private void putLong(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) bytes[size++] = (byte) (value >>> shift);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
