package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.streams.step.Inputs;
import com.musiccorp.platform.streams.step.Output;
import com.musiccorp.platform.streams.step.Punctuations;
import com.musiccorp.platform.streams.step.Step;
import com.musiccorp.warehouse.domain.LineAnswer;
import com.musiccorp.warehouse.domain.SkuStock;
import com.musiccorp.warehouse.domain.SkuStockDecider;
import com.musiccorp.warehouse.domain.StockEvent;
import com.musiccorp.warehouse.domain.StockInput;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

import java.util.List;
import java.util.Optional;

/**
 * A SKU's step (the platform {@link Step}): its {@link SkuStock} from {@code sku-stock-store} and the
 * holds the input concerns from {@code sku-holds-store} ({@link SkuStockStorage}), decided by
 * {@link SkuStockDecider} (goods in, a shelf correction, or an order's line request), stored, and
 * forwarded: each {@link LineAnswer} keyed by its order id (back to the order), the {@code StockReserved}
 * of an order of one line it held (for warehouse.events, keyed by order id), and each receipt or
 * correction applied (Received, ShelfCorrected), keyed by SKU, so {@link RememberCountedStock} records
 * its id in the same transaction. Every reservation of a SKU is decided here, one at a time, so the
 * last unit goes to one order.
 *
 * <p>A receipt or correction the stock refuses throws {@link StockInputRefused}: the refusal is its only
 * fact and changes no state, so nothing was stored or forwarded, and the record is dead-lettered.
 */
final class SkuStockStep {

    private SkuStockStep() {
    }

    /** A processor per task deciding inputs of type {@code V}, all keyed by SKU. Connect it to {@code sku-stock-store} and {@code sku-holds-store}. */
    static <V extends StockInput> ProcessorSupplier<String, V, String, Object> deciding(
            Punctuations<StockInput, SkuStock> punctuations) {
        return Step.of(WarehouseTopology.SKU_STOCK_STORE, SkuStockDecider.decider(), SkuStockStep.<V>bySku(),
                        SkuStockStep::outputsOf)
                .scheduling(punctuations)
                .storedIn(SkuStockStorage::new)
                .processor();
    }

    /** Every input is already a SKU's; its state lives under the SKU. */
    private static <V extends StockInput> Inputs<V, StockInput> bySku() {
        return Inputs.of(value -> Optional.of(value), StockInput::sku);
    }

    private static List<Output<Object>> outputsOf(String sku, StockEvent fact) {
        return switch (fact) {
            case LineAnswer answer -> List.of(Output.record(answer.orderId(), answer));
            case StockEvent.OrderReserved reserved -> List.of(Output.event(reserved.event().getOrderId(), reserved.event()));
            case StockEvent.Received received -> List.of(Output.record(sku, received));
            case StockEvent.ShelfCorrected corrected -> List.of(Output.record(sku, corrected));
            case StockEvent.Refused refused -> throw new StockInputRefused(refused.inputType() + " for SKU " + sku
                    + " refused: " + refused.refusal().reason());
            case StockEvent.LinePacked ignored -> List.of();
            case StockEvent.LineReleased ignored -> List.of();
            case StockEvent.LineShipped ignored -> List.of();
        };
    }
}
