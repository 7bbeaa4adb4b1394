package com.musiccorp.warehouse.stream;

/**
 * A record on warehouse.stock that the stock refused (a bound broken, or too old to count once).
 * Thrown before anything is written, so Kafka Streams' processing exception handler sends the
 * original record to {@code warehouse.dlq} with this message in {@code __streams.errors.message},
 * and processing goes on: a refused receipt is seen, never dropped.
 */
final class StockInputRefused extends RuntimeException {

    StockInputRefused(String message) {
        super(message, null, false, false);
    }
}
