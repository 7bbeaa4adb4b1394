package com.musiccorp.sagastatus.http;

import com.musiccorp.sagastatus.domain.Awaited;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaStatus;
import com.musiccorp.sagastatus.domain.Step;
import com.musiccorp.sagastatus.domain.TransitionStats;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the saga-status API; times are ISO-8601 strings. */
final class HttpBodies {

    private HttpBodies() {
    }

    /** One saga: where it is and why. {@code version} = number of distinct events folded. */
    @Serdeable
    record SagaBody(String correlationId, String orderId, String customerId, SagaStatus status, long version,
                    String updatedAt, String lastProgressAt, String stalledSince, String failureReason,
                    List<AwaitedBody> awaiting, List<StepBody> compensations, List<StepBody> timeline) {

        static SagaBody of(Saga s) {
            return new SagaBody(s.correlationId(), s.orderId(), s.customerId(), s.status(), s.version(),
                    text(s.updatedAt()), text(s.lastProgressAt()), text(s.stalledSince()),
                    s.failureReason().orElse(null),
                    awaiting(s),
                    s.compensations().stream().map(StepBody::of).toList(),
                    s.steps().stream().map(StepBody::of).toList());
        }

        /** A stalled saga still waits for what it waited for before it stalled. */
        private static List<AwaitedBody> awaiting(Saga s) {
            List<Awaited> awaited = s.awaiting();
            return awaited.stream().map(a -> new AwaitedBody(a.context(), a.eventTypes())).toList();
        }
    }

    @Serdeable
    record StepBody(String eventType, String context, String eventId, String causationId, String occurredAt,
                    long sincePreviousMillis, String summary) {

        static StepBody of(Step s) {
            return new StepBody(s.eventType(), s.context(), s.eventId(), s.causationId(), text(s.occurredAt()),
                    s.sincePreviousMillis(), s.summary());
        }
    }

    @Serdeable
    record AwaitedBody(String context, List<String> eventTypes) {
    }

    @Serdeable
    record SagaPage(List<SagaBody> sagas, String next) {
    }

    @Serdeable
    record Counts(Map<SagaStatus, Long> counts, long total) {
    }

    @Serdeable
    record TransitionBody(String from, String to, long count, long minMillis, long p50Millis, long p95Millis,
                          long p99Millis, long maxMillis) {

        static TransitionBody of(TransitionStats t) {
            return new TransitionBody(t.from(), t.to(), t.count(), t.minMillis(), t.percentileMillis(0.50),
                    t.percentileMillis(0.95), t.percentileMillis(0.99), t.maxMillis());
        }
    }

    @Serdeable
    record Choreography(List<TransitionBody> transitions) {
    }

    /** Every error. */
    @Serdeable
    record Problem(String message) {
    }

    @Serdeable
    record Readiness(String status, String streams) {
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
