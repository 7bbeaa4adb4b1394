package com.musiccorp.warehouse.stream;

import com.musiccorp.events.Address;
import com.musiccorp.warehouse.domain.Carrier;
import com.musiccorp.warehouse.domain.DispatchRequest;
import com.musiccorp.warehouse.domain.DispatchResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
            assertThat(book(carrier, "o" + i, null, 1)).isInstanceOf(DispatchResult.Booked.class);
        }
        assertThat(book(carrier, "o-novan", address("NOVAN 1"), 1)).isInstanceOf(DispatchResult.NoCapacity.class);
        assertThat(book(carrier, "o-novan", address("NOVAN 1"), 2)).isInstanceOf(DispatchResult.Booked.class);
    }

    @Test
    void capacityZeroNeverBooks() {
        SimulatedCarrier carrier = new SimulatedCarrier(0, clock);
        assertThat(book(carrier, "o1", null, 1)).isInstanceOf(DispatchResult.NoCapacity.class);
    }

    @Test
    void takesAtMostItsCapacityPerRollingMinuteWithStableTrackingNumbers() {
        SimulatedCarrier carrier = new SimulatedCarrier(2, clock);
        DispatchResult first = book(carrier, "o1", null, 1);
        assertThat(first).isInstanceOf(DispatchResult.Booked.class);
        assertThat(book(carrier, "o2", null, 1)).isInstanceOf(DispatchResult.Booked.class);
        assertThat(book(carrier, "o3", null, 1)).isInstanceOf(DispatchResult.NoCapacity.class);

        now.set(now.get().plus(Duration.ofSeconds(61)));
        assertThat(book(carrier, "o1", null, 1)).isEqualTo(first);
    }

    @Test
    void aNoVanPostalCodeIsRefusedForItsFirstAttemptsOnlyAndTakesNoCapacity() {
        SimulatedCarrier carrier = new SimulatedCarrier(1, clock);
        Address noVan = address("NOVAN 2");
        assertThat(book(carrier, "o1", noVan, 1)).isInstanceOf(DispatchResult.NoCapacity.class);
        assertThat(book(carrier, "o1", noVan, 2)).isInstanceOfSatisfying(DispatchResult.NoCapacity.class,
                refused -> assertThat(refused.reason()).contains("no van for postal code NOVAN 2"));
        assertThat(book(carrier, "o1", noVan, 3)).isInstanceOf(DispatchResult.Booked.class);
        assertThat(book(carrier, "o2", address("N1 9GU"), 1)).as("capacity 1 was used by o1's third attempt")
                .isInstanceOf(DispatchResult.NoCapacity.class);

        assertThat(SimulatedCarrier.noVanAttempts(address("novan-3"))).isEqualTo(3);
        assertThat(SimulatedCarrier.noVanAttempts(address("NOVAN5"))).isEqualTo(5);
        assertThat(SimulatedCarrier.noVanAttempts(address("NOVANX"))).isZero();
        assertThat(SimulatedCarrier.noVanAttempts(address("SW1A 1AA"))).isZero();
        assertThat(SimulatedCarrier.noVanAttempts(null)).isZero();
    }

    @Test
    void theSameBookingKeyGetsTheSameAnswerAndBooksNoSecondVan() {
        SimulatedCarrier carrier = new SimulatedCarrier(2, clock);
        UUID key = DispatchRequest.bookingKey("o1", 1);

        DispatchResult first = carrier.book(key, "o1", null, 1);
        // the same attempt booked again after a crash lost its answer: recognised, nothing booked
        assertThat(carrier.book(key, "o1", null, 1)).isEqualTo(first).isInstanceOf(DispatchResult.Booked.class);
        assertThat(carrier.book(key, "o1", null, 1)).isEqualTo(first);
        assertThat(carrier.bookings()).isEqualTo(1);
        assertThat(book(carrier, "o2", null, 1)).as("one van left: the repeats used none")
                .isInstanceOf(DispatchResult.Booked.class);
        assertThat(carrier.bookings()).isEqualTo(2);
    }

    @Test
    void aRefusedAttemptIsRefusedAgainForItsKeyAndTheNextAttemptIsANewBooking() {
        SimulatedCarrier carrier = new SimulatedCarrier(SimulatedCarrier.UNLIMITED, clock);
        Address noVan = address("NOVAN 1");

        assertThat(book(carrier, "o1", noVan, 1)).isInstanceOf(DispatchResult.NoCapacity.class);
        assertThat(book(carrier, "o1", noVan, 1)).isInstanceOf(DispatchResult.NoCapacity.class);
        assertThat(book(carrier, "o1", noVan, 2)).isInstanceOf(DispatchResult.Booked.class);
        assertThat(carrier.bookings()).isEqualTo(1);
    }

    @Test
    void aBookingKeyIsOnePerOrderAndAttemptAndIsWhatADispatchRequestSends() {
        assertThat(DispatchRequest.bookingKey("o1", 1)).isEqualTo(DispatchRequest.bookingKey("o1", 1))
                .isNotEqualTo(DispatchRequest.bookingKey("o1", 2))
                .isNotEqualTo(DispatchRequest.bookingKey("o2", 1));
        List<UUID> sent = new ArrayList<>();
        DispatchRequest request = new DispatchRequest("o1", null, 3, Instant.EPOCH, null);
        Carrier recording = (key, orderId, address, attempt) -> {
            sent.add(key);
            return DispatchResult.booked("T", "T-1");
        };

        request.bookWith(recording, java.time.Clock.systemUTC());
        request.bookWith(recording, java.time.Clock.systemUTC());

        assertThat(sent).containsExactly(DispatchRequest.bookingKey("o1", 3), DispatchRequest.bookingKey("o1", 3));
    }

    private static DispatchResult book(SimulatedCarrier carrier, String orderId, Address address, int attempt) {
        return carrier.book(DispatchRequest.bookingKey(orderId, attempt), orderId, address, attempt);
    }

    private static Address address(String postalCode) {
        return new Address("Ada Lovelace", "1 Analytical Way", null, "London", postalCode, "GB");
    }
}
