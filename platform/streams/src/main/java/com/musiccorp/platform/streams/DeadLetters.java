package com.musiccorp.platform.streams;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Builds the dead-letter record of an input that could not be read, processed or written: the
 * input's original key and value, its headers, and Kafka's {@code __streams.errors.*} headers
 * (exception, message, stack trace, source topic, partition, offset), as Kafka's own handlers
 * (KIP-1034) do. Unlike those it never fails itself: a missing timestamp (the context of an
 * asynchronous send has none) becomes the broker's, and the stack trace is cut short, so the
 * dead letter of a large input still fits the broker's record limit.
 */
public final class DeadLetters {
    /**
     * On a re-drive marker, which shares a dead-letter topic but is no dead letter (platform/http's
     * dead-letter endpoint writes it): the {@code partition:offset} of the dead letter re-driven.
     */
    public static final String REDRIVE_OF = "musiccorp.redrive.of";
    /** On a re-drive marker: where the re-driven copy was written, {@code topic:partition:offset}. */
    public static final String REDRIVE_TO = "musiccorp.redrive.to";
    static final String EXCEPTION = "__streams.errors.exception";
    static final String MESSAGE = "__streams.errors.message";
    static final String STACKTRACE = "__streams.errors.stacktrace";
    static final String TOPIC = "__streams.errors.topic";
    static final String PARTITION = "__streams.errors.partition";
    static final String OFFSET = "__streams.errors.offset";
    private static final int MAX_STACKTRACE_CHARS = 4_000;

    private final DeadLetterRoute route;
    private final ContextMeters meters;

    private DeadLetters(DeadLetterRoute route, ContextMeters meters) {
        this.route = route;
        this.meters = meters;
    }

    /** The route the configuration carries, else Kafka's fixed dead-letter topic setting. */
    static DeadLetters from(Map<String, ?> configs) {
        DeadLetterRoute route = DeadLetterRoute.in(configs);
        if (route == null) {
            Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
            route = new DeadLetterRoute(topic == null ? null : topic.toString());
        }
        return new DeadLetters(route, ContextMeters.in(configs));
    }

    String topic() {
        return route.topic();
    }

    /** {@code letters}, counted as written at {@code stage} ({@link ContextMeters#DEAD_LETTERS}). */
    List<ProducerRecord<byte[], byte[]>> counted(String stage, List<ProducerRecord<byte[], byte[]>> letters) {
        for (int i = 0; i < letters.size(); i++) meters.deadLetter(stage);
        return letters;
    }

    /** The dead letter of the input in {@code context}, or none when there is no dead-letter topic or no input. */
    List<ProducerRecord<byte[], byte[]>> of(ErrorHandlerContext context, Exception exception) {
        if (topic() == null || context == null || context.topic() == null) {
            return List.of();
        }
        return List.of(of(context.sourceRawKey(), context.sourceRawValue(), context, exception));
    }

    ProducerRecord<byte[], byte[]> of(byte[] key, byte[] value, ErrorHandlerContext context, Exception exception) {
        Long timestamp = context.timestamp() >= 0 ? context.timestamp() : null;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic(), null, timestamp, key, value);
        Headers headers = record.headers();
        if (context.headers() != null) {
            for (Header h : context.headers()) {
                if (!h.key().startsWith("__streams.errors.")) headers.add(h);
            }
        }
        headers.add(EXCEPTION, utf8(exception.getClass().getName()));
        headers.add(MESSAGE, utf8(String.valueOf(exception.getMessage())));
        headers.add(STACKTRACE, utf8(stackTrace(exception)));
        headers.add(TOPIC, utf8(context.topic()));
        headers.add(PARTITION, utf8(String.valueOf(context.partition())));
        headers.add(OFFSET, utf8(String.valueOf(context.offset())));
        return record;
    }

    private static String stackTrace(Exception e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        return trace.length() <= MAX_STACKTRACE_CHARS ? trace : trace.substring(0, MAX_STACKTRACE_CHARS) + "\n\t…";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
