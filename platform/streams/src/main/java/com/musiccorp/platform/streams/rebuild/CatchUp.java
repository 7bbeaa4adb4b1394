package com.musiccorp.platform.streams.rebuild;

import java.time.Duration;

/**
 * When a rebuild has caught up with the topics it reads, while they may still be written to. Its
 * lag is measured on committed offsets, and it commits only every few seconds: under a steady
 * load the records that arrive between two of its commits are always behind, so a lag of exactly
 * zero waited for the load to stop (a fault run's rebuild took 303 s, until its 10,000 orders were
 * all in). Like Kafka Streams' {@code acceptable.recovery.lag} for a warm-up replica, a lag within
 * what arrives in one commit interval and one sample counts as caught up. With nothing arriving
 * that is no lag at all: a rebuild of quiet topics takes over only once it has read everything.
 */
final class CatchUp {

    private final Duration window;
    private long lastEnds = -1;
    private long lastNanos;
    private double arrivalsPerSecond;

    /** @param window the rebuild's commit interval plus how often its lag is sampled */
    CatchUp(Duration window) {
        this.window = window;
    }

    /**
     * The sum of the end offsets of the input topics at {@code nanos}: how fast others write them. Not
     * the rebuild's own repartition topics, which it writes itself while it has work left.
     */
    void ends(long ends, long nanos) {
        if (lastEnds >= 0 && nanos > lastNanos) {
            arrivalsPerSecond = Math.max(0, ends - lastEnds) / ((nanos - lastNanos) / 1e9);
        }
        lastEnds = ends;
        lastNanos = nanos;
    }

    /** The lag still counted as caught up: what arrives in one window at the last measured rate. */
    long acceptableLag() {
        return (long) Math.ceil(arrivalsPerSecond * window.toNanos() / 1e9);
    }

    boolean caughtUp(long lag) {
        return lag >= 0 && lag <= acceptableLag();
    }
}
