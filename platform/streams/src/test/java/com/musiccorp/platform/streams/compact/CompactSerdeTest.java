package com.musiccorp.platform.streams.compact;

import com.musiccorp.platform.streams.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactSerdeTest {

    /** A state with every kind of field the format writes. */
    record Sample(long number, String text, Instant at, List<String> tags) {
    }

    static final class SampleCodec implements CompactCodec<Sample> {
        private final int version;

        SampleCodec(int version) {
            this.version = version;
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public void write(Sample s, CompactWriter out) {
            out.writeLong(s.number()).writeString(s.text()).writeInstant(s.at()).writeCount(s.tags().size());
            s.tags().forEach(out::writeString);
        }

        @Override
        public Sample read(CompactReader in, int version) {
            long number = in.readLong();
            String text = in.readString();
            Instant at = in.readInstant();
            int n = in.readCount();
            List<String> tags = new ArrayList<>();
            for (int i = 0; i < n; i++) tags.add(in.readString());
            return new Sample(number, text, at, tags);
        }
    }

    final CompactSerde<Sample> serde = new CompactSerde<>(new SampleCodec(1), new JsonSerde<>(Sample.class));

    private Sample roundTrip(Sample s) {
        byte[] bytes = serde.serializer().serialize("t", s);
        assertThat(CompactSerde.isCompact(bytes)).isTrue();
        return serde.deserializer().deserialize("t", bytes);
    }

    @Test
    void everyFieldComesBackAsItWasWritten() {
        List<Sample> samples = List.of(
                new Sample(0, "", Instant.EPOCH, List.of()),
                new Sample(-1, null, null, List.of("a", "")),
                new Sample(Long.MIN_VALUE, "€ and 🎵, three and four bytes", Instant.parse("2026-12-06T05:30:00.123Z"),
                        List.of("x".repeat(300))),
                new Sample(Long.MAX_VALUE, "nanos", Instant.parse("2026-12-06T05:30:00.123456789Z"), List.of("b")),
                new Sample(42, "before 1970", Instant.parse("1969-07-20T20:17:40.5Z"), List.of()),
                new Sample(7, "the extremes", Instant.MAX, List.of()),
                new Sample(8, "the extremes", Instant.MIN, List.of()));
        for (Sample s : samples) {
            assertThat(roundTrip(s)).isEqualTo(s);
        }
    }

    @Test
    void smallNumbersAndWholeMillisecondsTakeFewBytes() {
        byte[] bytes = serde.write(new Sample(-3, "ab", Instant.ofEpochMilli(1_796_533_000_000L), List.of()));
        // marker, version, number (1), text (1 + 2), instant (1 + 6), no tags (1)
        assertThat(bytes).hasSize(2 + 1 + 3 + 7 + 1);
    }

    @Test
    void aValueInTheEarlierFormatIsStillRead() {
        Sample s = new Sample(5, "written as Smile before", Instant.parse("2026-01-01T00:00:00Z"), List.of("t"));
        byte[] smile = new JsonSerde<>(Sample.class).serializer().serialize("t", s);

        assertThat(CompactSerde.isCompact(smile)).isFalse();
        assertThat(serde.deserializer().deserialize("t", smile)).isEqualTo(s);
    }

    @Test
    void aTruncatedOrOverlongValueOrALaterLayoutIsRefusedNotMisread() {
        byte[] bytes = serde.write(new Sample(300, "text", Instant.EPOCH, List.of("tag")));

        assertThatThrownBy(() -> serde.read(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not a compact state");
        assertThatThrownBy(() -> serde.read(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("1 bytes after the last field");

        byte[] later = new CompactSerde<>(new SampleCodec(2), serde).write(new Sample(1, "", null, List.of()));
        assertThatThrownBy(() -> serde.read(later))
                .isInstanceOf(SerializationException.class).hasMessageContaining("layout 2");
    }

    @Test
    void aCountLargerThanTheBytesLeftIsCorruption() {
        byte[] bytes = {CompactSerde.MARKER, 1, 0, 0, CompactReader.NO_INSTANT, 100};

        assertThatThrownBy(() -> serde.read(bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("a count of 100");
    }

    @Test
    void listsAndOptionalPartsComeBackAsTheyWereWritten() {
        CompactWriter out = new CompactWriter(16);
        out.writeList(List.of("a", "bc"), (item, w) -> w.writeString(item));
        out.writePresence(null);
        if (out.writePresence("x")) out.writeString("x");
        CompactReader in = new CompactReader(out.toBytes(), 0);

        assertThat(in.readList(CompactReader::readString)).containsExactly("a", "bc");
        assertThat(in.readPresence()).isFalse();
        assertThat(in.readPresence()).isTrue();
        assertThat(in.readString()).isEqualTo("x");
        in.expectEnd();
    }

    @Test
    void aPresenceByteOtherThanZeroOrOneIsCorruption() {
        assertThatThrownBy(() -> new CompactReader(new byte[] {2}, 0).readPresence())
                .hasMessageContaining("presence byte");
    }
}
