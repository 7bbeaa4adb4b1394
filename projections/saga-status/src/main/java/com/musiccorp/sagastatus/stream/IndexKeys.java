package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaStatus;

import java.time.Instant;

/**
 * Keys of the index stores. Times are zero-padded epoch millis, so the stores' byte order
 * (RocksDB) is time order and "everything up to T" is one range scan.
 * <ul>
 *   <li>status index: {@code STATUS|updatedAt|correlationId}, every saga once;</li>
 *   <li>stall index: {@code lastProgressAt|correlationId}, only sagas that can still stall.</li>
 * </ul>
 */
final class IndexKeys {

    static final String SEPARATOR = "|";
    /** Sorts after every correlation id (its UTF-8 bytes are above any ASCII byte). */
    static final String HIGH = "\uffff";

    private IndexKeys() {
    }

    static String time(Instant at) {
        return String.format("%020d", Math.max(0, at.toEpochMilli()));
    }

    static String status(Saga saga) {
        return status(saga.status(), saga.updatedAt(), saga.correlationId());
    }

    static String status(SagaStatus status, Instant updatedAt, String correlationId) {
        return status.name() + SEPARATOR + time(updatedAt) + SEPARATOR + correlationId;
    }

    static String stall(Saga saga) {
        return time(saga.lastProgressAt()) + SEPARATOR + saga.correlationId();
    }

    /** The correlation id at the end of either kind of key. */
    static String correlationIdOf(String key) {
        String[] parts = key.split("\\|", -1);
        return parts[parts.length - 1];
    }
}
