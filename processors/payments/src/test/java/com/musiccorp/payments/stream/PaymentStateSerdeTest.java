package com.musiccorp.payments.stream;

import static com.musiccorp.payments.domain.Events.RESERVED_AT;
import static com.musiccorp.payments.domain.Events.itemNotFound;
import static com.musiccorp.payments.domain.Events.orderCancelled;
import static com.musiccorp.payments.domain.Events.orderPlaced;
import static com.musiccorp.payments.domain.Events.stockInsufficient;
import static com.musiccorp.payments.domain.Events.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.payments.domain.ChargeOutcome;
import com.musiccorp.payments.domain.Payment;
import com.musiccorp.payments.domain.RefundOutcome;
import com.musiccorp.payments.domain.Saga;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.platform.streams.compact.CompactSerde;
import java.util.ArrayList;
import java.util.List;

/** Every stage a Payment can be in survives the store's compact format, and its earlier JSON, unchanged. */
class PaymentStateSerdeTest {

    final Serde<Payment> serde = PaymentStateSerde.create();

    Payment roundTrip(Payment payment) {
        byte[] bytes = serde.serializer().serialize("payments-store-changelog", payment);
        return serde.deserializer().deserialize("payments-store-changelog", bytes);
    }

    @Test
    void everyStageRoundTrips() throws Exception {
        List<Payment> states = new ArrayList<>();
        states.add(new Saga().state);
        states.add(new Saga().given(orderPlaced("tok_visa")).state);
        states.add(new Saga().given(stockReserved()).state);
        states.add(new Saga().given(orderPlaced("tok_visa"), stockInsufficient()).state);
        Saga charging = new Saga().given(orderPlaced("tok_visa"), stockReserved());
        states.add(charging.state);
        charging.answerCharge(new ChargeOutcome.Transient("timeout"), RESERVED_AT.plusMillis(100));
        states.add(charging.state);
        charging.answerCharge(new ChargeOutcome.Approved("ch_000001"), RESERVED_AT.plusSeconds(2));
        states.add(charging.state);
        charging.given(itemNotFound("1"));
        states.add(charging.state);
        Saga refunded = new Saga().given(orderPlaced("tok_visa"), stockReserved());
        refunded.answerCharge(new ChargeOutcome.Approved("ch_1"), RESERVED_AT.plusSeconds(1));
        refunded.given(itemNotFound("1"));
        Saga blocked = new Saga().given(orderPlaced("tok_visa"), stockReserved());
        blocked.answerCharge(new ChargeOutcome.Approved("ch_1"), RESERVED_AT.plusSeconds(1));
        blocked.given(itemNotFound("1"));
        refunded.answerRefund(new RefundOutcome.Refunded("re_1"), RESERVED_AT.plusSeconds(700));
        blocked.answerRefund(new RefundOutcome.Refused("no"), RESERVED_AT.plusSeconds(700));
        states.add(refunded.state);
        states.add(blocked.state);
        Saga failed = new Saga().given(orderPlaced("tok_decline"), stockReserved());
        failed.answerCharge(new ChargeOutcome.Declined("no", ChargeOutcome.DeclineCode.DECLINED), RESERVED_AT);
        states.add(failed.state);
        Saga lookingUp = new Saga().given(orderPlaced("tok_visa"), stockReserved()).failEveryAttempt(RESERVED_AT);
        lookingUp.answerLookup(new com.musiccorp.payments.domain.LookupOutcome.Transient("503"),
                RESERVED_AT.plusSeconds(900));
        states.add(lookingUp.state);

        assertThat(states).extracting(s -> s.stage().label()).containsExactly("NEW", "AWAITING_RESERVATION",
                "RESERVED_BEFORE_ORDER", "NOT_CHARGED", "CHARGING", "CHARGING", "PAID", "REFUNDING", "REFUNDED",
                "REFUND_BLOCKED", "FAILED", "LOOKING_UP_CHARGE");
        Serde<Payment> earlierFormat = new JsonSerde<>(Payment.class);
        for (Payment state : states) {
            assertThat(CompactSerde.isCompact(serde.serializer().serialize("t", state))).isTrue();
            assertThat(roundTrip(state)).isEqualTo(state);
            // A value the store held in the JSON (Smile) format it had before is still read.
            byte[] smile = earlierFormat.serializer().serialize("t", state);
            assertThat(serde.deserializer().deserialize("t", smile)).isEqualTo(state);
        }
    }

    @Test
    void aCancellationRoundTripsWithItsReasonAndCause() {
        Saga cancelled = new Saga().given(orderPlaced("tok_visa"), stockReserved(),
                orderCancelled(CancellationReason.DISPATCH_FAILED));

        Payment restored = roundTrip(cancelled.state);

        assertThat(restored).isEqualTo(cancelled.state);
        assertThat(restored.cancelled().code()).isEqualTo(CancellationReason.DISPATCH_FAILED);
    }
}
