package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.streams.compact.CompactCodec;
import com.musiccorp.platform.streams.compact.CompactReader;
import com.musiccorp.platform.streams.compact.CompactWriter;
import com.musiccorp.warehouse.domain.SkuStock.Hold;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one order holds of one SKU, in {@code sku-holds-store}, compact (layout 1). */
final class HoldCodec implements CompactCodec<Hold> {

    @Override
    public int expectedSize() {
        return 32;
    }

    @Override
    public void write(Hold hold, CompactWriter out) {
        out.writeLong(hold.sequence()).writeLong(hold.missing()).writeByte(hold.picked() ? 1 : 0);
        out.writeCount(hold.lines().size());
        hold.lines().forEach((line, quantity) -> out.writeLong(line).writeLong(quantity));
    }

    @Override
    public Hold read(CompactReader in, int version) {
        long sequence = in.readLong();
        int missing = Math.toIntExact(in.readLong());
        boolean picked = in.readByte() == 1;
        int size = in.readCount();
        Map<Integer, Integer> lines = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) lines.put(Math.toIntExact(in.readLong()), Math.toIntExact(in.readLong()));
        return new Hold(lines, missing, picked, sequence);
    }
}
