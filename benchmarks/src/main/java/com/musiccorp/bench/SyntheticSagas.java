package com.musiccorp.bench;

import com.musiccorp.platform.avro.AvroSerializer;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Valid saga events in bulk for the replay: copies of real sagas the load produced (every path of
 * the mix), each copy with its own order id (also the record key), correlation id and event ids,
 * causation ids pointing at the copy's own events; everything else, event times included, as the
 * original. Serialized through the registry like any producer's, in each saga's own order.
 */
final class SyntheticSagas {
    private SyntheticSagas() {
    }

    /** Writes copies of the template sagas until at least {@code atLeast} events are written; returns how many. */
    static long write(String bootstrap, Map<String, Object> registry, List<List<EventSample.Written>> templates, long atLeast) {
        long written = 0;
        try (var serializer = new AvroSerializer<SpecificRecord>();
             var producer = new KafkaProducer<>(Map.<String, Object>of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.LINGER_MS_CONFIG, 20,
                     ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new StringSerializer(), new ByteArraySerializer())) {
            serializer.configure(registry, false); // registers: needs the registry's credentials when it has them
            for (long copy = 0; written < atLeast; copy++) {
                List<EventSample.Written> saga = templates.get((int) (copy % templates.size()));
                Map<Object, Object> ids = new HashMap<>();
                String orderId = saga.get(0).key();
                String newOrderId = orderId + "-r" + copy;
                ids.put(orderId, newOrderId);
                for (EventSample.Written w : saga) {
                    GenericRecord metadata = (GenericRecord) ((GenericRecord) w.event()).get("metadata");
                    String correlationId = metadata.get("correlationId").toString();
                    ids.computeIfAbsent(correlationId, c -> derived(correlationId, newOrderId).toString());
                    Object eventId = metadata.get("eventId");
                    UUID newEventId = derived(eventId.toString(), newOrderId);
                    if (eventId instanceof UUID) ids.put(eventId, newEventId);
                    ids.put(eventId.toString(), newEventId.toString());
                }
                for (EventSample.Written w : saga) {
                    SpecificRecord copyOf = SpecificData.get().deepCopy(w.event().getSchema(), w.event());
                    rewrite(copyOf, ids);
                    producer.send(new ProducerRecord<>(w.topic(), newOrderId, serializer.serialize(w.topic(), copyOf)));
                    written++;
                }
            }
            producer.flush();
        }
        return written;
    }

    private static UUID derived(String original, String newOrderId) {
        return UUID.nameUUIDFromBytes((original + "|" + newOrderId).getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces, in place, every id of the original saga wherever it occurs (also inside longer strings). */
    @SuppressWarnings("unchecked")
    private static Object rewrite(Object value, Map<Object, Object> ids) {
        if (value instanceof GenericRecord record) {
            for (var field : record.getSchema().getFields()) {
                record.put(field.pos(), rewrite(record.get(field.pos()), ids));
            }
            return record;
        }
        if (value instanceof List<?> list) {
            List<Object> l = (List<Object>) list;
            for (int i = 0; i < l.size(); i++) l.set(i, rewrite(l.get(i), ids));
            return l;
        }
        if (value instanceof UUID uuid) {
            return ids.getOrDefault(uuid, uuid);
        }
        if (value instanceof CharSequence text) {
            String s = text.toString();
            Object exact = ids.get(s);
            if (exact != null) return exact.toString();
            for (var e : ids.entrySet()) {
                if (e.getKey() instanceof String k && s.contains(k)) s = s.replace(k, e.getValue().toString());
            }
            return s;
        }
        return value;
    }
}
