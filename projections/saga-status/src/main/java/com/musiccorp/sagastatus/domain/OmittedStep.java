package com.musiccorp.sagastatus.domain;

import java.time.Instant;

/**
 * What the projection still knows of a step it no longer keeps in the saga's timeline: enough to
 * recognise a redelivery of it and to count its cause→effect transitions once.
 */
public record OmittedStep(String eventId, String eventType, String causationId, Instant occurredAt) {

    static OmittedStep of(Step s) {
        return new OmittedStep(s.eventId(), s.eventType(), s.causationId(), s.occurredAt());
    }
}
