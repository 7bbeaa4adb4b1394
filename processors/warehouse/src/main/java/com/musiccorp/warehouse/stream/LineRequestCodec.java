package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.streams.compact.CompactCodec;
import com.musiccorp.platform.streams.compact.CompactReader;
import com.musiccorp.platform.streams.compact.CompactWriter;
import com.musiccorp.warehouse.domain.LineRequest;

import static com.musiccorp.platform.streams.compact.EventFields.readMetadata;
import static com.musiccorp.platform.streams.compact.EventFields.writeMetadata;

/**
 * An order's request to a SKU on {@code line-requests}, compact: a kind byte, then its fields. Layout
 * 2 adds the units of a release's and a shipment's package; a request of layout 1 (written before)
 * has none, and acts on the SKU's hold of the order as it did then. A pack is a kind of layout 2, and
 * so is the reservation of an order's only line (a kind, not a layout, so every other request still
 * reads in an earlier version; that version cannot read this one).
 */
final class LineRequestCodec implements CompactCodec<LineRequest> {

    private static final int RESERVE = 1, PICK = 2, RELEASE = 3, SHIP = 4, PACK = 5, RESERVE_ONLY_LINE = 6;

    @Override
    public int version() {
        return 2;
    }

    @Override
    public int expectedSize() {
        return 160;
    }

    @Override
    public void write(LineRequest request, CompactWriter out) {
        switch (request) {
            case LineRequest.ReserveLine r -> out.writeByte(r.onlyLine() ? RESERVE_ONLY_LINE : RESERVE)
                    .writeString(r.orderId()).writeLong(r.lineNumber()).writeString(r.sku()).writeLong(r.quantity());
            case LineRequest.PackLine p -> out.writeByte(PACK).writeString(p.orderId()).writeString(p.sku())
                    .writeLong(p.quantity());
            case LineRequest.PickLine p -> out.writeByte(PICK).writeString(p.orderId()).writeString(p.sku())
                    .writeLong(p.quantity());
            case LineRequest.ReleaseLine r -> out.writeByte(RELEASE).writeString(r.orderId()).writeString(r.sku())
                    .writeString(r.reason()).writeLong(r.packedUnits());
            case LineRequest.ShipLine s -> out.writeByte(SHIP).writeString(s.orderId()).writeString(s.sku())
                    .writeLong(s.quantity());
        }
        writeMetadata(request.metadata(), out);
    }

    @Override
    public LineRequest read(CompactReader in, int version) {
        int kind = in.readByte();
        return switch (kind) {
            case RESERVE, RESERVE_ONLY_LINE -> new LineRequest.ReserveLine(in.readString(),
                    Math.toIntExact(in.readLong()), in.readString(), Math.toIntExact(in.readLong()),
                    kind == RESERVE_ONLY_LINE, readMetadata(in));
            case PACK -> new LineRequest.PackLine(in.readString(), in.readString(), Math.toIntExact(in.readLong()),
                    readMetadata(in));
            case PICK -> new LineRequest.PickLine(in.readString(), in.readString(), Math.toIntExact(in.readLong()),
                    readMetadata(in));
            case RELEASE -> new LineRequest.ReleaseLine(in.readString(), in.readString(), in.readString(),
                    version >= 2 ? Math.toIntExact(in.readLong()) : 0, readMetadata(in));
            case SHIP -> new LineRequest.ShipLine(in.readString(), in.readString(),
                    version >= 2 ? Math.toIntExact(in.readLong()) : 0, readMetadata(in));
            default -> throw new IllegalArgumentException("not a line request: kind " + kind);
        };
    }
}
