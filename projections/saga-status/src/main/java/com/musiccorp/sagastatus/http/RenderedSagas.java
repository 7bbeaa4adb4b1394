package com.musiccorp.sagastatus.http;

import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.stream.SagaUpdates;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * {@code GET /sagas/{id}} bodies, rendered once per saga version: a read of a saga that has not
 * changed since it was last rendered costs neither a store read, nor decoding the stored saga, nor
 * encoding it as JSON again.
 *
 * <p>Never older than the store: every change marks its saga's entry with the new version on the
 * stream thread, before a query can see the change ({@link SagaUpdates#observeEveryChange}); a body
 * rendered from an older read is not kept over the mark. Entries belong to one assignment
 * generation ({@link StreamsRuntime#assignmentGeneration}): a rebalance or a rebuild's switch-over
 * makes them all misses. At most {@link #MAX_SAGAS} sagas are kept.
 */
final class RenderedSagas {

    static final int MAX_SAGAS = 4_096;

    private record Rendered(long generation, long version, byte[] json) {
    }

    private final ConcurrentHashMap<String, Rendered> rendered = new ConcurrentHashMap<>();
    private final LongSupplier generation;

    /** Kept for {@code runtime}'s assignment, and told of every change by {@code updates}. */
    static RenderedSagas of(StreamsRuntime runtime, SagaUpdates updates) {
        RenderedSagas rendered = new RenderedSagas(runtime::assignmentGeneration);
        updates.observeEveryChange(rendered::changed);
        return rendered;
    }

    RenderedSagas(LongSupplier generation) {
        this.generation = generation;
    }

    /** The saga changed: no body of an older version is answered from now on. */
    void changed(Saga saga) {
        rendered.put(saga.correlationId(), new Rendered(generation.getAsLong(), saga.version(), null));
    }

    int size() {
        return rendered.size();
    }

    /** The saga's body as JSON if kept for this assignment (so its saga is this instance's), else empty. */
    Optional<byte[]> kept(String correlationId) {
        Rendered kept = rendered.get(correlationId);
        return kept != null && kept.json() != null && kept.generation() == generation.getAsLong()
                ? Optional.of(kept.json()) : Optional.empty();
    }

    /** The saga's body as JSON: kept, or read with {@code read} and rendered with {@code render}. */
    Optional<byte[]> body(String correlationId, Function<String, Optional<Saga>> read,
            Function<Saga, byte[]> render) {
        long generation = this.generation.getAsLong();
        Optional<byte[]> kept = kept(correlationId);
        if (kept.isPresent()) {
            return kept;
        }
        Optional<Saga> saga = read.apply(correlationId);
        if (saga.isEmpty()) {
            return Optional.empty();
        }
        byte[] json = render.apply(saga.get());
        long version = saga.get().version();
        rendered.compute(correlationId, (id, now) -> now == null || now.generation() != generation
                || now.version() <= version ? new Rendered(generation, version, json) : now);
        if (rendered.size() > MAX_SAGAS) {
            evictOne(correlationId);
        }
        return Optional.of(json);
    }

    private void evictOne(String keep) {
        Iterator<String> ids = rendered.keySet().iterator();
        while (ids.hasNext()) {
            if (!ids.next().equals(keep)) {
                ids.remove();
                return;
            }
        }
    }
}
