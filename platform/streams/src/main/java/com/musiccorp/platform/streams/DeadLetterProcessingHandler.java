package com.musiccorp.platform.streams;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * A step that throws (an illegal input, a state over the record limit) sends its input to the
 * dead-letter topic with the reason, and processing goes on: what Kafka's log-and-continue handler
 * does, but to the {@link DeadLetterRoute}, so a rebuild that takes over serving writes to the
 * context's topic from then on.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        log.warn("Processing {}-{}@{} failed at {}; it goes to {}: {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), deadLetters.topic(), exception.toString());
        return Response.resume(deadLetters.counted("process", deadLetters.of(context, exception)));
    }
}
