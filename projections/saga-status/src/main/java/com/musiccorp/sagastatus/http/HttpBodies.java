package com.musiccorp.sagastatus.http;

import com.musiccorp.sagastatus.domain.Awaited;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaStatus;
import com.musiccorp.sagastatus.domain.Step;
import com.musiccorp.sagastatus.domain.TransitionStats;
import com.musiccorp.sagastatus.stream.SagaQueries;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON bodies of the saga-status API; times are ISO-8601 strings. Micronaut leaves out null and
 * empty values by default; every list, map and cursor a client reads is written even when empty or
 * null ({@code {"sagas":[],"next":null}}), and only a saga's optional times and reason are left out.
 */
final class HttpBodies {

    private HttpBodies() {
    }

    /** One saga: where it is and why. {@code version} = number of distinct events folded. */
    @Serdeable
    record SagaBody(String correlationId, String orderId, String customerId, SagaStatus status, long version,
                    String updatedAt, String statusSince, String lastProgressAt, String stalledSince,
                    String failureReason,
                    @JsonInclude(JsonInclude.Include.ALWAYS) List<AwaitedBody> awaiting,
                    @JsonInclude(JsonInclude.Include.ALWAYS) List<StepBody> compensations,
                    @JsonInclude(JsonInclude.Include.ALWAYS) List<StepBody> timeline,
                    @JsonInclude(JsonInclude.Include.ALWAYS) long omittedSteps) {

        /** The timeline shows the kept steps; {@code omittedSteps} counts the ones between them. */
        static SagaBody of(Saga s) {
            return new SagaBody(s.correlationId(), s.orderId(), s.customerId(), s.status(), s.version(),
                    text(s.updatedAt()), text(s.statusSince()), text(s.lastProgressAt()), text(s.stalledSince()),
                    s.failureReason().orElse(null),
                    awaiting(s),
                    s.compensations().stream().map(StepBody::of).toList(),
                    s.steps().stream().map(StepBody::of).toList(),
                    s.omittedSteps());
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
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AwaitedBody(String context, List<String> eventTypes) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SagaPage(List<SagaBody> sagas, String next) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
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
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Choreography(List<TransitionBody> transitions) {
    }

    // One instance's part of an answer (?scope=local), merged by the instance that was asked.

    /** Counts per status (status name → count) of the partitions listed. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LocalCounts(List<Integer> partitions, Map<String, Long> counts) implements ScatterGather.Part {

        static LocalCounts of(SagaQueries.Local<Map<SagaStatus, Long>> local) {
            Map<String, Long> counts = new TreeMap<>();
            local.value().forEach((status, n) -> counts.put(status.name(), n));
            return new LocalCounts(local.partitions(), counts);
        }

        Map<SagaStatus, Long> byStatus() {
            Map<SagaStatus, Long> byStatus = new EnumMap<>(SagaStatus.class);
            counts.forEach((status, n) -> byStatus.put(SagaStatus.valueOf(status), n));
            return byStatus;
        }
    }

    /** Transition statistics of the partitions listed, raw (latency buckets, not percentiles), so they add up. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LocalTransitions(List<Integer> partitions, List<TransitionCounts> transitions) implements ScatterGather.Part {

        static LocalTransitions of(SagaQueries.Local<List<TransitionStats>> local) {
            return new LocalTransitions(local.partitions(), local.value().stream().map(TransitionCounts::of).toList());
        }

        List<TransitionStats> stats() {
            return transitions.stream().map(TransitionCounts::stats).toList();
        }
    }

    @Serdeable
    record TransitionCounts(String from, String to, long count, long minMillis, long maxMillis, List<Long> buckets) {

        static TransitionCounts of(TransitionStats t) {
            return new TransitionCounts(t.from(), t.to(), t.count(), t.minMillis(), t.maxMillis(), t.buckets());
        }

        TransitionStats stats() {
            return new TransitionStats(from, to, count, minMillis, maxMillis, buckets);
        }
    }

    /** The order of a correlation id in the partitions listed; null when none of them holds it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LocalOrderId(List<Integer> partitions, @Nullable String orderId) implements ScatterGather.Part {
    }

    /** The first limit+1 status-index entries after the cursor in the partitions listed. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LocalPage(List<Integer> partitions, List<LocalEntry> entries) implements ScatterGather.Part {

        static LocalPage of(SagaQueries.Local<List<SagaQueries.Entry<Saga>>> local) {
            return new LocalPage(local.partitions(), local.value().stream()
                    .map(e -> new LocalEntry(e.key(), e.saga() == null ? null : SagaBody.of(e.saga()))).toList());
        }

        List<SagaQueries.Entry<SagaBody>> keyed() {
            return entries.stream().map(e -> new SagaQueries.Entry<>(e.key(), e.saga())).toList();
        }
    }

    /** A status-index key ({@code STATUS|statusSince|orderId}, the listing's order) and its saga. */
    @Serdeable
    record LocalEntry(String key, @Nullable SagaBody saga) {
    }

    /** Every error; a 400 also names the query parameter or path id at fault, as every service does. */
    @Serdeable
    record Problem(String message, List<FieldViolation> violations) {
        Problem(String message) {
            this(message, List.of());
        }
    }

    /** A query parameter or path id at fault, and what is wrong with it. */
    @Serdeable
    record FieldViolation(String field, String message) {
    }


    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
