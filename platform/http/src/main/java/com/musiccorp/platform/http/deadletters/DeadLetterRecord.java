package com.musiccorp.platform.http.deadletters;

import com.musiccorp.platform.streams.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * A record of a context's dead-letter topic, read through Kafka's KIP-1034 headers: why it was
 * dead-lettered ({@code __streams.errors.exception}, {@code .message}) and where the original was
 * ({@code .topic}, {@code .partition}, {@code .offset}). Key and value are the original bytes. A
 * re-drive marker ({@link #REDRIVE_OF}) shares the topic but is no dead letter.
 */
record DeadLetterRecord(ConsumerRecord<byte[], byte[]> record) {
    static final String ERRORS = "__streams.errors.";
    static final String REDRIVE_OF = DeadLetters.REDRIVE_OF;
    static final String REDRIVE_TO = DeadLetters.REDRIVE_TO;

    boolean isMarker() {
        return header(REDRIVE_OF) != null;
    }

    String position() {
        return record.partition() + ":" + record.offset();
    }

    String exception() {
        return header(ERRORS + "exception");
    }

    String message() {
        return header(ERRORS + "message");
    }

    String originTopic() {
        return header(ERRORS + "topic");
    }

    Integer originPartition() {
        Long p = number(ERRORS + "partition");
        return p == null ? null : p.intValue();
    }

    Long originOffset() {
        return number(ERRORS + "offset");
    }

    /** The headers the original carried: everything but the ones dead-lettering added. */
    RecordHeaders originalHeaders() {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!h.key().startsWith(ERRORS)) headers.add(h.key(), h.value());
        }
        return headers;
    }

    String header(String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private Long number(String name) {
        String text = header(name);
        try {
            return text == null ? null : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
