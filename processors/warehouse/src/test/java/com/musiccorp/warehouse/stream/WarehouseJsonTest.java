package com.musiccorp.warehouse.stream;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockShortfall;
import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.schemas.Causation;
import com.musiccorp.warehouse.domain.LineAnswer;
import com.musiccorp.warehouse.domain.LineRequest;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.SkuStock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The stores' and internal topics' JSON: every stage and internal record reads back equal. */
class WarehouseJsonTest {

    static final OrderPlaced ORDER = WarehouseTopologyTest.orderPlaced("o1",
            WarehouseTopologyTest.line(1, "SKU-1", 2), WarehouseTopologyTest.line(2, "SKU-2", 1));
    static final EventMetadata META = Causation.fromCommand("c", "o1",
            Instant.parse("2026-03-01T10:00:00.123456789Z"), "warehouse", "Test");

    /** Every stage of a fulfilment, the optional parts both present and absent. */
    static List<OrderFulfilment.Stage> everyStage() {
        LineAnswer reserved = new LineAnswer.LineReserved("o1", 1, "SKU-1", 2, false, META);
        LineAnswer.LinePicked picked = new LineAnswer.LinePicked("o1", "SKU-1", 2, 0, META);
        return List.of(
                new OrderFulfilment.New(),
                new OrderFulfilment.AwaitingLines(ORDER, Map.of(1, reserved,
                        2, new LineAnswer.LineShort("o1", 2, "SKU-2", 1, 0, META))),
                new OrderFulfilment.AwaitingLines(ORDER, Map.of(1, reserved), Map.of("SKU-1", 1)),
                new OrderFulfilment.Reserved(ORDER),
                new OrderFulfilment.Reserved(ORDER, Map.of("SKU-1", 2, "SKU-2", 1)),
                new OrderFulfilment.Insufficient(ORDER, List.of(new StockShortfall(2, "SKU-2", 1, 0, 1))),
                new OrderFulfilment.Packing(ORDER, "pay-1", "payment-taken-1", Map.of("SKU-1", picked)),
                new OrderFulfilment.Packing(ORDER, "pay-1", null, Map.of()),
                new OrderFulfilment.Packed(ORDER, "pkg-1", META),
                new OrderFulfilment.Packed(ORDER, "pkg-1", null),
                new OrderFulfilment.DelayedDispatch(ORDER, "pkg-1", 2, Instant.parse("2026-03-01T10:04:00Z"),
                        "no vans", META, 1),
                new OrderFulfilment.FailedDispatch(ORDER, "pkg-1", 5, "no vans", 0),
                new OrderFulfilment.Dispatched(ORDER, "SimPost", "SP1", 3),
                new OrderFulfilment.Released(ORDER, "payment failed"));
    }

    @Test
    void everyStageOfAFulfilmentRoundTrips() {
        JsonSerde<OrderFulfilment> serde = WarehouseJson.serde(OrderFulfilment.class);
        for (OrderFulfilment.Stage stage : everyStage()) {
            OrderFulfilment state = new OrderFulfilment("o1", stage, List.of(UUID.randomUUID(), META.getEventId()),
                    List.of(UUID.randomUUID()));
            byte[] json = serde.serializer().serialize("t", state);
            assertThat(serde.deserializer().deserialize("t", json)).as(new String(json)).isEqualTo(state);
        }
    }

    @Test
    void lineRequestsAnswersAndStockRoundTrip() {
        JsonSerde<LineRequest> requests = WarehouseJson.serde(LineRequest.class);
        for (LineRequest request : List.<LineRequest>of(new LineRequest.ReserveLine("o1", 1, "SKU-1", 2, false, META),
                new LineRequest.PickLine("o1", "SKU-1", 2, META),
                new LineRequest.ReleaseLine("o1", "SKU-1", "why", 2, META),
                new LineRequest.ShipLine("o1", "SKU-1", 2, META))) {
            assertThat(requests.deserializer().deserialize("t", requests.serializer().serialize("t", request)))
                    .isEqualTo(request);
        }
        JsonSerde<LineAnswer> answers = WarehouseJson.serde(LineAnswer.class);
        LineAnswer answer = new LineAnswer.LineShort("o1", 2, "SKU-2", 3, 1, META);
        assertThat(answers.deserializer().deserialize("t", answers.serializer().serialize("t", answer)))
                .isEqualTo(answer);

        SkuStock stock = new SkuStock("SKU-1", new SkuStock.Item("T", "A", MediaFormat.CD), 5,
                Map.of("o1", new SkuStock.Hold(Map.of(1, 2), 1, true)), 3);
        JsonSerde<SkuStock> stocks = WarehouseJson.serde(SkuStock.class);
        assertThat(stocks.deserializer().deserialize("t", stocks.serializer().serialize("t", stock)))
                .isEqualTo(stock);
    }

