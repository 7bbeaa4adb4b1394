package com.musiccorp.sagastatus.domain;

import java.time.Instant;

/**
 * One event in a saga's timeline.
 *
 * @param sincePreviousMillis event time since the previous step shown in the timeline (0 for the first)
 * @param summary             at most {@link TimelineBounds#MAX_TEXT_LENGTH} characters, as is {@code reason}
 */
public record Step(
        String eventId,
        String eventType,
        String context,
        String causationId,
        Instant occurredAt,
        long sincePreviousMillis,
        String summary,
        String reason) {

    static Step of(SagaEvent e) {
        return new Step(e.eventId(), e.eventType(), e.context(), e.causationId(), e.occurredAt(), 0,
                TimelineBounds.text(e.summary()), TimelineBounds.text(e.reason()));
    }

    public StepKind kind() {
        return StepKind.of(eventType);
    }

    Step withSincePrevious(long millis) {
        return new Step(eventId, eventType, context, causationId, occurredAt, millis, summary, reason);
    }
}
