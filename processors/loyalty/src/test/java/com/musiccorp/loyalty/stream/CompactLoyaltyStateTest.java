package com.musiccorp.loyalty.stream;

import com.musiccorp.loyalty.domain.Amount;
import com.musiccorp.loyalty.domain.Cause;
import com.musiccorp.loyalty.domain.CreditPoints;
import com.musiccorp.loyalty.domain.CustomerBalance;
import com.musiccorp.loyalty.domain.OrderPoints;
import com.musiccorp.loyalty.domain.OrderTerms;
import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.platform.streams.compact.CompactSerde;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CompactLoyaltyStateTest {

    private static final Cause DISPATCH = new Cause(UUID.randomUUID(), "corr-1",
            Instant.parse("2026-12-06T10:15:30.123456789Z"), "warehouse");
    private static final CreditPoints CREDIT = new CreditPoints("cust-1", "order-1", 42, new Amount(4_299, "GBP"),
            DISPATCH);

    @Test
    void everyStageOfAnOrdersPointsComesBackAsItWasWritten() {
        OrderTerms terms = new OrderTerms("cust-1", new Amount(4_299, "GBP"));
        List<UUID> seen = List.of(UUID.randomUUID(), UUID.randomUUID());
        List<OrderPoints> all = List.of(
                OrderPoints.initial(),
                new OrderPoints("order-1", terms, new OrderPoints.Stage.AwaitingDispatch(), seen),
                new OrderPoints("order-1", null, new OrderPoints.Stage.DispatchedBeforeOrder(DISPATCH), seen),
                new OrderPoints("order-1", terms, new OrderPoints.Stage.Credited(CREDIT), seen));

        for (OrderPoints points : all) {
            assertThat(roundTrip(LoyaltyStateSerde.orderPoints(), points)).isEqualTo(points);
        }
    }

    @Test
    void aBalanceWithItsRecentCreditsAndACreditComeBackAsTheyWereWritten() {
        CustomerBalance balance = CustomerBalance.initial();
        for (int i = 0; i < CustomerBalance.RECENT_CREDITS + 3; i++) {
            balance = balance.credit("cust-1", "order-" + i, i * 10L);
        }

        assertThat(roundTrip(LoyaltyStateSerde.customerBalance(), balance)).isEqualTo(balance);
        assertThat(roundTrip(LoyaltyStateSerde.creditPoints(), CREDIT)).isEqualTo(CREDIT);
    }

    @Test
    void valuesWrittenAsJsonBeforeAreStillRead() {
        OrderPoints credited = new OrderPoints("order-1", new OrderTerms("cust-1", new Amount(4_299, "GBP")),
                new OrderPoints.Stage.Credited(CREDIT), new ArrayList<>(List.of(UUID.randomUUID())));
        LoyaltyStateSerde.orderPoints(); // registers the stage's mix-in on the shared mapper
        byte[] json = new JsonSerde<>(OrderPoints.class).serializer().serialize("t", credited);

        assertThat(LoyaltyStateSerde.orderPoints().deserializer().deserialize("t", json)).isEqualTo(credited);
        byte[] creditJson = new JsonSerde<>(CreditPoints.class).serializer().serialize("t", CREDIT);
        assertThat(LoyaltyStateSerde.creditPoints().deserializer().deserialize("t", creditJson)).isEqualTo(CREDIT);
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        byte[] bytes = serde.serializer().serialize("t", value);
        assertThat(CompactSerde.isCompact(bytes)).isTrue();
        return serde.deserializer().deserialize("t", bytes);
    }
}
