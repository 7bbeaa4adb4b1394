package com.musiccorp.sagastatus.http;

import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.stream.SagaUpdates;
import io.micronaut.http.sse.Event;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One saga as Server-Sent Events: its state now (when known), then each change, as events named
 * {@code saga} whose id is the version.
 *
 * <p>The server sends a response's headers with its first item, so a stream with nothing to say
 * yet opens with a comment ({@code : waiting for ...}): the client sees 200 and
 * {@code text/event-stream} at once instead of hanging until the saga's first event. A comment
 * every {@link #KEEP_ALIVE_EVERY} keeps a quiet stream from being cut by a proxy's idle timeout.
 * Comments carry no data, so no client dispatches them as events.
 */
final class SagaEventStream {

    static final Duration KEEP_ALIVE_EVERY = Duration.ofSeconds(15);
    static final Duration RECHECK_EVERY = Duration.ofSeconds(1);

    private SagaEventStream() {
    }

    /**
     * @param now       the saga as stored now, if known
     * @param subscribe subscribes a listener to the saga's changes; closed when the client goes
     * @param visible   whether the caller may see a state (a customer sees only its own saga)
     */
    static Publisher<Event<?>> of(Optional<Saga> now, Function<Consumer<Saga>, SagaUpdates.Subscription> subscribe,
            Predicate<Saga> visible, Duration keepAliveEvery) {
        return of(now, subscribe, visible, keepAliveEvery, () -> false, Runnable::run);
    }

    /**
     * The same, for a saga that may be folded by another instance: while it is not known here,
     * {@code foldedElsewhere} is asked every {@link #RECHECK_EVERY} (on {@code blocking}: it may ask the
     * other instances), and the stream ends once it says so, so the client's next request goes to the
     * saga's owner. This instance hears only of its own folds.
     */
    static Publisher<Event<?>> of(Optional<Saga> now, Function<Consumer<Saga>, SagaUpdates.Subscription> subscribe,
            Predicate<Saga> visible, Duration keepAliveEvery, BooleanSupplier foldedElsewhere, Executor blocking) {
        AtomicBoolean known = new AtomicBoolean(now.isPresent());
        Flux<Event<?>> changes = Flux.create(sink -> {
            AtomicLong sent = new AtomicLong(); // changes already sent: the current state is then stale
            SagaUpdates.Subscription subscription = subscribe.apply(s -> {
                known.set(true);
                if (!visible.test(s)) return;
                sent.incrementAndGet();
                sink.next(saga(s));
            });
            sink.onDispose(subscription::close);
            if (sent.get() == 0) {
                sink.next(now.filter(visible).<Event<?>>map(SagaEventStream::saga)
                        .orElseGet(() -> comment("waiting for the saga's first event")));
            }
        }, FluxSink.OverflowStrategy.BUFFER);
        Scheduler asking = Schedulers.fromExecutor(blocking);
        Flux<Boolean> movedAway = Flux.interval(RECHECK_EVERY, RECHECK_EVERY).onBackpressureDrop()
                .concatMap(tick -> known.get() ? Mono.just(false)
                        : Mono.fromCallable(foldedElsewhere::getAsBoolean).subscribeOn(asking))
                .filter(Boolean::booleanValue);
        return changes.mergeWith(Flux.interval(keepAliveEvery, keepAliveEvery).map(tick -> comment("keep-alive")))
                .takeUntilOther(movedAway);
    }

    static Event<HttpBodies.SagaBody> saga(Saga s) {
        return Event.of(HttpBodies.SagaBody.of(s)).name("saga").id(String.valueOf(s.version()));
    }

    /** An event without data: written as a comment line only. */
    private static Event<?> comment(String text) {
        return Event.of("").comment(text);
    }
}
