package com.musiccorp.warehouse.domain;

import com.musiccorp.schemas.ContractLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bounds a receipt or a shelf correction must keep, whichever way it comes in: the HTTP API
 * checks a request with these before writing anything, and the stock decider refuses a record on
 * warehouse.stock that breaks them. Field bounds come from the event contract ({@link ContractLimits});
 * what the stock can take depends on the SKU's state ({@link #ofStock}).
 */
public final class StockLimits {

    private StockLimits() {
    }

    /** Every field of a receipt at fault; empty when it may be counted. */
    public static List<Refusal> ofReceipt(String sku, String title, String artist, Integer quantity,
            String receiptId) {
        var problems = new ArrayList<Refusal>();
        identifier("sku", sku, problems);
        text("title", title, ContractLimits.MAX_TEXT_LENGTH, problems);
        text("artist", artist, ContractLimits.MAX_TEXT_LENGTH, problems);
        if (quantity == null || quantity < 1 || quantity > ContractLimits.MAX_QUANTITY) {
            problems.add(new Refusal("quantity", "must be a whole number from 1 to " + ContractLimits.MAX_QUANTITY));
        }
        identifier("receiptId", receiptId, problems);
        return problems;
    }

    /** Every field of a shelf correction at fault; empty when it may be applied. */
    public static List<Refusal> ofAdjustment(String sku, Integer quantityDelta, String reason, String adjustmentId) {
        var problems = new ArrayList<Refusal>();
        identifier("sku", sku, problems);
        if (quantityDelta == null || quantityDelta == 0 || Math.abs((long) quantityDelta) > ContractLimits.MAX_QUANTITY) {
            problems.add(new Refusal("quantityDelta", "must be a non-zero whole number from -"
                    + ContractLimits.MAX_QUANTITY + " to " + ContractLimits.MAX_QUANTITY));
        }
        text("reason", reason, ContractLimits.MAX_REASON_LENGTH, problems);
        identifier("adjustmentId", adjustmentId, problems);
        return problems;
    }

    /**
     * What the SKU can take: on hand never beyond {@link ContractLimits#MAX_STOCK_ON_HAND}, and a count
     * can only find missing what is on the shelf (packed units are not; reserved ones on the shelf can
     * go missing, and packing then reports them). {@code change} is a receipt's quantity or an
     * adjustment's delta, already within the field bounds.
     */
    public static Optional<Refusal> ofStock(SkuStock stock, String field, int change) {
        long after = (long) stock.onHand() + change;
        if (after > ContractLimits.MAX_STOCK_ON_HAND) {
            return Optional.of(new Refusal(field, "would take on hand to " + after + ", beyond the "
                    + ContractLimits.MAX_STOCK_ON_HAND + " units a SKU can hold"));
        }
        if (change < 0 && -change > stock.onShelf()) {
            return Optional.of(new Refusal(field, "would take " + -change + " unit(s) off the shelf, which holds "
                    + stock.onShelf() + " (packed units cannot go missing)"));
        }
        return Optional.empty();
    }

    private static void identifier(String field, String value, List<Refusal> problems) {
        String problem = ContractLimits.identifierProblem(value);
        if (problem != null) {
            problems.add(new Refusal(field, problem));
        }
    }

    private static void text(String field, String value, int maxLength, List<Refusal> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new Refusal(field, "is required"));
            return;
        }
        String problem = ContractLimits.textProblem(value, maxLength);
        if (problem != null) {
            problems.add(new Refusal(field, problem));
        }
    }
}
