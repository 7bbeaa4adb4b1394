package com.musiccorp.platform.streams.compact;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.StockShortfall;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventFieldsTest {

    private static final EventMetadata META = new EventMetadata(UUID.randomUUID(), "corr-1", "cause-1",
            Instant.parse("2026-03-01T10:00:00.123456789Z"), "warehouse", 2);

    @Test
    void metadataAnAvroRecordUuidsAndBytesReadBackAsWrittenNullsToo() {
        var shortfall = new StockShortfall(2, "SKU-2", 3, 1, 2);
        CompactWriter out = new CompactWriter(8);
        EventFields.writeMetadata(META, out);
        EventFields.writeMetadata(null, out);
        EventFields.writeMetadata(new EventMetadata(UUID.randomUUID(), "corr-2", null, Instant.ofEpochMilli(5), "orders", 1), out);
        EventFields.writeRecord(shortfall, out);
        EventFields.writeRecord(null, out);
        out.writeUuid(new UUID(-1, Long.MIN_VALUE)).writeUuid(null).writeBytes(new byte[] {0, 1, (byte) 0xFF}).writeBytes(null);

        CompactReader in = new CompactReader(out.toBytes(), 0);
        assertThat(EventFields.readMetadata(in)).isEqualTo(META);
        assertThat(EventFields.readMetadata(in)).isNull();
        assertThat(EventFields.readMetadata(in).getCausationId()).isNull();
        assertThat(EventFields.readRecord(StockShortfall.class, in)).isEqualTo(shortfall);
        assertThat(EventFields.readRecord(StockShortfall.class, in)).isNull();
        assertThat(in.readUuid()).isEqualTo(new UUID(-1, Long.MIN_VALUE));
        assertThat(in.readUuid()).isNull();
        assertThat(in.readBytes()).containsExactly(0, 1, 0xFF);
        assertThat(in.readBytes()).isNull();
        in.expectEnd();
    }

    @Test
    void aRecordReadAsAnotherTypeOrCutShortIsRefused() {
        CompactWriter out = new CompactWriter(8);
        EventFields.writeRecord(new StockShortfall(2, "SKU-2", 3, 1, 2), out);
        byte[] bytes = out.toBytes();

        assertThatThrownBy(() -> EventFields.readRecord(EventMetadata.class, new CompactReader(bytes, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EventMetadata");
        CompactWriter uuid = new CompactWriter(8).writeUuid(UUID.randomUUID());
        byte[] cut = java.util.Arrays.copyOf(uuid.toBytes(), 10);
        assertThatThrownBy(() -> new CompactReader(cut, 0).readUuid()).isInstanceOf(IllegalArgumentException.class);
    }
}