    @Test
    void aFulfilmentStoredAsJsonTextWithAvrosJsonEncodingInsideStillReads() throws Exception {
        OrderFulfilment state = new OrderFulfilment("o1", new OrderFulfilment.Reserved(ORDER), List.of(META.getEventId()),
                List.of());
        JsonSerde<OrderFulfilment> serde = WarehouseJson.serde(OrderFulfilment.class);
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JsonSerde.readTree(serde.serializer().serialize("t", state));
        var stage = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("stage");
        String field = stage.properties().stream().filter(e -> e.getValue().isBinary()).findFirst().orElseThrow().getKey();
        var avroJson = new java.io.ByteArrayOutputStream();
        var encoder = org.apache.avro.io.EncoderFactory.get().jsonEncoder(OrderPlaced.getClassSchema(), avroJson);
        new org.apache.avro.specific.SpecificDatumWriter<OrderPlaced>(OrderPlaced.class).write(ORDER, encoder);
        encoder.flush();
        stage.set(field, JsonSerde.mapper().readTree(avroJson.toByteArray()));
        byte[] earlier = JsonSerde.mapper().writeValueAsBytes(tree);

        assertThat(new String(earlier)).startsWith("{");
        assertThat(serde.deserializer().deserialize("t", earlier)).isEqualTo(state);
    }

    @Test
    void storedStateFromBeforeTheBoundsStillReads() throws Exception {
        // A SKU's stock kept a list of input ids; an order kept every input id and no operator retries.
        String oldStock = "{\"sku\":\"SKU-1\",\"item\":null,\"onHand\":5,\"holds\":{},\"shipped\":3,"
                + "\"recentInputs\":[\"" + META.getEventId() + "\"]}";
        assertThat(WarehouseJson.serde(SkuStock.class).deserializer().deserialize("t", oldStock.getBytes()))
                .isEqualTo(new SkuStock("SKU-1", null, 5, Map.of(), 3));

        var manyIds = new java.util.LinkedHashSet<UUID>();
        for (int i = 0; i < 40; i++) {
            manyIds.add(UUID.nameUUIDFromBytes(new byte[] {(byte) i}));
        }
        JsonSerde<OrderFulfilment> serde = WarehouseJson.serde(OrderFulfilment.class);
        String allIds = manyIds.stream().map(id -> "\"" + id + "\"").collect(java.util.stream.Collectors.joining(","));
        String oldOrder = JsonSerde.mapper().writeValueAsString(new OrderFulfilment("o1",
                new OrderFulfilment.Released(ORDER, "why"), List.of(), List.of()))
                .replace(",\"operatorRetries\":[]", "")
                .replace("\"handledInputs\":[]", "\"handledInputs\":[" + allIds + "]");
        assertThat(oldOrder).contains(manyIds.iterator().next().toString());
        assertThat(oldOrder).doesNotContain("operatorRetries");
        OrderFulfilment read = serde.deserializer().deserialize("t", oldOrder.getBytes());
        assertThat(read.operatorRetries()).isEmpty();
        assertThat(read.handledInputs()).hasSize(OrderFulfilment.RECENT_INPUTS)
                .containsExactlyElementsOf(new java.util.ArrayList<>(manyIds).subList(40 - OrderFulfilment.RECENT_INPUTS, 40));
    }

    @Test
    void aStoredDispatchedStateFromBeforeAttemptsWereKeptStillReads() throws Exception {
        JsonSerde<OrderFulfilment> serde = WarehouseJson.serde(OrderFulfilment.class);
        OrderFulfilment state = new OrderFulfilment("o1", new OrderFulfilment.Dispatched(ORDER, "SimPost", "SP1", 2),
                List.of(META.getEventId()), List.of());
        String json = JsonSerde.mapper().writeValueAsString(state).replace(",\"attempts\":2", "");
        assertThat(json).doesNotContain("attempts");
        assertThat(serde.deserializer().deserialize("t", json.getBytes()).stage())
                .isEqualTo(new OrderFulfilment.Dispatched(ORDER, "SimPost", "SP1", 0));
    }

    @Test
    void commandsRoundTripWithTheirType() throws Exception {
        JsonSerde<WarehouseCommand> serde = WarehouseJson.serde(WarehouseCommand.class);
        WarehouseCommand command = new WarehouseCommand.RetryDispatch("o1", "saga-1", "key-1",
                Instant.parse("2026-03-01T10:00:00.123Z"));
        byte[] json = serde.serializer().serialize("t", command);
        assertThat(JsonSerde.mapper().writeValueAsString(command)).contains("\"type\":\"RetryDispatch\"");
        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(command);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> serde.deserializer().deserialize("t",
                "{\"type\":\"RetryDispatch\",\"orderId\":\"o1\"}".getBytes()))
                .as("a command missing its id is unreadable (dead-lettered), not decided")
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
    }
}
