package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.Step;
import com.musiccorp.sagastatus.stream.SagaStateSerde;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompactStatesTest {

    static final Instant AT = Instant.parse("2026-12-06T06:00:00Z");
    final Saga saga = new Saga("corr-1", "order-1", "customer-1",
            List.of(new Step("e1", "OrderPlaced", "orders", null, AT, 0, "1 line", null)), AT, null, 0,
            List.of("OrderPlaced"), AT);

    @Test
    void aCompactSagaOnASagaStoreChangelogIsShownAsTheJsonItWouldHaveBeen() {
        byte[] compact = SagaStateSerde.saga().serializer().serialize("t", saga);
        JsonNode asJson = JsonSerde.mapper().valueToTree(saga);

        for (String topic : List.of("musiccorp-saga-status-sagas-store-changelog",
                "musiccorp-saga-status-g2-sagas-store-changelog")) {
            assertThat(CompactStates.toJson(topic, compact)).contains(asJson);
        }
        assertThat(asJson.path("steps").get(0).path("eventType").asText()).isEqualTo("OrderPlaced");
    }

    @Test
    void anotherStoresValueOrAnotherFormatIsLeftToTheCaller() {
        byte[] compact = SagaStateSerde.saga().serializer().serialize("t", saga);
        byte[] smile = new JsonSerde<>(Saga.class).serializer().serialize("t", saga);

        assertThat(CompactStates.toJson("musiccorp-orders-orders-store-changelog", compact)).isEmpty();
        assertThat(CompactStates.toJson("musiccorp-saga-status-sagas-store-changelog", smile)).isEmpty();
    }
}
