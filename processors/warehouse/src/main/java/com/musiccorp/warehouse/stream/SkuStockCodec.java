package com.musiccorp.warehouse.stream;

import com.musiccorp.events.MediaFormat;
import com.musiccorp.platform.streams.compact.CompactCodec;
import com.musiccorp.platform.streams.compact.CompactReader;
import com.musiccorp.platform.streams.compact.CompactWriter;
import com.musiccorp.warehouse.domain.SkuStock;

import java.util.Map;

/**
 * A SKU's stock in {@code sku-stock-store}, compact (layout 1): what it is, its counts and the sums
 * of its holds, written on every reservation, pick and shipment. Its holds are entries of their own
 * ({@link HoldCodec}, {@link SkuStockStorage}), so this value's size does not grow with them.
 */
final class SkuStockCodec implements CompactCodec<SkuStock> {

    @Override
    public int expectedSize() {
        return 128;
    }

    @Override
    public void write(SkuStock stock, CompactWriter out) {
        if (!stock.holds().isEmpty()) {
            throw new IllegalArgumentException("a SKU's holds are stored on their own, not in its stock");
        }
        out.writeString(stock.sku());
        SkuStock.Item item = stock.item();
        if (out.writePresence(item)) {
            out.writeString(item.title()).writeString(item.artist())
                    .writeString(item.format() == null ? null : item.format().name());
        }
        SkuStock.HoldTotals totals = stock.totals();
        out.writeLong(stock.onHand()).writeLong(stock.shipped()).writeLong(totals.held()).writeLong(totals.missing())
                .writeLong(totals.packed()).writeLong(totals.made());
    }

    @Override
    public SkuStock read(CompactReader in, int version) {
        String sku = in.readString();
        SkuStock.Item item = null;
        if (in.readPresence()) {
            String title = in.readString();
            String artist = in.readString();
            String format = in.readString();
            item = new SkuStock.Item(title, artist, format == null ? null : MediaFormat.valueOf(format));
        }
        int onHand = Math.toIntExact(in.readLong());
        long shipped = in.readLong();
        var totals = new SkuStock.HoldTotals(Math.toIntExact(in.readLong()), Math.toIntExact(in.readLong()),
                Math.toIntExact(in.readLong()), in.readLong());
        return new SkuStock(sku, item, onHand, totals, Map.of(), shipped);
    }
}
