package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.streams.step.OutsideCalls;
import com.musiccorp.platform.streams.step.PendingCall;
import com.musiccorp.warehouse.domain.Carrier;
import com.musiccorp.warehouse.domain.DispatchRequest;
import com.musiccorp.warehouse.domain.FulfilmentInput;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.OrderFulfilmentDecider;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The order step's dispatch calls: the attempt an order waits for
 * ({@link OrderFulfilmentDecider#pendingDispatch}) is booked with the carrier once due, and the
 * carrier's answer is decided through the same step. The answer's trigger metadata is derived from
 * the order's state, so booking again after a crash yields events with the same ids. A carrier that
 * throws has not answered: the attempt is booked again at the next scan.
 */
final class CarrierCalls implements OutsideCalls<FulfilmentInput, OrderFulfilment, DispatchRequest> {

    private final Carrier carrier;
    /** Stamps each answer with when the carrier gave it: the time of the events it decides. */
    private final Clock clock;

    CarrierCalls(Carrier carrier, Clock clock) {
        this.carrier = carrier;
        this.clock = clock;
    }

    @Override
    public String system() {
        return "carrier";
    }

    @Override
    public String outcomeOf(FulfilmentInput answer) {
        return answer instanceof FulfilmentInput.CarrierAnswered a ? OutsideCalls.kind(a.result()) : "answered";
    }

    @Override
    public String correlationIdOf(DispatchRequest request) {
        return request.trigger().getCorrelationId();
    }

    @Override
    public List<PendingCall<DispatchRequest>> pending(OrderFulfilment state) {
        return OrderFulfilmentDecider.pendingDispatch(state)
                .map(request -> List.of(new PendingCall<>("dispatch#" + request.attempt(), request.dueAt(), request)))
                .orElse(List.of());
    }

    @Override
    public Optional<FulfilmentInput> call(String orderId, DispatchRequest request) {
        return Optional.of(request.bookWith(carrier, clock));
    }
}
