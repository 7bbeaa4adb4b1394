package com.musiccorp.platform.streams;

import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a command wrote, as offsets ({@code topic:partition:offset}, comma-separated): the answer to
 * a command carries it, and a query given it waits until the view's tasks have processed and
 * committed those records ({@link StreamsRuntime#hasCommitted}), so a client reads its own writes.
 */
public record PositionToken(Map<String, Map<Integer, Long>> offsets) {

    public PositionToken {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>(); // sorted: one token, one spelling
        offsets.forEach((topic, partitions) -> copy.put(topic, Collections.unmodifiableMap(new TreeMap<>(partitions))));
        offsets = Collections.unmodifiableMap(copy);
    }

    public static PositionToken of(List<RecordMetadata> written) {
        Map<String, Map<Integer, Long>> offsets = new LinkedHashMap<>();
        for (RecordMetadata m : written) {
            offsets.computeIfAbsent(m.topic(), t -> new LinkedHashMap<>()).merge(m.partition(), m.offset(), Math::max);
        }
        return new PositionToken(offsets);
    }

    /** @throws IllegalArgumentException saying what is wrong with the token */
    public static PositionToken parse(String token) {
        Map<String, Map<Integer, Long>> offsets = new LinkedHashMap<>();
        for (String part : token.split(",")) {
            String[] p = part.strip().split(":");
            if (p.length != 3) {
                throw new IllegalArgumentException("'" + part + "' is not topic:partition:offset");
            }
            try {
                offsets.computeIfAbsent(p[0], t -> new LinkedHashMap<>())
                        .merge(Integer.parseInt(p[1]), Long.parseLong(p[2]), Math::max);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "': partition and offset must be numbers");
            }
        }
        return new PositionToken(offsets);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        offsets.forEach((topic, partitions) -> partitions.forEach((partition, offset) ->
                s.append(s.isEmpty() ? "" : ",").append(topic).append(':').append(partition).append(':').append(offset)));
        return s.toString();
    }
}
