package com.musiccorp.platform.registry;

import com.musiccorp.platform.registry.LogRecord.ConfigKey;
import com.musiccorp.platform.registry.LogRecord.ConfigValue;
import com.musiccorp.platform.registry.LogRecord.MaxIdKey;
import com.musiccorp.platform.registry.LogRecord.MaxIdValue;
import com.musiccorp.platform.registry.LogRecord.ModeKey;
import com.musiccorp.platform.registry.LogRecord.ModeValue;
import com.musiccorp.platform.registry.LogRecord.SchemaKey;
import com.musiccorp.platform.registry.LogRecord.SchemaValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RecordCodecTest {

    /** Compaction compares key bytes: these must never change, or old records would outlive their updates. */
    @Test
    void keysHaveFixedBytesInConfluentsLayout() {
        assertThat(text(RecordCodec.key(new SchemaKey("orders-value", 3))))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":3,\"magic\":1}");
        assertThat(text(RecordCodec.key(new ConfigKey(null)))).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(text(RecordCodec.key(new ConfigKey("a\"b")))).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":\"a\\\"b\",\"magic\":0}");
        assertThat(text(RecordCodec.key(new ModeKey("s")))).isEqualTo("{\"keytype\":\"MODE\",\"subject\":\"s\",\"magic\":0}");
        assertThat(text(RecordCodec.key(new MaxIdKey()))).isEqualTo("{\"keytype\":\"MAX_ID\",\"magic\":0}");
    }

    @Test
    void recordsRoundTrip() throws Exception {
        for (LogRecord record : new LogRecord[]{
                new LogRecord(new SchemaKey("s/ü", 2), new SchemaValue("s/ü", 2, 17, "AVRO", "{\"type\":\"string\"}", true)),
                LogRecord.tombstone(new SchemaKey("s", 1)),
                new LogRecord(new ConfigKey(null), new ConfigValue("FULL")),
                LogRecord.tombstone(new ConfigKey("s")),
                new LogRecord(new ModeKey("s"), new ModeValue("READONLY")),
                new LogRecord(new MaxIdKey(), new MaxIdValue(99))}) {
            assertThat(RecordCodec.decode(RecordCodec.key(record.key()), RecordCodec.value(record.value()))).isEqualTo(record);
        }
    }

    @Test
    void readsConfluentRecordsAndSkipsUnknownKeyTypes() throws Exception {
        LogRecord confluent = RecordCodec.decode(
                bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":1,\"magic\":1}"),
                bytes("{\"subject\":\"t-value\",\"version\":1,\"id\":5,\"schema\":\"\\\"string\\\"\",\"deleted\":false}"));
        assertThat(confluent).isEqualTo(new LogRecord(new SchemaKey("t-value", 1),
                new SchemaValue("t-value", 1, 5, "AVRO", "\"string\"", false)));
        assertThat(RecordCodec.decode(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), bytes("{}"))).isNull();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
