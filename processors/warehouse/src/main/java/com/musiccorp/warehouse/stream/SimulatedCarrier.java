package com.musiccorp.warehouse.stream;

import com.musiccorp.events.Address;
import com.musiccorp.warehouse.domain.Carrier;
import com.musiccorp.warehouse.domain.DispatchResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A stand-in carrier: takes at most {@code capacityPerMinute} packages in any rolling minute and
 * has no capacity beyond that; capacity 0 never has any. Tracking numbers are derived from the
 * order and attempt, so booking the same attempt twice gives the same number.
 */
public final class SimulatedCarrier implements Carrier {

    public static final String NAME = "SimPost";

    private final int capacityPerMinute;
    private final Clock clock;
    private final Deque<Instant> recentBookings = new ArrayDeque<>();

    public SimulatedCarrier(int capacityPerMinute, Clock clock) {
        if (capacityPerMinute < 0) {
            throw new IllegalArgumentException("capacity cannot be negative: " + capacityPerMinute);
        }
        this.capacityPerMinute = capacityPerMinute;
        this.clock = clock;
    }

    @Override
    public synchronized DispatchResult book(String orderId, Address address, int attempt) {
        Instant now = clock.instant();
        while (!recentBookings.isEmpty() && recentBookings.peekFirst().isBefore(now.minus(Duration.ofMinutes(1)))) {
            recentBookings.removeFirst();
        }
        if (recentBookings.size() >= capacityPerMinute) {
            return DispatchResult.noCapacity(NAME + " has no capacity (" + capacityPerMinute + " per minute)");
        }
        recentBookings.addLast(now);
        return DispatchResult.booked(NAME, "SP" + Integer.toUnsignedString((orderId + "/" + attempt).hashCode(), 36)
                .toUpperCase());
    }
}
