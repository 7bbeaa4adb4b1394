package com.musiccorp.platform.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * A record whose bytes cannot be read goes to the dead-letter topic and processing goes on. A
 * failure that says nothing about the record (the schema registry is unreachable while the schema
 * cache is cold) is not a dead letter: the stream thread fails without committing, is replaced
 * (see {@link StreamsRuntime}), and reads the same record again; the instance is not ready meanwhile.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (isTransient(exception)) {
            log.warn("Cannot read {}-{}@{} for now, will read it again: {}", record.topic(), record.partition(),
                    record.offset(), exception.getMessage());
            return Response.fail();
        }
        log.warn("Unreadable record {}-{}@{} goes to {}: {}", record.topic(), record.partition(), record.offset(),
                deadLetters.topic(), exception.toString());
        return Response.resume(deadLetters.counted("read", deadLetters.of(context, exception)));
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException) return true;
        }
        return false;
    }
}
