package com.musiccorp.warehouse.stream;

import com.musiccorp.warehouse.domain.SkuStock.Hold;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A page of a SKU's holds on the shelf: {@code holds} (order id → units held) in order-id order, and
 * the order id to ask for the next page after, null when this page is the last.
 */
public record HoldsPage(List<Map.Entry<String, Integer>> holds, String nextAfter) {

    public static final HoldsPage NONE = new HoldsPage(List.of(), null);

    public HoldsPage {
        holds = List.copyOf(holds);
    }

    /** The first {@code limit} of {@code holds} (order id → hold, in order-id order). */
    static HoldsPage first(Iterator<Map.Entry<String, Hold>> holds, int limit) {
        List<Map.Entry<String, Integer>> page = new ArrayList<>();
        while (holds.hasNext()) {
            Map.Entry<String, Hold> hold = holds.next();
            if (page.size() == limit) {
                return new HoldsPage(page, page.getLast().getKey());
            }
            page.add(Map.entry(hold.getKey(), hold.getValue().held()));
        }
        return new HoldsPage(page, null);
    }
}
