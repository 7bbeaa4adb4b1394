package com.musiccorp.platform.streams.step;

import java.time.Instant;
import java.util.Objects;

/**
 * A call to an outside system that a state waits for: recorded in the state (the intent) before it
 * is made, so it survives a crash and is made again with the same {@code id}.
 *
 * @param id    the call's identity: a retry of the same intent is a new attempt, so a new id (e.g.
 *              idempotency key and attempt); an answer is applied only while its call's id is pending
 * @param dueAt not before this instant (a back-off); a first attempt is due when it was decided
 * @param call  what to send
 */
public record PendingCall<C>(String id, Instant dueAt, C call) {

    public PendingCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(call, "call");
    }

    boolean isDueAt(Instant now) {
        return !dueAt.isAfter(now);
    }
}
