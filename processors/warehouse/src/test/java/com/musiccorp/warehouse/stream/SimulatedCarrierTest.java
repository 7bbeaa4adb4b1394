package com.musiccorp.warehouse.stream;

import com.musiccorp.warehouse.domain.DispatchResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedCarrierTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void capacityZeroNeverBooks() {
        SimulatedCarrier carrier = new SimulatedCarrier(0, clock);
        assertThat(carrier.book("o1", null, 1)).isInstanceOf(DispatchResult.NoCapacity.class);
    }

    @Test
    void takesAtMostItsCapacityPerRollingMinuteWithStableTrackingNumbers() {
        SimulatedCarrier carrier = new SimulatedCarrier(2, clock);
        DispatchResult first = carrier.book("o1", null, 1);
        assertThat(first).isInstanceOf(DispatchResult.Booked.class);
        assertThat(carrier.book("o2", null, 1)).isInstanceOf(DispatchResult.Booked.class);
        assertThat(carrier.book("o3", null, 1)).isInstanceOf(DispatchResult.NoCapacity.class);

        now.set(now.get().plus(Duration.ofSeconds(61)));
        assertThat(carrier.book("o1", null, 1)).isEqualTo(first);
    }
}
