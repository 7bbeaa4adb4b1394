package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaStatus;

import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys of the index stores. Times are zero-padded epoch millis, so the stores' byte order
 * (RocksDB) is time order and "everything up to T" is one range scan.
 * <ul>
 *   <li>status index: {@code STATUS|statusSince|orderId}, every saga once, re-keyed only when its
 *       status changes;</li>
 *   <li>stall index: {@code checkAt|orderId}, when to look whether a saga that can stall has.</li>
 * </ul>
 */
final class IndexKeys {

    static final String SEPARATOR = "|";
    /** Sorts after every correlation id (its UTF-8 bytes are above any ASCII byte). */
    static final String HIGH = "\uffff";

    private IndexKeys() {
    }

    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);
    private static final Pattern STATUS_KEY = Pattern.compile(
            "([A-Z_]+)\\|([0-9]{20})\\|(.+)", Pattern.DOTALL);

    /**
     * Any instant as an index time: clamped to [epoch, Long.MAX_VALUE ms], which holds every
     * wall-clock time a saga can have, so an ISO instant far in the past or future is still a bound.
     */
    static String time(Instant at) {
        Instant clamped = at.isBefore(Instant.EPOCH) ? Instant.EPOCH : at.isAfter(LATEST) ? LATEST : at;
        // Not String.format: this runs several times per event folded, and Formatter parses its pattern each time.
        String digits = Long.toString(clamped.toEpochMilli());
        return "0".repeat(20 - digits.length()) + digits;
    }

    /** The first index time at or after {@code at} (index times are whole milliseconds). */
    static String timeFrom(Instant at) {
        boolean partialMilli = at.getNano() % 1_000_000 != 0;
        return time(partialMilli && at.isBefore(LATEST) ? at.plusNanos(1_000_000 - at.getNano() % 1_000_000) : at);
    }

    /** Whether {@code key} has the shape of a status-index key of a known status. */
    static boolean isStatusKey(String key) {
        Matcher m = STATUS_KEY.matcher(key);
        return m.matches() && Arrays.stream(SagaStatus.values()).anyMatch(s -> s.name().equals(m.group(1)));
    }

    static String status(Saga saga) {
        return status(saga.status(), saga.statusSince(), saga.orderId());
    }

    static String status(SagaStatus status, Instant statusSince, String orderId) {
        return status.name() + SEPARATOR + time(statusSince) + SEPARATOR + orderId;
    }

    static String stallCheck(Instant checkAt, String orderId) {
        return time(checkAt) + SEPARATOR + orderId;
    }

    /** The saga's key (its order id) at the end of either kind of key. */
    static String sagaKeyOf(String key) {
        String[] parts = key.split("\\|", -1);
        return parts[parts.length - 1];
    }
}
