package com.musiccorp.platform.streams.compact;

/**
 * How one state type is laid out in the compact format: its fields in a fixed order. A new layout
 * gets a new {@link #version()}; {@link #read} is given the version a value was written with, so
 * values of every earlier layout stay readable.
 */
public interface CompactCodec<T> {

    /**
     * The layout {@link #write} writes, 1 to 255: the first is 1; a codec whose layout changes
     * overrides this with the next and keeps reading the earlier ones.
     */
    default int version() {
        return 1;
    }

    void write(T value, CompactWriter out);

    T read(CompactReader in, int version);

    /** A guess of a value's size, so the writer rarely grows its buffer. */
    default int expectedSize() {
        return 256;
    }
}
