package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.streams.compact.CompactCodec;
import com.musiccorp.platform.streams.compact.CompactReader;
import com.musiccorp.platform.streams.compact.CompactWriter;
import com.musiccorp.warehouse.domain.LineAnswer;

import static com.musiccorp.platform.streams.compact.EventFields.readMetadata;
import static com.musiccorp.platform.streams.compact.EventFields.writeMetadata;

/**
 * What a SKU tells an order on {@code line-answers}, compact (layout 1): a kind byte, then its
 * fields. The fulfilment's codec writes the answers it keeps the same way ({@link #writeAnswer}). A
 * reservation the SKU published for the order is a kind of its own, which an earlier version cannot read.
 */
final class LineAnswerCodec implements CompactCodec<LineAnswer> {

    private static final int RESERVED = 1, SHORT = 2, PICKED = 3, MISSING = 4, RESERVED_PUBLISHED = 5;

    @Override
    public int expectedSize() {
        return 160;
    }

    @Override
    public void write(LineAnswer answer, CompactWriter out) {
        writeAnswer(answer, out);
    }

    @Override
    public LineAnswer read(CompactReader in, int version) {
        return readAnswer(in);
    }

    static void writeAnswer(LineAnswer answer, CompactWriter out) {
        switch (answer) {
            case LineAnswer.LineReserved r -> out.writeByte(r.published() ? RESERVED_PUBLISHED : RESERVED)
                    .writeString(r.orderId()).writeLong(r.lineNumber()).writeString(r.sku()).writeLong(r.quantity());
            case LineAnswer.LineShort s -> out.writeByte(SHORT).writeString(s.orderId()).writeLong(s.lineNumber())
                    .writeString(s.sku()).writeLong(s.requested()).writeLong(s.available());
            case LineAnswer.LineMissing m -> out.writeByte(MISSING).writeString(m.orderId()).writeString(m.sku())
                    .writeLong(m.units());
            case LineAnswer.LinePicked p -> out.writeByte(PICKED).writeString(p.orderId()).writeString(p.sku())
                    .writeLong(p.picked()).writeLong(p.missing());
        }
        writeMetadata(answer.metadata(), out);
    }

    static LineAnswer readAnswer(CompactReader in) {
        int kind = in.readByte();
        return switch (kind) {
            case RESERVED, RESERVED_PUBLISHED -> new LineAnswer.LineReserved(in.readString(),
                    Math.toIntExact(in.readLong()), in.readString(), Math.toIntExact(in.readLong()),
                    kind == RESERVED_PUBLISHED, readMetadata(in));
            case SHORT -> new LineAnswer.LineShort(in.readString(), Math.toIntExact(in.readLong()), in.readString(),
                    Math.toIntExact(in.readLong()), Math.toIntExact(in.readLong()), readMetadata(in));
            case MISSING -> new LineAnswer.LineMissing(in.readString(), in.readString(), Math.toIntExact(in.readLong()),
                    readMetadata(in));
            case PICKED -> new LineAnswer.LinePicked(in.readString(), in.readString(), Math.toIntExact(in.readLong()),
                    Math.toIntExact(in.readLong()), readMetadata(in));
            default -> throw new IllegalArgumentException("not a line answer: kind " + kind);
        };
    }
}
