package com.musiccorp.platform.avro;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bytes that are not Confluent wire format fail before the registry is asked, so none is needed here. */
class MalformedBytesTest {
    private AvroDeserializer<Object> deserializer;

    @BeforeEach
    void setUp() {
        deserializer = new AvroDeserializer<>();
        // Nothing listens there: any registry call would fail, proving none is made.
        deserializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:1", "max.retries", 0), false);
    }

    @AfterEach
    void tearDown() {
        deserializer.close();
    }

    @Test
    void nullBytesAreATombstone() {
        assertThat(deserializer.deserialize("orders", null)).isNull();
        assertThat(deserializer.deserialize("orders", new RecordHeaders(), (ByteBuffer) null)).isNull();
    }

    @Test
    void emptyBytes() {
        assertThatThrownBy(() -> deserializer.deserialize("orders", new byte[0]))
                .isInstanceOf(WireFormatException.class).isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'orders'")
                .hasMessageContaining("empty bytes");
    }

    @Test
    void threeBytes() {
        assertThatThrownBy(() -> deserializer.deserialize("orders", new byte[]{0, 0, 0}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("only 3 bytes (00 00 00)")
                .hasMessageContaining("at least 5 bytes");
    }

    @Test
    void magicByteOne() {
        assertThatThrownBy(() -> deserializer.deserialize("orders", new byte[]{1, 0, 0, 0, 1, 2, 4}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown magic byte 0x01 (1)")
                .hasMessageContaining("starts with magic byte 0");
    }

    @Test
    void plainJsonIsNotWireFormat() {
        byte[] json = "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> deserializer.deserialize("orders", json))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown magic byte 0x7b (123)")
                .hasMessageContaining("7b 22 6f 72");
    }

    @Test
    void byteBufferVariantChecksTheSameWayAndHonoursPosition() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[]{0, 0, 0, 0, 0, 9, 9});
        buffer.position(3); // what remains is 4 bytes: too short
        assertThatThrownBy(() -> deserializer.deserialize("orders", new RecordHeaders(), buffer))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("only 4 bytes (00 00 09 09)");
        ByteBuffer direct = ByteBuffer.allocateDirect(6).put(new byte[]{2, 0, 0, 0, 1, 0}).flip();
        assertThatThrownBy(() -> deserializer.deserialize("orders", new RecordHeaders(), direct))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("magic byte 0x02");
    }
}
