package com.musiccorp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latency of every saga transition, as anyone reading the topics sees it: a read_committed
 * consumer of the five event topics notes the wall-clock instant it sees each event and the saga
 * headers every event carries ({@code event-id}, {@code event-type}, {@code causation-id}; see
 * platform/streams {@code EventHeaders}). An event whose causation id is an event seen by this watcher
 * is a transition {@code CauseType -> EffectType}, its latency seen(effect) − seen(cause): the
 * cause's commit, the reacting context's poll, step and commit, and this consumer's fetch. An event
 * without the headers is decoded instead (and counted: there should be none).
 *
 * <p>A context may react through its own private records first (the warehouse's line requests and
 * answers between its order and SKU sides, through repartition topics): an event caused by one of
 * those names it, not the public event behind it. So the watcher also reads every {@code
 * musiccorp-*-repartition} topic and notes each private record's event id and causation id (from the
 * headers, or the {@code metadata} of a JSON or Smile value); a causation id that is such a record is followed
 * to the public event behind it ({@code internalHops} counts the records passed). An event whose
 * cause is neither (e.g. a reaction to a timer or an outside call whose trigger is on no topic) is
 * counted by type in {@code unlinked}.
 */
final class TransitionWatcher implements AutoCloseable {
    private static final String EVENT_ID = "event-id", EVENT_TYPE = "event-type", CAUSATION_ID = "causation-id",
            CORRELATION_ID = "correlation-id";

    /** One event seen: its type, its cause's event id (null when none) and when this consumer saw it. */
    record Seen(String type, String causationId, long seenNanos) {
    }

    private static final int MAX_HOPS = 8;

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    /** Private records of the repartition topics: event id → causation id. */
    private final Map<String, String> links = new ConcurrentHashMap<>();
    private final java.util.Set<String> eventTopics = java.util.Set.copyOf(EventSample.SAGA_TOPICS);
    private final AtomicLong withoutHeaders = new AtomicLong(), records = new AtomicLong();
    private volatile long lastSeenNanos = System.nanoTime();
    private final TopicTail tail;

    /** Starts at the current end of the event and repartition topics: only what follows counts. */
    TransitionWatcher(String bootstrap, Map<String, Object> registry) {
        tail = new TopicTail("transition-watcher", bootstrap, registry, t -> eventTopics.contains(t)
                || (t.startsWith("musiccorp-") && t.endsWith("-repartition")), this::seen);
        tail.start();
    }

    private void seen(ConsumerRecord<String, byte[]> r, long now) {
        lastSeenNanos = now;
        if (!eventTopics.contains(r.topic())) {
            link(r);
            return;
        }
        records.incrementAndGet();
        Headers h = r.headers();
        String id = text(h, EVENT_ID), type = text(h, EVENT_TYPE), cause = text(h, CAUSATION_ID);
        if (id == null || type == null || text(h, CORRELATION_ID) == null) {
            withoutHeaders.incrementAndGet();
            SpecificRecord event = tail.decode(r);
            GenericRecord metadata = (GenericRecord) ((GenericRecord) event).get("metadata");
            type = event.getSchema().getName();
            id = String.valueOf(metadata.get("eventId"));
            Object c = metadata.get("causationId");
            cause = c == null ? null : c.toString();
        }
        seen.putIfAbsent(id, new Seen(type, cause, now));
    }

    /** Notes a private record's event id and cause, from its headers or its value's metadata (JSON or Smile). */
    private void link(ConsumerRecord<String, byte[]> r) {
        String id = text(r.headers(), EVENT_ID), cause = text(r.headers(), CAUSATION_ID);
        if ((id == null || cause == null) && r.value() != null && r.value().length > 0) {
            try {
                JsonNode metadata = com.musiccorp.platform.streams.JsonSerde.readTree(r.value()).path("metadata"); // JSON or Smile
                id = metadata.path("eventId").asText(null);
                cause = metadata.path("causationId").asText(null);
            } catch (java.io.IOException neitherJsonNorSmile) {
                return;
            }
        }
        if (id != null && cause != null) links.putIfAbsent(id, cause);
    }

    private static String text(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * Waits until no event has arrived for {@code quiet} (the reactions to the last terminal events,
     * e.g. their notifications), at most {@code cap}.
     */
    void awaitQuiet(Duration quiet, Duration cap) throws InterruptedException {
        long deadline = System.nanoTime() + cap.toNanos();
        while (System.nanoTime() - lastSeenNanos < quiet.toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Per transition (cause type -> effect type): count and latency percentiles, most frequent first. */
    ObjectNode report(double rate) {
        Map<String, List<Long>> byTransition = new TreeMap<>();
        Map<String, Integer> hops = new TreeMap<>();
        Map<String, Long> unlinked = new TreeMap<>();
        long withCause = 0;
        for (Seen effect : seen.values()) {
            String id = effect.causationId();
            int hop = 0;
            while (id != null && !seen.containsKey(id) && hop < MAX_HOPS) {
                id = links.get(id);
                hop++;
            }
            Seen cause = id == null ? null : seen.get(id);
            if (cause == null) {
                // Started by a command (OrderPlaced: the order request), or its cause is on no topic.
                unlinked.merge(effect.type(), 1L, Long::sum);
                continue;
            }
            withCause++;
            String transition = cause.type() + " -> " + effect.type();
            byTransition.computeIfAbsent(transition, k -> new ArrayList<>()).add(effect.seenNanos() - cause.seenNanos());
            hops.merge(transition, hop, Math::max);
        }
        ObjectNode result = SagaLoad.JSON.createObjectNode();
        result.put("rate", SagaLoad.round(rate));
        result.put("eventsSeen", seen.size());
        result.put("recordsSeen", records.get());
        result.put("eventsWithoutHeaders", withoutHeaders.get());
        result.put("eventsWithCauseSeen", withCause);
        result.put("internalRecordsSeen", links.size());
        result.set("unlinked", SagaLoad.JSON.valueToTree(unlinked));
        ArrayNode list = result.putArray("transitions");
        byTransition.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Long>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    String[] pair = e.getKey().split(" -> ");
                    ObjectNode t = list.addObject();
                    t.put("transition", e.getKey());
                    t.put("cause", pair[0]);
                    t.put("effect", pair[1]);
                    t.put("internalHops", hops.get(e.getKey()));
                    t.setAll(SagaLoad.percentiles(Percentiles.of(e.getValue())));
                });
        return result;
    }

    @Override
    public void close() {
        tail.close();
    }
}
