package com.musiccorp.platform.streams.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * Where a rebuild stands, as {@code GET /admin/<context>/rebuild} and {@code musiccorp cli replay}
 * show it.
 *
 * @param eventsDone      records of the input topics the rebuild has read
 * @param eventsPerSecond {@code eventsDone} over the time since it started
 * @param remainingLag    records of the input topics not read yet (end offsets minus committed)
 * @param deadLetters     records the rebuild could not read or fold, kept in its own dead-letter topic
 *                        ({@code <applicationId>-dead-letters}), never in the context's
 * @param asOf            only events up to this time are folded; null for "everything"
 * @param digest          the rebuilt state's digest once caught up; null before
 * @param serving         the application id serving queries now (the rebuild's own after a switch)
 */
public record RebuildStatus(
        String context,
        int generation,
        String applicationId,
        Phase phase,
        Instant asOf,
        Instant startedAt,
        Instant caughtUpAt,
        long eventsDone,
        double eventsPerSecond,
        long remainingLag,
        long deadLetters,
        List<String> inputTopics,
        StateDigest.Digest digest,
        String serving,
        String message) {

    public enum Phase {
        /** Reading the input topics from the beginning into its own state; the old state serves. */
        REBUILDING,
        /** Caught up and now serving: the previous generation is closed and deleted. */
        SWITCHED,
        /** Caught up and kept beside the live state without serving (an "as of" rebuild, or a verify). */
        CAUGHT_UP,
        /** Stopped by an error; the live state was never touched. */
        FAILED,
        /** Discarded on request: its state and topics are deleted. */
        DISCARDED;

        public boolean finished() {
            return this != REBUILDING;
        }
    }
}
