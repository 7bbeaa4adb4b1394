package com.musiccorp.sagastatus.domain;

/** Where a saga stands; the rules are in {@link Saga#status()} and the module's README. */
public enum SagaStatus {
    IN_PROGRESS, COMPLETED, COMPENSATING, CANCELLED, NEEDS_ATTENTION, STALLED;

    /** Nothing more is expected: such a saga never stalls. */
    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED;
    }

    /** Waiting for a context (not a person): may stall. */
    public boolean canStall() {
        return this == IN_PROGRESS || this == COMPENSATING;
    }
}
