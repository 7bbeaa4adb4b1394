package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockShortfall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One order's way through the warehouse, keyed by order id.
 *
 * <p>Bounded for one order however long it lives or however much it is sent: the order as placed
 * (within the contract's limits, checked before it is taken on), at most one answer per line or SKU,
 * counters for dispatch attempts, the ids of the last {@value #RECENT_INPUTS} inputs, and the ids of
 * at most {@value DispatchPolicy#MAX_OPERATOR_RETRIES} operator retries.
 *
 * @param orderId          null until the first fact names the order
 * @param stage            where the order stands, with what that stage needs to know
 * @param handledInputs    ids of the last {@value #RECENT_INPUTS} inputs that changed or were refused by
 *                         this order: a repeat (same id) decides nothing. An older repeat is still
 *                         caught by the stage (an answer for a line already answered, a payment once
 *                         packing, an attempt already settled): it changes nothing, at worst it is
 *                         rejected again with the same event id.
 * @param operatorRetries  ids of the operator retries granted, in order (at most
 *                         {@value DispatchPolicy#MAX_OPERATOR_RETRIES}): a command with one of these ids
 *                         is answered from here, never decided twice
 */
public record OrderFulfilment(String orderId, Stage stage, List<UUID> handledInputs, List<UUID> operatorRetries) {

    public static final int RECENT_INPUTS = 16;

    public OrderFulfilment {
        handledInputs = latest(handledInputs);
        operatorRetries = operatorRetries == null ? List.of() : List.copyOf(operatorRetries);
    }

    public static OrderFulfilment initial() {
        return new OrderFulfilment(null, new New(), List.of(), List.of());
    }

    public FulfilmentStatus status() {
        return stage.status();
    }

    public boolean hasHandled(UUID inputId) {
        return handledInputs.contains(inputId) || operatorRetries.contains(inputId);
    }

    /** The state after handling one more input: its id is the latest, the oldest beyond the bound forgotten. */
    OrderFulfilment handling(UUID inputId) {
        if (handledInputs.contains(inputId)) {
            return this;
        }
        var ids = new ArrayList<>(handledInputs);
        ids.add(inputId);
        return new OrderFulfilment(orderId, stage, ids, operatorRetries);
    }

    /** The last {@value #RECENT_INPUTS} ids, in the order they were handled (a state written before the bound may hold more). */
    private static List<UUID> latest(List<UUID> ids) {
        var all = ids == null ? List.<UUID>of() : ids;
        return List.copyOf(all.subList(Math.max(0, all.size() - RECENT_INPUTS), all.size()));
    }

    /** The stages; every stage after NEW keeps the order as placed, so no one has to call orders back. */
    public sealed interface Stage {
        FulfilmentStatus status();
    }

    /** A stage that knows the order. */
    public sealed interface WithOrder extends Stage {
        OrderPlaced order();
    }

    public record New() implements Stage {
        @Override
        public FulfilmentStatus status() {
            return FulfilmentStatus.NEW;
        }
    }

    /**
     * @param answers line number to the SKU's answer, for the lines answered so far
     * @param missing SKU to units of its reservation a shelf count found missing ({@link LineAnswer.LineMissing})
     */
    public record AwaitingLines(OrderPlaced order, Map<Integer, LineAnswer> answers, Map<String, Integer> missing)
            implements WithOrder {
        public AwaitingLines {
            answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
            missing = missingOrNone(missing);
        }

        public AwaitingLines(OrderPlaced order, Map<Integer, LineAnswer> answers) {
            this(order, answers, Map.of());
        }

        @Override
        public FulfilmentStatus status() {
            return FulfilmentStatus.AWAITING_LINES;
        }
    }

    /**
     * Every line held, waiting for payment.
     *
     * @param missing SKU to units of its reservation a shelf count found missing: paid, the order
     *                reports them as not found rather than packing
     */
    public record Reserved(OrderPlaced order, Map<String, Integer> missing) implements WithOrder {
        public Reserved {
            missing = missingOrNone(missing);
        }

        public Reserved(OrderPlaced order) {
            this(order, Map.of());
        }

        @Override
        public FulfilmentStatus status() {
            return FulfilmentStatus.RESERVED;
        }
    }

    public record Insufficient(OrderPlaced order, List<StockShortfall> shortLines) implements WithOrder {
        public Insufficient {
            shortLines = List.copyOf(shortLines);
        }

        @Override
        public FulfilmentStatus status() {
            return FulfilmentStatus.INSUFFICIENT;
        }
    }

    /**
     * Paid, each SKU asked to pick: an earlier version's stage (it packed once every SKU answered),
     * still decided for an order it left here.
     *
     * @param picks  SKU to its shelf's answer, for the SKUs answered so far
     * @param paidBy the PaymentTaken's event id, which the package and any item not found answer (null in older states)
     */
    public record Packing(OrderPlaced order, String paymentId, String paidBy, Map<String, LineAnswer.LinePicked> picks)
            implements WithOrder {
        public Packing {
            picks = Collections.unmodifiableMap(new LinkedHashMap<>(picks));
        }

        @Override
        public FulfilmentStatus status() {
            return FulfilmentStatus.PACKING;
        }
    }

    /** @param packedBy metadata of OrderPackaged: the first dispatch attempt is due at its time */
    public record Packed(OrderPlaced order, String packageId, EventMetadata packedBy) implements WithOrder {
        @Override
        public FulfilmentStatus status() {
            return FulfilmentStatus.PACKED;
        }
    }

    /**
     * @param failedAttempts attempts made so far (the next is {@code failedAttempts + 1})
     * @param scheduledBy    metadata of the fact that scheduled the next attempt (DispatchDelayed, or
     *                       the operator's retry)
     * @param extraAttempts  attempts an operator granted beyond the policy's maximum
     */
    public record DelayedDispatch(OrderPlaced order, String packageId, int failedAttempts, Instant nextAttemptAt,
            String reason, EventMetadata scheduledBy, int extraAttempts) implements WithOrder {
        @Override
        public FulfilmentStatus status() {
            return FulfilmentStatus.DISPATCH_DELAYED;
        }
    }

    public record FailedDispatch(OrderPlaced order, String packageId, int attempts, String reason,
            int extraAttempts) implements WithOrder {
        @Override
        public FulfilmentStatus status() {
            return FulfilmentStatus.DISPATCH_FAILED;
        }
    }

    /** @param attempts the attempt that the carrier took (1 = the first) */
    public record Dispatched(OrderPlaced order, String carrier, String trackingNumber, int attempts)
            implements WithOrder {
        @Override
        public FulfilmentStatus status() {
            return FulfilmentStatus.DISPATCHED;
        }
    }

    public record Released(OrderPlaced order, String reason) implements WithOrder {
        @Override
        public FulfilmentStatus status() {
            return FulfilmentStatus.RELEASED;
        }
    }

    /** A state read from JSON written before counts told orders has no missing units. */
    private static Map<String, Integer> missingOrNone(Map<String, Integer> missing) {
        return missing == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    }

    /** Units of each SKU the order asks for, SKUs in the order of their first line. */
    static Map<String, Integer> unitsBySku(OrderPlaced order) {
        var units = new LinkedHashMap<String, Integer>();
        for (OrderLine line : order.getLines()) {
            units.merge(line.getSku(), line.getQuantity(), Integer::sum);
        }
        return units;
    }
}
