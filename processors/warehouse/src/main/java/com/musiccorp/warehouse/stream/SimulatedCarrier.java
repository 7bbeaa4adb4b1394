package com.musiccorp.warehouse.stream;

import com.musiccorp.events.Address;
import com.musiccorp.warehouse.domain.Carrier;
import com.musiccorp.warehouse.domain.DispatchResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in carrier: takes every package ({@link #UNLIMITED}, a fixed cost per booking), or, with a
 * capacity, at most {@code capacityPerMinute} packages in any rolling minute and none beyond that;
 * capacity 0 never has any. Tracking numbers are derived from the order and attempt.
 *
 * <p>Idempotent by booking key, like a real carrier API's idempotency key: the first call with a key
 * is answered by the rules below and its answer kept; every later call with that key gets the same
 * answer and books nothing (no second van, no capacity used). A new attempt comes with a new key.
 * The latest {@value #KEYS_KEPT} keys are kept.
 *
 * <p>One deterministic rule, like the payment gateway's tokens, so a failed dispatch can be driven
 * for one order without starving the others: a shipping address whose postal code is
 * {@code NOVAN <n>} (case-insensitive; {@code NOVAN-2}, {@code novan2} too) finds no van for the
 * order's first {@code n} attempts, and is booked from attempt {@code n + 1} (capacity permitting).
 * With {@code WAREHOUSE_DISPATCH_MAX_ATTEMPTS=n} that is DispatchFailed, then an operator's retry
 * succeeds.
 */
public final class SimulatedCarrier implements Carrier {

    public static final String NAME = "SimPost";
    /** No capacity limit: every booking is taken. */
    public static final int UNLIMITED = -1;
    static final int KEYS_KEPT = 200_000;
    private static final Pattern NO_VAN = Pattern.compile("(?i)^\\s*NOVAN[ -]?(\\d{1,4})\\s*$");

    private final int capacityPerMinute;
    private final Clock clock;
    private final Deque<Instant> recentBookings = new ArrayDeque<>();
    /**
     * The answers of the latest {@value #KEYS_KEPT} keys, oldest dropped first: a key is repeated when
     * an answer was lost, within seconds or minutes, so the memory stays bounded however long it runs
     * (a real carrier keeps keys for a day or so).
     */
    private final Map<UUID, DispatchResult> answered = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, DispatchResult> eldest) {
            return size() > KEYS_KEPT;
        }
    };
    private int bookings;

    public SimulatedCarrier(int capacityPerMinute, Clock clock) {
        if (capacityPerMinute < 0 && capacityPerMinute != UNLIMITED) {
            throw new IllegalArgumentException("capacity cannot be negative: " + capacityPerMinute);
        }
        this.capacityPerMinute = capacityPerMinute;
        this.clock = clock;
    }

    @Override
    public synchronized DispatchResult book(UUID bookingKey, String orderId, Address address, int attempt) {
        DispatchResult earlier = answered.get(bookingKey);
        if (earlier != null) {
            return earlier;
        }
        DispatchResult answer = decide(orderId, address, attempt);
        answered.put(bookingKey, answer);
        if (answer instanceof DispatchResult.Booked) {
            bookings++;
        }
        return answer;
    }

    /** How many vans were booked: one per key that got a booking, however often it was asked. */
    public synchronized int bookings() {
        return bookings;
    }

    private DispatchResult decide(String orderId, Address address, int attempt) {
        int noVanAttempts = noVanAttempts(address);
        if (attempt <= noVanAttempts) {
            return DispatchResult.noCapacity(NAME + " has no van for postal code " + address.getPostalCode()
                    + " (attempt " + attempt + " of the first " + noVanAttempts + ")");
        }
        if (capacityPerMinute == UNLIMITED) {
            return booked(orderId, attempt);
        }
        Instant now = clock.instant();
        while (!recentBookings.isEmpty() && recentBookings.peekFirst().isBefore(now.minus(Duration.ofMinutes(1)))) {
            recentBookings.removeFirst();
        }
        if (recentBookings.size() >= capacityPerMinute) {
            return DispatchResult.noCapacity(NAME + " has no capacity (" + capacityPerMinute + " per minute)");
        }
        recentBookings.addLast(now);
        return booked(orderId, attempt);
    }

    private static DispatchResult booked(String orderId, int attempt) {
        return DispatchResult.booked(NAME, "SP" + Integer.toUnsignedString((orderId + "/" + attempt).hashCode(), 36)
                .toUpperCase());
    }

    /** Attempts the {@code NOVAN <n>} rule refuses for this address; 0 for any other address. */
    static int noVanAttempts(Address address) {
        if (address == null || address.getPostalCode() == null) {
            return 0;
        }
        Matcher matcher = NO_VAN.matcher(address.getPostalCode());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
