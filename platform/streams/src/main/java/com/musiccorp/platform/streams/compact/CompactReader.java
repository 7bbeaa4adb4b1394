package com.musiccorp.platform.streams.compact;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Reads what {@link CompactWriter} wrote, field by field in the same order; a truncated or corrupt value throws. */
public final class CompactReader {

    static final int NO_INSTANT = 0;
    static final int MILLIS = 1;
    static final int SECONDS_AND_NANOS = 2;

    private final byte[] bytes;
    private int position;

    public CompactReader(byte[] bytes, int from) {
        this.bytes = bytes;
        this.position = from;
    }

    public long readLong() {
        long zigzag = readUnsigned();
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    public int readCount() {
        long count = readUnsigned();
        if (count > bytes.length - position) { // every element takes a byte at least
            throw corrupt("a count of " + count);
        }
        return (int) count;
    }

    public String readString() {
        long lengthPlusOne = readUnsigned();
        if (lengthPlusOne == 0) {
            return null;
        }
        long length = lengthPlusOne - 1;
        if (length > bytes.length - position) {
            throw corrupt("a string of " + length + " bytes with " + (bytes.length - position) + " left");
        }
        String value = new String(bytes, position, (int) length, StandardCharsets.UTF_8);
        position += (int) length;
        return value;
    }

    public byte[] readBytes() {
        long lengthPlusOne = readUnsigned();
        if (lengthPlusOne == 0) {
            return null;
        }
        long length = lengthPlusOne - 1;
        if (length > bytes.length - position) {
            throw corrupt("a run of " + length + " bytes with " + (bytes.length - position) + " left");
        }
        byte[] value = Arrays.copyOfRange(bytes, position, position + (int) length);
        position += (int) length;
        return value;
    }

    public UUID readUuid() {
        int present = readByte();
        if (present == 0) {
            return null;
        }
        if (present != 1 || bytes.length - position < 16) {
            throw corrupt("a UUID");
        }
        return new UUID(getLong(), getLong());
    }

    public Instant readInstant() {
        int kind = readByte();
        return switch (kind) {
            case NO_INSTANT -> null;
            case MILLIS -> Instant.ofEpochMilli(readLong());
            case SECONDS_AND_NANOS -> Instant.ofEpochSecond(readLong(), readUnsigned());
            default -> throw corrupt("an instant of kind " + kind);
        };
    }

    public int readByte() {
        if (position >= bytes.length) {
            throw corrupt("the end of the value");
        }
        return bytes[position++] & 0xFF;
    }

    /** What {@link CompactWriter#writePresence} wrote: whether the value's fields follow. */
    public boolean readPresence() {
        return switch (readByte()) {
            case 0 -> false;
            case 1 -> true;
            default -> throw corrupt("a presence byte other than 0 or 1");
        };
    }

    /** What {@link CompactWriter#writeList} wrote, each item read by {@code each}. */
    public <T> List<T> readList(Function<CompactReader, T> each) {
        int size = readCount();
        List<T> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) items.add(each.apply(this));
        return items;
    }

    /** Every byte was read: a value with more is not of this layout. */
    public void expectEnd() {
        if (position != bytes.length) {
            throw corrupt((bytes.length - position) + " bytes after the last field");
        }
    }

    private long getLong() {
        long value = 0;
        for (int i = 0; i < 8; i++) value = (value << 8) | (bytes[position++] & 0xFF);
        return value;
    }

    private long readUnsigned() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw corrupt("a variable-length integer of more than 10 bytes");
    }

    private IllegalArgumentException corrupt(String what) {
        return new IllegalArgumentException("not a compact state: " + what + " at byte " + position);
    }
}
