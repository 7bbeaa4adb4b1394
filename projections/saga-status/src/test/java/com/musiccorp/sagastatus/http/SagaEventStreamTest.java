package com.musiccorp.sagastatus.http;

import com.musiccorp.sagastatus.domain.Saga;
import io.micronaut.http.sse.Event;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SagaEventStreamTest {

    private static final Duration QUIET = Duration.ofDays(1); // no keep-alive within a test

    private final AtomicReference<Consumer<Saga>> listener = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Event<?>> received = new CopyOnWriteArrayList<>();

    private static Saga saga(String customer, long version) {
        return new Saga("corr-1", "order-1", customer, List.of(), Instant.EPOCH, null, version, List.of(), null);
    }

    private Disposable open(Optional<Saga> now, Duration keepAliveEvery) {
        return Flux.from(SagaEventStream.of(now, l -> {
            listener.set(l);
            return () -> closed.set(true);
        }, s -> "cust".equals(s.customerId()), keepAliveEvery)).subscribe(received::add);
    }

    @Test
    void aSagaNotKnownYetOpensWithACommentAndThenStreamsItsStates() {
        Disposable stream = open(Optional.empty(), QUIET);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().getComment()).isEqualTo("waiting for the saga's first event");
        assertThat(received.getFirst().getData()).isEqualTo("");
        assertThat(received.getFirst().getName()).as("no event type: only a comment line is written").isNull();

        listener.get().accept(saga("cust", 1));
        listener.get().accept(saga("someone-else", 2)); // not the caller's
        assertThat(received).hasSize(2);
        assertThat(received.get(1).getName()).isEqualTo("saga");
        assertThat(received.get(1).getId()).isEqualTo("1");

        stream.dispose();
        assertThat(closed).as("the client went: the subscription ends").isTrue();
    }

    @Test
    void aKnownSagaOpensWithItsStateNow() {
        open(Optional.of(saga("cust", 3)), QUIET);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().getName()).isEqualTo("saga");
        assertThat(received.getFirst().getId()).isEqualTo("3");
        assertThat(received.getFirst().getData()).isInstanceOf(HttpBodies.SagaBody.class);
    }

    @Test
    void aStreamOfASagaNotKnownHereEndsOnceAnotherInstanceFoldedItAndNeverAsksOnceItIsKnown() {
        AtomicBoolean elsewhere = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean ended = new AtomicBoolean();
        Flux.from(SagaEventStream.of(Optional.empty(), l -> () -> { }, s -> true, QUIET, () -> {
            asked.incrementAndGet();
            return elsewhere.get();
        }, Runnable::run)).subscribe(received::add, e -> { }, () -> ended.set(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> asked.get() >= 1);
        assertThat(ended).as("not folded anywhere yet: the stream waits").isFalse();
        elsewhere.set(true);
        await().atMost(Duration.ofSeconds(10)).untilTrue(ended);
        assertThat(received).hasSize(1); // the opening comment only

        List<Event<?>> ofKnown = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger askedForKnown = new java.util.concurrent.atomic.AtomicInteger();
        Disposable known = Flux.from(SagaEventStream.of(Optional.of(saga("cust", 1)), l -> () -> { }, s -> true,
                SagaEventStream.RECHECK_EVERY, () -> askedForKnown.incrementAndGet() > 0, Runnable::run))
                .subscribe(ofKnown::add);
        // Keep-alives as often as the checks: after three, checks would have run twice.
        await().atMost(Duration.ofSeconds(10)).until(() -> ofKnown.size() >= 4);
        known.dispose();
        assertThat(askedForKnown).as("a saga known here is streamed from here: nobody is asked").hasValue(0);
        assertThat(ofKnown.getFirst().getName()).isEqualTo("saga");
    }

    @Test
    void aQuietStreamSendsAKeepAliveCommentAtEveryInterval() {
        Disposable stream = open(Optional.of(saga("cust", 3)), Duration.ofMillis(20));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> received.stream().filter(e -> "keep-alive".equals(e.getComment())).count() >= 3);
        stream.dispose();
        assertThat(received.getFirst().getName()).isEqualTo("saga");
        assertThat(received.subList(1, received.size())).allSatisfy(e -> {
            assertThat(e.getComment()).isEqualTo("keep-alive");
            assertThat(e.getData()).isEqualTo("");
        });
    }
}
