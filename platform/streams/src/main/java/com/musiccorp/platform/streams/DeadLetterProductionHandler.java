package com.musiccorp.platform.streams;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * What happens when a step's output cannot be written. A value that cannot be serialized (for
 * instance one over {@link RecordSizeLimit}) is refused before anything is sent, so the input that
 * produced it goes to the dead-letter topic and processing goes on, inside the same transaction.
 * Transient send errors are retried. Kafka's default handler instead fails the thread and, in an
 * asynchronous send's callback, fails even to build the dead letter (its context has timestamp -1),
 * so the replaced thread met the same record again, forever.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.from(configs);
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        log.error("Cannot write the {} of a record to {}; its input {}-{}@{} goes to {}: {}",
                origin.toString().toLowerCase(java.util.Locale.ROOT), record.topic(), context.topic(),
                context.partition(), context.offset(), deadLetters.topic(), exception.toString());
        return Response.resume(deadLetters.counted("write", deadLetters.of(context, exception)));
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        if (record.topic().equals(deadLetters.topic())) {
            log.error("Cannot write a dead letter to {}; it is dropped: {}", record.topic(), exception.toString());
            return Response.resume();
        }
        log.error("Cannot send a record to {}; failing the task so nothing is committed: {}", record.topic(),
                exception.toString());
        return Response.fail();
    }
}
