package com.musiccorp.warehouse.stream;

import com.musiccorp.events.Address;
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
    void unlimitedTakesEveryPackageButStillKeepsTheNoVanRule() {
        SimulatedCarrier carrier = new SimulatedCarrier(SimulatedCarrier.UNLIMITED, clock);
        for (int i = 0; i < 10_000; i++) {
            assertThat(carrier.book("o" + i, null, 1)).isInstanceOf(DispatchResult.Booked.class);
        }
        assertThat(carrier.book("o-novan", address("NOVAN 1"), 1)).isInstanceOf(DispatchResult.NoCapacity.class);
        assertThat(carrier.book("o-novan", address("NOVAN 1"), 2)).isInstanceOf(DispatchResult.Booked.class);
    }

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

    @Test
    void aNoVanPostalCodeIsRefusedForItsFirstAttemptsOnlyAndTakesNoCapacity() {
        SimulatedCarrier carrier = new SimulatedCarrier(1, clock);
        Address noVan = address("NOVAN 2");
        assertThat(carrier.book("o1", noVan, 1)).isInstanceOf(DispatchResult.NoCapacity.class);
        assertThat(carrier.book("o1", noVan, 2)).isInstanceOfSatisfying(DispatchResult.NoCapacity.class,
                refused -> assertThat(refused.reason()).contains("no van for postal code NOVAN 2"));
        assertThat(carrier.book("o1", noVan, 3)).isInstanceOf(DispatchResult.Booked.class);
        assertThat(carrier.book("o2", address("N1 9GU"), 1)).as("capacity 1 was used by o1's third attempt")
                .isInstanceOf(DispatchResult.NoCapacity.class);

        assertThat(SimulatedCarrier.noVanAttempts(address("novan-3"))).isEqualTo(3);
        assertThat(SimulatedCarrier.noVanAttempts(address("NOVAN5"))).isEqualTo(5);
        assertThat(SimulatedCarrier.noVanAttempts(address("NOVANX"))).isZero();
        assertThat(SimulatedCarrier.noVanAttempts(address("SW1A 1AA"))).isZero();
        assertThat(SimulatedCarrier.noVanAttempts(null)).isZero();
    }

    private static Address address(String postalCode) {
        return new Address("Ada Lovelace", "1 Analytical Way", null, "London", postalCode, "GB");
    }
}
