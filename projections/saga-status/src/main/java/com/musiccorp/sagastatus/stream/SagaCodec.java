package com.musiccorp.sagastatus.stream;

import com.musiccorp.platform.streams.compact.CompactCodec;
import com.musiccorp.platform.streams.compact.CompactReader;
import com.musiccorp.platform.streams.compact.CompactWriter;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.Step;

import java.util.List;

/**
 * A saga in {@code sagas-store}, compact (layout 1): its ids, its three wall-clock instants, the
 * omitted count, the event types, then each kept step's fields, in record order.
 */
final class SagaCodec implements CompactCodec<Saga> {

    @Override
    public int expectedSize() {
        return 1024; // room for a happy-path saga (about ten steps with their summaries) without growing
    }

    @Override
    public void write(Saga saga, CompactWriter out) {
        out.writeString(saga.correlationId()).writeString(saga.orderId()).writeString(saga.customerId())
                .writeInstant(saga.lastProgressAt()).writeInstant(saga.stalledSince()).writeInstant(saga.statusSince())
                .writeLong(saga.omittedSteps());
        out.writeList(saga.eventTypes(), (type, w) -> w.writeString(type));
        out.writeList(saga.steps(), (s, w) -> w.writeString(s.eventId()).writeString(s.eventType())
                .writeString(s.context()).writeString(s.causationId()).writeInstant(s.occurredAt())
                .writeLong(s.sincePreviousMillis()).writeString(s.summary()).writeString(s.reason()));
    }

    @Override
    public Saga read(CompactReader in, int version) {
        String correlationId = in.readString();
        String orderId = in.readString();
        String customerId = in.readString();
        var lastProgressAt = in.readInstant();
        var stalledSince = in.readInstant();
        var statusSince = in.readInstant();
        long omitted = in.readLong();
        List<String> eventTypes = in.readList(CompactReader::readString);
        List<Step> steps = in.readList(r -> new Step(r.readString(), r.readString(), r.readString(), r.readString(),
                r.readInstant(), r.readLong(), r.readString(), r.readString()));
        return new Saga(correlationId, orderId, customerId, steps, lastProgressAt, stalledSince, omitted, eventTypes,
                statusSince);
    }
}
