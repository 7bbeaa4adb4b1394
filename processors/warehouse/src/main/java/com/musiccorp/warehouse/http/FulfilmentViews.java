package com.musiccorp.warehouse.http;

import com.musiccorp.events.OrderLine;
import com.musiccorp.events.StockShortfall;
import com.musiccorp.warehouse.domain.DispatchRequest;
import com.musiccorp.warehouse.domain.LineAnswer;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.OrderFulfilment.AwaitingLines;
import com.musiccorp.warehouse.domain.OrderFulfilment.DelayedDispatch;
import com.musiccorp.warehouse.domain.OrderFulfilment.Dispatched;
import com.musiccorp.warehouse.domain.OrderFulfilment.FailedDispatch;
import com.musiccorp.warehouse.domain.OrderFulfilment.Insufficient;
import com.musiccorp.warehouse.domain.OrderFulfilment.New;
import com.musiccorp.warehouse.domain.OrderFulfilment.Packed;
import com.musiccorp.warehouse.domain.OrderFulfilment.Packing;
import com.musiccorp.warehouse.domain.OrderFulfilment.Released;
import com.musiccorp.warehouse.domain.OrderFulfilment.Reserved;
import com.musiccorp.warehouse.domain.OrderFulfilment.WithOrder;
import com.musiccorp.warehouse.domain.OrderFulfilmentDecider;

import java.util.Optional;

/** An order's fulfilment as {@code GET /fulfilments/{orderId}} shows it; empty for an order never taken on. */
final class FulfilmentViews {

    private FulfilmentViews() {
    }

    static Optional<HttpBodies.FulfilmentView> of(OrderFulfilment state) {
        if (!(state.stage() instanceof WithOrder withOrder)) {
            return Optional.empty();
        }
        var order = withOrder.order();
        var stage = state.stage();
        return Optional.of(new HttpBodies.FulfilmentView(order.getOrderId(), order.getMetadata().getCorrelationId(),
                state.status().name(),
                order.getLines().stream()
                        .map(line -> new HttpBodies.LineView(line.getLineNumber(), line.getSku(), line.getQuantity(),
                                lineState(stage, line)))
                        .toList(),
                switch (stage) {
                    case Packed packed -> packed.packageId();
                    case DelayedDispatch delayed -> delayed.packageId();
                    case FailedDispatch failed -> failed.packageId();
                    default -> null;
                },
                switch (stage) {
                    case DelayedDispatch delayed -> delayed.failedAttempts();
                    case FailedDispatch failed -> failed.attempts();
                    case Dispatched dispatched -> dispatched.attempts();
                    default -> 0;
                },
                OrderFulfilmentDecider.pendingDispatch(state).map(DispatchRequest::dueAt).map(Object::toString)
                        .orElse(null),
                switch (stage) {
                    case DelayedDispatch delayed -> delayed.reason();
                    case FailedDispatch failed -> failed.reason();
                    default -> null;
                },
                stage instanceof Dispatched dispatched ? dispatched.carrier() : null,
                stage instanceof Dispatched dispatched ? dispatched.trackingNumber() : null,
                stage instanceof Released released ? released.reason() : null));
    }

    private static String lineState(OrderFulfilment.Stage stage, OrderLine line) {
        return switch (stage) {
            case AwaitingLines awaiting -> switch (awaiting.answers().get(line.getLineNumber())) {
                case null -> "AWAITING";
                case LineAnswer.LineReserved ignored -> awaiting.missing().containsKey(line.getSku()) ? "MISSING" : "RESERVED";
                case LineAnswer.LineShort ignored -> "SHORT";
                case LineAnswer.LinePicked ignored -> "AWAITING";
                case LineAnswer.LineMissing ignored -> "AWAITING";
            };
            case Reserved reserved -> reserved.missing().containsKey(line.getSku()) ? "MISSING" : "RESERVED";
            case Insufficient insufficient -> insufficient.shortLines().stream()
                    .map(StockShortfall::getLineNumber).anyMatch(n -> n == line.getLineNumber()) ? "SHORT" : "RELEASED";
            case Packing packing -> {
                LineAnswer.LinePicked pick = packing.picks().get(line.getSku());
                yield pick == null ? "PICKING" : pick.missing() > 0 ? "MISSING" : "PICKED";
            }
            case Packed ignored -> "PACKED";
            case DelayedDispatch ignored -> "PACKED";
            case FailedDispatch ignored -> "PACKED";
            case Dispatched ignored -> "SHIPPED";
            case Released ignored -> "RELEASED";
            case New ignored -> "AWAITING";
        };
    }
}
