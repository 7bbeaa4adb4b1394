package com.musiccorp.platform.streams;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.schemas.Causation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonSerdeTest {
    record LineRequest(String orderId, int quantity, Instant at, EventMetadata metadata, List<String> skus) {
    }

    @Test
    void aRecordCarryingAvroMetadataRoundTripsExactly() {
        EventMetadata cause = Causation.fromCommand("key-1", "corr-1", Instant.parse("2026-11-23T10:00:00.123456789Z"),
                "orders", "OrderPlaced");
        LineRequest request = new LineRequest("o-1", 2, Instant.parse("2026-11-23T10:00:00.5Z"),
                Causation.causedBy(cause, "warehouse", "ReserveLine", 1, Instant.parse("2026-11-23T10:00:00.4Z")), List.of("SKU-1", "SKU-2"));
        try (var serde = new JsonSerde<>(LineRequest.class)) {
            byte[] bytes = serde.serializer().serialize("t", request);
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(request);
            assertThat(serde.serializer().serialize("t", null)).isNull();
        }
    }

    @Test
    void stateIsWrittenAsSmileSmallerThanJsonAndStateWrittenAsJsonTextIsStillRead() throws Exception {
        EventMetadata cause = Causation.fromCommand("key-1", "corr-1", Instant.parse("2026-11-23T10:00:00Z"),
                "orders", "OrderPlaced");
        List<LineRequest> lines = java.util.stream.IntStream.range(0, 20).mapToObj(i -> new LineRequest("order-" + i, i,
                Instant.parse("2026-11-23T10:00:00Z").plusSeconds(i), Causation.causedBy(cause, "warehouse", "ReserveLine", i,
                        Instant.parse("2026-11-23T10:00:01Z")),
                List.of("SKU-1"))).toList();
        record Lines(List<LineRequest> lines) {
        }
        Lines value = new Lines(lines);
        try (var serde = new JsonSerde<>(Lines.class)) {
            byte[] smile = serde.serializer().serialize("t", value);
            byte[] jsonText = JsonSerde.mapper().writeValueAsBytes(value); // what earlier versions stored
            assertThat(new String(smile, 0, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(":)\n");
            assertThat(smile.length).as("repeated names written once").isLessThan(jsonText.length * 2 / 3);
            assertThat(serde.deserializer().deserialize("t", smile)).isEqualTo(value);
            assertThat(serde.deserializer().deserialize("t", jsonText)).isEqualTo(value);
            assertThat(JsonSerde.readTree(smile).path("lines").get(3).path("at").asLong())
                    .isEqualTo(Instant.parse("2026-11-23T10:00:03Z").toEpochMilli());
            assertThat(JsonSerde.readTree(jsonText).path("lines").get(3).path("at").asText())
                    .isEqualTo("2026-11-23T10:00:03Z");
        }
    }

    record At(Instant at) {
    }

    @Test
    void anInstantIsStoredAsEpochMillisUnlessItHasAFinerPartAndEitherRoundTripsExactly() throws Exception {
        Instant millis = Instant.parse("2026-11-23T10:00:00.123Z");
        Instant nanos = Instant.parse("2026-11-23T10:00:00.123456789Z");
        try (var serde = new JsonSerde<>(At.class)) {
            byte[] compact = serde.serializer().serialize("t", new At(millis));
            assertThat(JsonSerde.readTree(compact).path("at").isIntegralNumber()).isTrue();
            assertThat(serde.deserializer().deserialize("t", compact)).isEqualTo(new At(millis));
            byte[] exact = serde.serializer().serialize("t", new At(nanos));
            assertThat(JsonSerde.readTree(exact).path("at").asText()).isEqualTo("2026-11-23T10:00:00.123456789Z");
            assertThat(serde.deserializer().deserialize("t", exact)).isEqualTo(new At(nanos));
        }
    }

    @Test
    void smileStateWithInstantsAsTextWrittenByEarlierVersionsIsStillRead() throws Exception {
        var earlier = com.fasterxml.jackson.dataformat.smile.databind.SmileMapper.builder()
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        byte[] bytes = earlier.writeValueAsBytes(new At(Instant.parse("2026-11-23T10:00:00.5Z")));
        assertThat(JsonSerde.readTree(bytes).path("at").isTextual()).isTrue();
        try (var serde = new JsonSerde<>(At.class)) {
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(new At(Instant.parse("2026-11-23T10:00:00.5Z")));
        }
    }

    @Test
    void aCommandTopicsSerdeWritesJsonTextThatPeopleAndOtherToolsRead() {
        record Cancel(String orderId, String reason) {
        }
        try (var serde = JsonSerde.asText(Cancel.class)) {
            byte[] bytes = serde.serializer().serialize("orders.commands", new Cancel("o-1", "changed my mind"));
            assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("{\"orderId\":\"o-1\",\"reason\":\"changed my mind\"}");
            assertThat(serde.deserializer().deserialize("orders.commands", bytes)).isEqualTo(new Cancel("o-1", "changed my mind"));
        }
    }
}
