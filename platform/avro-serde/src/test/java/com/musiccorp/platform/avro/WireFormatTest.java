package com.musiccorp.platform.avro;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireFormatTest {

    @Test
    void readsTheBigEndianSchemaIdAfterTheMagicByte() {
        assertThat(WireFormat.schemaIdOf(new byte[]{0, 0, 0, 0, 42, 2, 6})).isEqualTo(42);
        assertThat(WireFormat.schemaIdOf(new byte[]{0, 1, 2, 3, 4})).isEqualTo(0x01020304);
        assertThat(WireFormat.schemaIdOf(new byte[]{0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff})).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void writeHeaderIsTheInverseOfSchemaIdOf() {
        byte[] bytes = new byte[5];
        WireFormat.writeHeader(bytes, 0, 100_001);
        assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(WireFormat.schemaIdOf(bytes)).isEqualTo(100_001);
    }

    @Test
    void isWireFormatNeedsFiveBytesStartingWithZero() {
        assertThat(WireFormat.isWireFormat(new byte[]{0, 0, 0, 0, 1})).isTrue();
        assertThat(WireFormat.isWireFormat(new byte[]{0, 0, 0, 0, 1, 2, 3})).isTrue();
        assertThat(WireFormat.isWireFormat(null)).isFalse();
        assertThat(WireFormat.isWireFormat(new byte[0])).isFalse();
        assertThat(WireFormat.isWireFormat(new byte[]{0, 0, 0, 1})).isFalse();
        assertThat(WireFormat.isWireFormat(new byte[]{1, 0, 0, 0, 1})).isFalse();
        assertThat(WireFormat.isWireFormat("{\"json\":1}".getBytes())).isFalse();
    }

    @Test
    void nullEmptyAndShortBytesAreRejectedWithTheExpectedLayout() {
        assertThatThrownBy(() -> WireFormat.schemaIdOf(null))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> WireFormat.schemaIdOf(new byte[0]))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("empty bytes (0 bytes)")
                .hasMessageContaining("magic byte 0, a 4-byte big-endian schema id");
        assertThatThrownBy(() -> WireFormat.schemaIdOf(new byte[]{0, 0, 1}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("only 3 bytes (00 00 01)")
                .hasMessageContaining("at least 5 bytes");
    }

    @Test
    void wrongMagicByteNamesTheByteFound() {
        assertThatThrownBy(() -> WireFormat.schemaIdOf(new byte[]{1, 0, 0, 0, 7, 2}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown magic byte 0x01 (1)")
                .hasMessageContaining("Confluent wire format starts with magic byte 0")
                .hasMessageContaining("01 00 00 00 07 02");
    }
}
