package com.musiccorp.cli;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * A record of a context's dead-letter topic, read through Kafka's KIP-1034 headers: the error
 * ({@code __streams.errors.exception}, {@code .message}) and where the original came from
 * ({@code .topic}, {@code .partition}, {@code .offset}). The value and key are the original bytes.
 */
record DeadLetter(ConsumerRecord<byte[], byte[]> record) {
    static final String PREFIX = "__streams.errors.";
    static final String EXCEPTION = PREFIX + "exception";
    static final String MESSAGE = PREFIX + "message";
    static final String TOPIC = PREFIX + "topic";
    static final String PARTITION = PREFIX + "partition";
    static final String OFFSET = PREFIX + "offset";

    String exception() {
        return header(EXCEPTION);
    }

    String message() {
        return header(MESSAGE);
    }

    String originTopic() {
        return header(TOPIC);
    }

    Integer originPartition() {
        return number(PARTITION) == null ? null : number(PARTITION).intValue();
    }

    Long originOffset() {
        return number(OFFSET);
    }

    /** Where the original was; two dead letters of one original share it. Falls back to the DLQ position. */
    String identity() {
        if (originTopic() != null && originPartition() != null && originOffset() != null) {
            return originTopic() + "/" + originPartition() + "/" + originOffset();
        }
        return "dlq:" + record.topic() + "/" + record.partition() + "/" + record.offset();
    }

    /** The original headers: everything but the error headers the dead-lettering added. */
    RecordHeaders originalHeaders() {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!h.key().startsWith(PREFIX)) headers.add(h.key(), h.value());
        }
        return headers;
    }

    String where() {
        return record.topic() + "@" + record.offset();
    }

    private String header(String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private Long number(String name) {
        String text = header(name);
        try {
            return text == null ? null : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
