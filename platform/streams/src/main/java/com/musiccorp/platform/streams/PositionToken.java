package com.musiccorp.platform.streams;

import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a command wrote, as offsets ({@code topic:partition:offset}, comma-separated): the answer to
 * a command carries it, and a query given it waits until the view's tasks have processed and
 * committed those records ({@link StreamsRuntime#hasCommitted}), so a client reads its own writes.
 */
public record PositionToken(Map<String, Map<Integer, Long>> offsets) {

    /** Kafka's own rule for a topic name. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

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

    /**
     * A token as a client sends it back. Only its form is checked here (Kafka topic names,
     * partitions and offsets of at least 0); whether those partitions and offsets exist is for the
     * view that reads them to say.
     *
     * @throws IllegalArgumentException saying what is wrong with the token
     */
    public static PositionToken parse(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("must be topic:partition:offset[,...]");
        }
        Map<String, Map<Integer, Long>> offsets = new LinkedHashMap<>();
        for (String part : token.split(",", -1)) {
            String[] p = part.strip().split(":", -1);
            if (p.length != 3) {
                throw new IllegalArgumentException("'" + shown(part) + "' is not topic:partition:offset");
            }
            if (!TOPIC_NAME.matcher(p[0]).matches()) {
                throw new IllegalArgumentException("'" + shown(p[0]) + "' is not a topic name");
            }
            int partition;
            long offset;
            try {
                partition = Integer.parseInt(p[1]);
                offset = Long.parseLong(p[2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + shown(part) + "': partition and offset must be numbers");
            }
            if (partition < 0 || offset < 0) {
                throw new IllegalArgumentException("'" + shown(part) + "': partition and offset must not be negative");
            }
            offsets.computeIfAbsent(p[0], t -> new LinkedHashMap<>()).merge(partition, offset, Math::max);
        }
        return new PositionToken(offsets);
    }

    /** Enough of a client's input to recognise it, never all of it: it is quoted back in an answer. */
    private static String shown(String input) {
        return input.length() > 60 ? input.substring(0, 60) + "…" : input;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        offsets.forEach((topic, partitions) -> partitions.forEach((partition, offset) ->
                s.append(s.isEmpty() ? "" : ",").append(topic).append(':').append(partition).append(':').append(offset)));
        return s.toString();
    }
}
