package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.streams.step.Output;
import com.musiccorp.platform.streams.step.Calling;
import com.musiccorp.platform.streams.step.Inputs;
import com.musiccorp.platform.streams.step.Step;
import com.musiccorp.warehouse.domain.FulfilmentEvent;
import com.musiccorp.warehouse.domain.FulfilmentInput;
import com.musiccorp.warehouse.domain.LineRequest;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.OrderFulfilmentDecider;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

import java.util.List;
import java.util.Optional;

/**
 * An order's step (the platform {@link Step}): its {@link OrderFulfilment} from {@code fulfilment-store},
 * decided by {@link OrderFulfilmentDecider}, stored, and forwarded: published events (for
 * warehouse.events, keyed by order id) and {@link LineRequest}s, keyed by the SKU they ask. Order-only
 * facts stay in the state. The dispatch attempts the states wait for are booked as {@link CarrierCalls}.
 */
final class OrderFulfilmentStep {

    private OrderFulfilmentStep() {
    }

    /**
     * A processor deciding inputs of type {@code V}, all keyed by order id, and booking the dispatch
     * attempts its states wait for. Connect it to {@code fulfilment-store} and {@code dispatch-due-store};
     * the processors of one task that share them share their calls too.
     */
    static <V extends FulfilmentInput> ProcessorSupplier<String, V, String, Object> deciding(
            OrderFulfilmentDecider decider, Calling<FulfilmentInput, OrderFulfilment> dispatchCalls) {
        return Step.of(WarehouseTopology.FULFILMENT_STORE, decider, OrderFulfilmentStep.<V>byOrderId(),
                        OrderFulfilmentStep::outputsOf)
                .calling(dispatchCalls)
                .processor();
    }

    /** Every input is already an order's; its state lives under its order id. */
    private static <V extends FulfilmentInput> Inputs<V, FulfilmentInput> byOrderId() {
        return Inputs.of(value -> Optional.of(value), FulfilmentInput::orderId);
    }

    private static List<Output<Object>> outputsOf(String orderId, FulfilmentEvent fact) {
        return switch (fact) {
            case FulfilmentEvent.Published published -> List.of(widened(Output.event(orderId, published.event())));
            case LineRequest request -> List.of(Output.record(request.sku(), request));
            case FulfilmentEvent.OrderFact ignored -> List.of(); // recorded in the state (and its changelog) only
        };
    }

    /** Events and line requests leave one node, so the output's value type is their common one. */
    private static Output<Object> widened(Output<?> output) {
        return new Output<>(output.key(), output.value(), output.timestamp(), output.headers());
    }
}
