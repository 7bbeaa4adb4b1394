package com.musiccorp.platform.avro;

import com.musiccorp.platform.avro.testevents.TrackPurchased;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/** Test events: TrackPurchased v2 is the generated class; v1 lives in src/test/resources/schemas. */
final class TestEvents {
    static final Schema TRACK_PURCHASED_V1 = load("/schemas/TrackPurchased-v1.avsc");
    static final Schema TRACK_PURCHASED_V2 = TrackPurchased.getClassSchema();

    private TestEvents() {
    }

    static TrackPurchased purchase(int n, String channel) {
        return TrackPurchased.newBuilder()
                .setPurchaseId(UUID.nameUUIDFromBytes(("purchase-" + n).getBytes()))
                .setTrackId("track-" + n)
                .setPriceCents(99L + n)
                .setPurchasedAt(Instant.ofEpochMilli(1_790_000_000_000L + n))
                .setChannel(channel)
                .build();
    }

    /** A v1 record as a producer built before 'channel' existed would write it. */
    static GenericRecord purchaseV1(int n) {
        GenericRecord r = new GenericData.Record(TRACK_PURCHASED_V1);
        r.put("purchaseId", UUID.nameUUIDFromBytes(("purchase-" + n).getBytes()).toString());
        r.put("trackId", "track-" + n);
        r.put("priceCents", 99L + n);
        r.put("purchasedAt", 1_790_000_000_000L + n);
        return r;
    }

    private static Schema load(String resource) {
        try (InputStream in = TestEvents.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
