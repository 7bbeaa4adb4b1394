package com.musiccorp.payments.domain;

import static com.musiccorp.payments.domain.Events.MISSING_AT;
import static com.musiccorp.payments.domain.Events.ORDER;
import static com.musiccorp.payments.domain.Events.RESERVED_AT;
import static com.musiccorp.payments.domain.Events.CANCELLED_AT;
import static com.musiccorp.payments.domain.Events.itemNotFound;
import static com.musiccorp.payments.domain.Events.orderCancelled;
import static com.musiccorp.payments.domain.Events.orderPlaced;
import static com.musiccorp.payments.domain.Events.stockInsufficient;
import static com.musiccorp.payments.domain.Events.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.payments.domain.ChargeOutcome.Approved;
import com.musiccorp.payments.domain.ChargeOutcome.DeclineCode;
import com.musiccorp.payments.domain.ChargeOutcome.Declined;
import com.musiccorp.payments.domain.ChargeOutcome.Transient;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live path (decide + evolve) and a rebuild (evolve only, over the recorded facts) must agree,
 * in every path of the saga, including rejections and duplicates: that is what lets the topology
 * restore from a changelog or replay without calling the gateway.
 */
class FoldReproducesStateTest {

    static final String TOKEN = "tok_visa";
    static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(4));

    static Stream<Arguments> paths() {
        return Stream.of(
                path("happy path", saga -> {
                    saga.given(orderPlaced(TOKEN), stockReserved());
                    saga.answerCharge(new Approved("ch_1"), RESERVED_AT.plusSeconds(1));
                }),
                path("reservation before order", saga -> {
                    saga.given(stockReserved(), orderPlaced(TOKEN));
                    saga.answerCharge(new Approved("ch_1"), RESERVED_AT.plusSeconds(1));
                }),
                path("insufficient stock", saga -> saga.given(orderPlaced(TOKEN), stockInsufficient(),
                        stockReserved(ORDER, "late"))),
                path("declined", saga -> {
                    saga.given(orderPlaced(TOKEN), stockReserved());
                    saga.answerCharge(new Declined("no", DeclineCode.DECLINED), RESERVED_AT.plusSeconds(1));
                }),
                path("retries exhausted, looked up, not found", saga -> {
                    saga.given(orderPlaced(TOKEN), stockReserved());
                    for (int i = 1; i <= POLICY.maxAttempts(); i++) {
                        saga.answerCharge(new Transient("503"), RESERVED_AT.plusSeconds(i * 10L));
                    }
                    saga.answerLookup(new LookupOutcome.Transient("503"), RESERVED_AT.plusSeconds(90));
                    saga.answerLookup(new LookupOutcome.NotFound("404"), RESERVED_AT.plusSeconds(99));
                }),
                path("retries exhausted, looked up, captured, cancelled meanwhile, refunded", saga -> {
                    saga.given(orderPlaced(TOKEN), stockReserved()).failEveryAttempt(RESERVED_AT);
                    saga.given(orderCancelled(CancellationReason.DISPATCH_FAILED));
                    saga.answerLookup(new LookupOutcome.Captured("ch_1"), CANCELLED_AT.plusSeconds(1));
                    saga.answerRefund(new RefundOutcome.Refunded("re_1"), CANCELLED_AT.plusSeconds(2));
                }),
                path("stopped mid-lookup", saga -> {
                    saga.given(orderPlaced(TOKEN), stockReserved()).failEveryAttempt(RESERVED_AT);
                    saga.answerLookup(new LookupOutcome.Transient("503"), RESERVED_AT.plusSeconds(90));
                }),
                path("retry then approved, with duplicates and rejections", saga -> {
                    saga.given(orderPlaced(TOKEN), stockReserved(), stockReserved(), itemNotFound("early"));
                    saga.answerCharge(new Transient("503"), RESERVED_AT.plusSeconds(1));
                    saga.answerCharge(new Approved("ch_1"), RESERVED_AT.plusSeconds(3));
                    saga.given(stockReserved(ORDER, "again"), orderPlaced(TOKEN));
                }),
                path("refunded", saga -> {
                    saga.given(orderPlaced(TOKEN), stockReserved());
                    saga.answerCharge(new Approved("ch_1"), RESERVED_AT.plusSeconds(1));
                    saga.given(itemNotFound("1"));
                    saga.answerRefund(new RefundOutcome.Transient("503"), MISSING_AT.plusSeconds(1));
                    saga.given(itemNotFound("2"));
                    saga.answerRefund(new RefundOutcome.Refunded("re_1"), MISSING_AT.plusSeconds(9));
                }),
                path("refund refused", saga -> {
                    saga.given(orderPlaced(TOKEN), stockReserved());
                    saga.answerCharge(new Approved("ch_1"), RESERVED_AT.plusSeconds(1));
                    saga.given(itemNotFound("1"));
                    saga.answerRefund(new RefundOutcome.Refused("unknown charge"), MISSING_AT.plusSeconds(1));
                }),
                path("cancelled after payment, refunded", saga -> {
                    saga.given(orderPlaced(TOKEN), stockReserved());
                    saga.answerCharge(new Approved("ch_1"), RESERVED_AT.plusSeconds(1));
                    saga.given(orderCancelled(CancellationReason.DISPATCH_FAILED));
                    saga.answerRefund(new RefundOutcome.Transient("503"), CANCELLED_AT.plusSeconds(1));
                    saga.given(orderCancelled(CancellationReason.OPERATOR), itemNotFound("late"));
                    saga.answerRefund(new RefundOutcome.Refunded("re_1"), CANCELLED_AT.plusSeconds(9));
                }),
                path("cancelled before the charge", saga -> saga.given(orderPlaced(TOKEN),
                        orderCancelled(CancellationReason.INSUFFICIENT_STOCK), stockReserved())),
                path("cancelled mid-charge, then taken and refunded", saga -> {
                    saga.given(orderPlaced(TOKEN), stockReserved(), orderCancelled(CancellationReason.OPERATOR));
                    saga.answerCharge(new Approved("ch_1"), CANCELLED_AT.plusSeconds(1));
                    saga.answerRefund(new RefundOutcome.Refunded("re_1"), CANCELLED_AT.plusSeconds(2));
                }),
                path("stopped mid-charge", saga -> saga.given(orderPlaced(TOKEN), stockReserved())));
    }

    static Arguments path(String name, Consumer<Saga> script) {
        return Arguments.of(name, script);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void foldingTheEmittedFactsFromTheInitialStateReproducesTheLiveState(String name, Consumer<Saga> script) {
        Saga live = new Saga(new PaymentDecider(POLICY));
        script.accept(live);

        Payment rebuilt = live.decider.fold(live.log);

        assertThat(rebuilt).isEqualTo(live.state);
        assertThat(rebuilt.pendingCall()).isEqualTo(live.state.pendingCall());
    }
}
