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
 * {@code GET /sagas/{id}} bodies, rendered once per change of the saga: a read of a saga that has not
 * changed since it was last rendered costs neither a store read, nor decoding the stored saga, nor
 * encoding it as JSON again.
 *
 * <p>Never older than the store: a body is kept only if its saga did not change between the read it
 * was rendered from and keeping it. A read first puts a mark of its own for its saga; every change
 * replaces an entry that exists, on the stream thread, before a query can see the change
 * ({@link SagaUpdates#observeEveryChange}), and a body is kept only over its own mark (a stall
 * changes a saga without changing its version, so versions cannot tell). A change of a saga with no
 * entry marks nothing: there is no body to be older than and no read under way (an entry per change
 * would keep one per saga ever folded, for as long as the process runs). Entries belong to one
 * assignment generation ({@link StreamsRuntime#assignmentGeneration}): a rebalance or a rebuild's
 * switch-over makes them all misses. At most {@link #MAX_SAGAS} sagas are kept (and one more per
 * read under way).
 */
final class RenderedSagas {

    static final int MAX_SAGAS = 4_096;

    /** A body, or (no body) a mark; compared by identity, so a read knows its own mark. */
    private static final class Entry {
        final long generation;
        final byte[] json;

        Entry(long generation, byte[] json) {
            this.generation = generation;
            this.json = json;
        }
    }

    private final ConcurrentHashMap<String, Entry> rendered = new ConcurrentHashMap<>();
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

    /** The saga changed: its body is not answered, nor kept by a read under way, from now on. */
    void changed(Saga saga) {
        long generation = this.generation.getAsLong();
        rendered.computeIfPresent(saga.correlationId(), (id, now) -> new Entry(generation, null));
    }

    int size() {
        return rendered.size();
    }

    /** The saga's body as JSON if kept for this assignment (so its saga is this instance's), else empty. */
    Optional<byte[]> kept(String correlationId) {
        Entry kept = rendered.get(correlationId);
        return kept != null && kept.json != null && kept.generation == generation.getAsLong()
                ? Optional.of(kept.json) : Optional.empty();
    }

    /** The saga's body as JSON: kept, or read with {@code read} and rendered with {@code render}. */
    Optional<byte[]> body(String correlationId, Function<String, Optional<Saga>> read,
            Function<Saga, byte[]> render) {
        Optional<byte[]> kept = kept(correlationId);
        if (kept.isPresent()) {
            return kept;
        }
        long generation = this.generation.getAsLong();
        Entry mark = new Entry(generation, null);
        rendered.put(correlationId, mark);
        if (rendered.size() > MAX_SAGAS) {
            evictOne(correlationId);
        }
        Optional<Saga> saga;
        try {
            saga = read.apply(correlationId);
        } catch (RuntimeException e) {
            rendered.remove(correlationId, mark);
            throw e;
        }
        if (saga.isEmpty()) {
            rendered.remove(correlationId, mark); // an unknown id leaves nothing behind
            return Optional.empty();
        }
        byte[] json = render.apply(saga.get());
        rendered.replace(correlationId, mark, new Entry(generation, json)); // not if a change (or another read) came
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
