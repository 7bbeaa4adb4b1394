package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.AckedPublisher;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.JsonSerde;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes operator commands to {@code warehouse.commands}, keyed by order id (so each meets its
 * order's state in the same task), stamped with the request's time, and returns once the broker
 * acknowledged: a 202 means the topology will decide it.
 */
public final class WarehouseCommands implements AutoCloseable {

    private final AckedPublisher<WarehouseCommand> publisher;

    /** @param connection the context's Kafka connection (bootstrap servers, and its login on a secured broker) */
    public WarehouseCommands(Map<String, Object> connection) {
        WarehouseJson.install();
        this.publisher = new AckedPublisher<>(connection, "warehouse-commands",
                JsonSerde.asText(WarehouseCommand.class).serializer());
    }

    /**
     * A command as the topology reads it from warehouse.commands. Anything else (another type, not
     * JSON, a field missing, no value) throws with the reason, so it is dead-lettered, not dropped.
     */
    public static WarehouseCommand read(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException(TopicCatalog.WAREHOUSE_COMMANDS
                    + " carries RetryDispatch commands, not a record without a value");
        }
        try {
            return WarehouseJson.serde(WarehouseCommand.class).deserializer()
                    .deserialize(TopicCatalog.WAREHOUSE_COMMANDS, value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(TopicCatalog.WAREHOUSE_COMMANDS
                    + " carries RetryDispatch commands as JSON; this record is none: " + e.getMessage(), e);
        }
    }

    /** @throws AckedPublisher.PublishFailed when the broker did not acknowledge in time */
    public void send(WarehouseCommand.RetryDispatch command) {
        var headers = new RecordHeaders();
        headers.add(EventHeaders.CORRELATION_ID, command.correlationId().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.EVENT_TYPE, "RetryDispatch".getBytes(StandardCharsets.UTF_8));
        publisher.publish(AckedPublisher.record(TopicCatalog.WAREHOUSE_COMMANDS, command.orderId(), command,
                command.requestedAt().toEpochMilli(), headers));
    }

    @Override
    public void close() {
        publisher.close();
    }
}
