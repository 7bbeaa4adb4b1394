package com.musiccorp.sagastatus.stream;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.platform.streams.ContextMeters;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaStatus;
import com.musiccorp.sagastatus.domain.Step;
import com.musiccorp.sagastatus.domain.Transition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static com.musiccorp.sagastatus.domain.EventTypes.ORDER_CANCELLED;
import static com.musiccorp.sagastatus.domain.EventTypes.ORDER_COMPLETED;
import static com.musiccorp.sagastatus.domain.EventTypes.ORDER_PLACED;

/**
 * The sagas as meters, counted where the fold decides (the step's watcher and the transitions'
 * processor), and only by the application that serves saga-status ({@link ContextMeters#isServing()}):
 * a rebuild folds every saga again and counts nothing until it takes over; restoring a store runs
 * no processor, so a restart counts nothing again either.
 * <ul>
 *   <li>{@code musiccorp_sagas_started_total}: a saga's OrderPlaced folded;</li>
 *   <li>{@code musiccorp_sagas_completed_total}: a saga became COMPLETED;</li>
 *   <li>{@code musiccorp_sagas_cancelled_total{reason}}: a saga became CANCELLED, by the
 *       OrderCancelled's reason code (the {@link CancellationReason} symbols, UNKNOWN when unreadable);</li>
 *   <li>{@code musiccorp_saga_duration_seconds{outcome}} (histogram): OrderPlaced → OrderCompleted or
 *       OrderCancelled in event time, when a saga ends (outcome {@code completed} or {@code cancelled});</li>
 *   <li>{@code musiccorp_saga_transition_latency_seconds{from, to}} (histogram): each completed
 *       transition of the choreography (an event and its cause, event types), as {@code /choreography} counts it;</li>
 *   <li>{@code musiccorp_sagas_stalled}: sagas STALLED now, in this instance's partitions ({@link #stalledGauge}).</li>
 * </ul>
 */
public final class SagaMeters {
    public static final String STARTED = "musiccorp.sagas.started";
    public static final String COMPLETED = "musiccorp.sagas.completed";
    public static final String CANCELLED = "musiccorp.sagas.cancelled";
    public static final String DURATION = "musiccorp.saga.duration";
    public static final String TRANSITION_LATENCY = "musiccorp.saga.transition.latency";
    public static final String STALLED = "musiccorp.sagas.stalled";

    private static final Duration[] SAGA_BUCKETS = {
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1)};
    private static final Duration[] TRANSITION_BUCKETS = {
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofHours(1)};

    private final ContextMeters meters;
    private final MeterRegistry registry;
    private final Counter started;
    private final Counter completed;
    /*
     * The meters with tags, each built once: building one per event (its buckets, tags and registry
     * lookup) was 6 % of a replay's stream thread. Bounded: the choreography's transitions, the
     * cancellation reason codes, two outcomes. Shared by the stream threads.
     */
    private final Map<String, Timer> transitionLatencies = new ConcurrentHashMap<>();
    private final Map<SagaStatus, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> cancellations = new ConcurrentHashMap<>();

    public SagaMeters(ContextMeters meters) {
        this.meters = meters;
        this.registry = meters.registry();
        this.started = Counter.builder(STARTED).description("Sagas whose OrderPlaced was folded").register(registry);
        this.completed = Counter.builder(COMPLETED).description("Sagas that became COMPLETED").register(registry);
    }

    /** A saga stored by the fold step: {@code before} is null for a new one. */
    void changed(Saga before, Saga after) {
        if (!meters.isServing()) {
            return;
        }
        if (!has(before, ORDER_PLACED) && after.has(ORDER_PLACED)) {
            started.increment();
        }
        SagaStatus was = before == null ? null : before.baseStatus();
        SagaStatus is = after.baseStatus();
        if (is == was) {
            return;
        }
        if (is == SagaStatus.COMPLETED) {
            completed.increment();
        } else if (is == SagaStatus.CANCELLED) {
            cancellations.computeIfAbsent(cancellationReason(after), reason -> Counter.builder(CANCELLED)
                    .description("Sagas that became CANCELLED, by the cancellation's reason code")
                    .tag("reason", reason).register(registry)).increment();
        }
        if (is.isTerminal() && (was == null || !was.isTerminal())) {
            String end = is == SagaStatus.COMPLETED ? ORDER_COMPLETED : ORDER_CANCELLED;
            Optional<Step> placed = firstOf(after, ORDER_PLACED);
            Optional<Step> ended = firstOf(after, end);
            if (placed.isPresent() && ended.isPresent()) {
                Duration took = Duration.between(placed.get().occurredAt(), ended.get().occurredAt());
                durations.computeIfAbsent(is, outcome -> Timer.builder(DURATION)
                        .description("OrderPlaced to the saga's end, in event time")
                        .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                        .serviceLevelObjectives(SAGA_BUCKETS)
                        .register(registry))
                        .record(took.isNegative() ? Duration.ZERO : took);
            }
        }
    }

    /** A transition the fold completed (counted once per saga, as {@code /choreography} does). */
    void transition(Transition t) {
        if (!meters.isServing()) {
            return;
        }
        transitionLatencies.computeIfAbsent(t.key(), key -> Timer.builder(TRANSITION_LATENCY)
                .description("Event time from a cause to its effect, per transition")
                .tag("from", t.from())
                .tag("to", t.to())
                .serviceLevelObjectives(TRANSITION_BUCKETS)
                .register(registry))
                .record(Math.max(0, t.latencyMillis()), TimeUnit.MILLISECONDS);
    }

    /** {@code musiccorp_sagas_stalled}: this instance's STALLED sagas, read from its counts when scraped. */
    public static void stalledGauge(MeterRegistry registry, SagaQueries queries) {
        Gauge.builder(STALLED, queries, q -> {
                    try {
                        return q.countsLocal().value().getOrDefault(SagaStatus.STALLED, 0L);
                    } catch (RuntimeException notQueryableNow) { // not RUNNING, rebalancing: no value, not 0
                        return Double.NaN;
                    }
                })
                .description("Sagas STALLED now (no progress for the stall time), in this instance's partitions")
                .register(registry);
    }

    /**
     * The OrderCancelled's reason code: the summary saga-status wrote for it starts with it
     * ({@code PAYMENT_DECLINED: ...}). A closed set: anything else is UNKNOWN.
     */
    static String cancellationReason(Saga saga) {
        return firstOf(saga, ORDER_CANCELLED)
                .map(Step::summary)
                .filter(s -> s != null && s.contains(":"))
                .map(s -> s.substring(0, s.indexOf(':')))
                .filter(code -> java.util.Arrays.stream(CancellationReason.values()).anyMatch(r -> r.name().equals(code)))
                .orElse(CancellationReason.UNKNOWN.name());
    }

    private static Optional<Step> firstOf(Saga saga, String eventType) {
        return saga.steps().stream().filter(s -> eventType.equals(s.eventType())).findFirst();
    }

    private static boolean has(Saga saga, String eventType) {
        return saga != null && saga.has(eventType);
    }
}
