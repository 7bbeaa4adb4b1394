package com.musiccorp.loyalty.stream;

import com.musiccorp.loyalty.domain.Amount;
import com.musiccorp.loyalty.domain.Cause;
import com.musiccorp.loyalty.domain.CreditPoints;
import com.musiccorp.platform.streams.compact.CompactCodec;
import com.musiccorp.platform.streams.compact.CompactReader;
import com.musiccorp.platform.streams.compact.CompactWriter;

/**
 * A credit of an order's points to its customer, compact (layout 1): the record of the
 * {@code credits} repartition topic, and what a credited order keeps in {@code order-points-store}.
 * Its amount and cause are written here for the other loyalty codecs too.
 */
final class CreditPointsCodec implements CompactCodec<CreditPoints> {

    @Override
    public int expectedSize() {
        return 128;
    }

    @Override
    public void write(CreditPoints credit, CompactWriter out) {
        out.writeString(credit.customerId()).writeString(credit.orderId()).writeLong(credit.points());
        writeAmount(credit.orderTotal(), out);
        writeCause(credit.cause(), out);
    }

    @Override
    public CreditPoints read(CompactReader in, int version) {
        return new CreditPoints(in.readString(), in.readString(), in.readLong(), readAmount(in), readCause(in));
    }

    static void writeAmount(Amount amount, CompactWriter out) {
        out.writeLong(amount.minor()).writeString(amount.currency());
    }

    static Amount readAmount(CompactReader in) {
        return new Amount(in.readLong(), in.readString());
    }

    static void writeCause(Cause cause, CompactWriter out) {
        out.writeUuid(cause.eventId()).writeString(cause.correlationId()).writeInstant(cause.occurredAt())
                .writeString(cause.producer());
    }

    static Cause readCause(CompactReader in) {
        return new Cause(in.readUuid(), in.readString(), in.readInstant(), in.readString());
    }
}
