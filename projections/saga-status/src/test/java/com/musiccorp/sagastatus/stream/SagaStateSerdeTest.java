package com.musiccorp.sagastatus.stream;

import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.platform.streams.compact.CompactSerde;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.Step;
import com.musiccorp.sagastatus.domain.TransitionStats;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SagaStateSerdeTest {

    static final Instant AT = Instant.parse("2026-12-06T05:40:00.125Z");

    static Saga completedSaga() {
        List<Step> steps = List.of(
                new Step("e1", "OrderPlaced", "orders", null, AT, 0, "2 lines, £25.99", null),
                new Step("e2", "StockReserved", "warehouse", "e1", AT.plusMillis(40), 40, "reserved 2 units", null),
                new Step("e3", "PaymentFailed", "payments", "e2", AT.plusMillis(90), 50, "declined",
                        "card declined: insufficient funds"),
                new Step("e4", "OrderCancelled", "orders", "e3", AT.plusNanos(90_000_001), 0, "cancelled", "déclinée"));
        return new Saga("corr-1", "order-1", "customer-1", steps, AT.plusSeconds(1), null, 3,
                List.of("OrderPlaced", "StockReserved", "PaymentFailed", "OrderCancelled", "NotificationSent"),
                AT.plusSeconds(1));
    }

    @Test
    void aSagaComesBackEqualAndSmallerThanItsSmile() {
        Serde<Saga> serde = SagaStateSerde.saga();
        Saga saga = completedSaga();

        byte[] compact = serde.serializer().serialize("sagas-store", saga);
        byte[] smile = new JsonSerde<>(Saga.class).serializer().serialize("sagas-store", saga);

        assertThat(CompactSerde.isCompact(compact)).isTrue();
        assertThat(serde.deserializer().deserialize("sagas-store", compact)).isEqualTo(saga);
        assertThat(compact.length).isLessThan(smile.length);
    }

    @Test
    void aStalledSagaWithoutACustomerComesBackEqual() {
        Saga stalled = new Saga("corr-2", "order-2", null,
                List.of(new Step("e1", "OrderPlaced", "orders", null, AT, 0, null, null)), AT, AT.plusSeconds(30), 0,
                List.of("OrderPlaced"), AT.plusSeconds(30));
        Serde<Saga> serde = SagaStateSerde.saga();

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", stalled))).isEqualTo(stalled);
    }

    @Test
    void aSagaStoredAsSmileBeforeIsStillRead() {
        Saga saga = completedSaga();
        byte[] smile = new JsonSerde<>(Saga.class).serializer().serialize("sagas-store", saga);

        assertThat(SagaStateSerde.saga().deserializer().deserialize("sagas-store", smile)).isEqualTo(saga);
    }

    @Test
    void transitionStatisticsComeBackEqualEmptyOrNotAndOldOnesAreStillRead() {
        Serde<TransitionStats> serde = SagaStateSerde.transitionStats();
        TransitionStats empty = TransitionStats.empty("OrderPlaced", "StockReserved");
        TransitionStats some = empty.record(0).record(37).record(1_250).record(86_400_001);

        for (TransitionStats stats : List.of(empty, some)) {
            assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", stats))).isEqualTo(stats);
        }
        byte[] smile = new JsonSerde<>(TransitionStats.class).serializer().serialize("t", some);
        assertThat(serde.deserializer().deserialize("t", smile)).isEqualTo(some);
    }
}
