package com.musiccorp.sagastatus.http;

import com.musiccorp.sagastatus.domain.Saga;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bodies rendered once per change, and never older than the store. */
class RenderedSagasTest {

    private final AtomicLong generation = new AtomicLong();
    private final RenderedSagas rendered = new RenderedSagas(generation::get);
    private final Map<String, Saga> store = new ConcurrentHashMap<>();
    private final List<String> reads = new ArrayList<>();

    private final Function<String, Optional<Saga>> read = id -> {
        reads.add(id);
        return Optional.ofNullable(store.get(id));
    };

    private static Saga version(String id, long version) {
        return new Saga(id, "order-" + id, "cust", List.of(), Instant.EPOCH, null, version, List.of(), null);
    }

    private static byte[] render(Saga saga) {
        return ("v" + saga.version()).getBytes(StandardCharsets.UTF_8);
    }

    private String body(String id) {
        return rendered.body(id, read, RenderedSagasTest::render).map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse("404");
    }

    @Test
    void aSagaThatDidNotChangeIsReadAndRenderedOnce() {
        store.put("s", version("s", 3));

        assertThat(body("s")).isEqualTo("v3");
        assertThat(body("s")).isEqualTo("v3");

        assertThat(reads).containsExactly("s");
    }

    @Test
    void aChangeIsAnsweredAtOnce() {
        store.put("s", version("s", 3));
        body("s");

        store.put("s", version("s", 4));
        rendered.changed(store.get("s"));

        assertThat(body("s")).isEqualTo("v4");
        assertThat(reads).hasSize(2);
    }

    @Test
    void aBodyReadBeforeAChangeIsNotKeptOverIt() {
        store.put("s", version("s", 3));
        // The read sees version 3; the change to 4 is stored and marked before the body is kept.
        Function<String, Optional<Saga>> racing = id -> {
            Optional<Saga> before = Optional.of(store.get(id));
            store.put(id, version(id, 4));
            rendered.changed(store.get(id));
            return before;
        };
        assertThat(rendered.body("s", racing, RenderedSagasTest::render)).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("v3"));

        assertThat(body("s")).as("read again, not the older body").isEqualTo("v4");
    }

    @Test
    void aChangeThatKeepsTheVersionDuringAReadIsNotMissed() {
        store.put("s", version("s", 3));
        // A stall flags the saga without a new event: the same version, another body.
        Function<String, Optional<Saga>> racing = id -> {
            Optional<Saga> before = Optional.of(store.get(id));
            store.put(id, new Saga(id, "order-" + id, "cust", List.of(), Instant.EPOCH, Instant.EPOCH, 3, List.of(), null));
            rendered.changed(store.get(id));
            return before;
        };
        rendered.body("s", racing, RenderedSagasTest::render);

        assertThat(rendered.kept("s")).as("the body read before the stall").isEmpty();
        assertThat(body("s")).isEqualTo("v3");
        assertThat(reads).as("read again after the stall").hasSize(1);
    }

    @Test
    void onlyABodyRenderedForThisAssignmentAndNotChangedSinceIsKept() {
        assertThat(rendered.kept("s")).as("never rendered").isEmpty();
        store.put("s", version("s", 3));
        body("s");
        assertThat(rendered.kept("s")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("v3"));

        store.put("s", version("s", 4));
        rendered.changed(store.get("s"));
        assertThat(rendered.kept("s")).as("changed since").isEmpty();
        body("s");
        generation.incrementAndGet();
        assertThat(rendered.kept("s")).as("another assignment: the saga may be elsewhere now").isEmpty();
    }

    @Test
    void aNewAssignmentMakesEveryBodyAMiss() {
        store.put("s", version("s", 3));
        body("s");

        generation.incrementAndGet(); // a rebalance, or a rebuild took over
        store.put("s", version("s", 9));

        assertThat(body("s")).isEqualTo("v9");
    }

    @Test
    void aChangeOfASagaNoOneAskedForKeepsNothing() {
        // The stream thread tells of every saga it folds; most are never asked for.
        for (int i = 0; i < RenderedSagas.MAX_SAGAS + 50; i++) {
            rendered.changed(version("s" + i, 1));
            rendered.changed(version("s" + i, 2));
        }

        assertThat(rendered.size()).isZero();
    }

    @Test
    void aBodyWhoseMarkWentDuringItsReadIsNotKept() {
        store.put("s", version("s", 3));
        // While "s" is read, a second read of it fails (and takes the mark with it), then "s" changes:
        // nothing marks that change, so the first read's older body must not be kept.
        Function<String, Optional<Saga>> failing = id -> {
            throw new IllegalStateException("store not ready");
        };
        Function<String, Optional<Saga>> racing = id -> {
            Optional<Saga> before = Optional.of(store.get(id));
            assertThatThrownBy(() -> rendered.body(id, failing, RenderedSagasTest::render))
                    .isInstanceOf(IllegalStateException.class);
            store.put(id, version(id, 4));
            rendered.changed(store.get(id));
            return before;
        };
        rendered.body("s", racing, RenderedSagasTest::render);

        assertThat(body("s")).as("read again, not the older body").isEqualTo("v4");
    }

    @Test
    void anUnknownSagaIsNotKeptAndAtMostTheBoundIsKept() {
        assertThat(body("nobody")).isEqualTo("404");
        assertThat(rendered.size()).as("an unknown id leaves nothing").isZero();
        for (int i = 0; i < RenderedSagas.MAX_SAGAS + 50; i++) {
            store.put("s" + i, version("s" + i, 1));
            body("s" + i);
        }
        assertThat(rendered.size()).isLessThanOrEqualTo(RenderedSagas.MAX_SAGAS);
    }
}
