package com.musiccorp.warehouse.stream;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.platform.streams.compact.CompactSerde;
import com.musiccorp.warehouse.domain.LineAnswer;
import com.musiccorp.warehouse.domain.LineRequest;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.SkuStock;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stores' and internal topics' compact values: every stage and record reads back equal, and the JSON written before still reads. */
class CompactWarehouseStateTest {

    private static final OrderPlaced ORDER = WarehouseJsonTest.ORDER;
    private static final EventMetadata META = WarehouseJsonTest.META;

    @Test
    void everyStageOfAFulfilmentRoundTripsAndItsJsonStillReads() {
        CompactSerde<OrderFulfilment> serde = WarehouseTopology.fulfilmentSerde();
        for (OrderFulfilment.Stage stage : WarehouseJsonTest.everyStage()) {
            OrderFulfilment state = new OrderFulfilment("o1", stage, List.of(UUID.randomUUID(), META.getEventId()),
                    List.of(UUID.randomUUID()));
            byte[] compact = serde.write(state);
            byte[] json = WarehouseJson.serde(OrderFulfilment.class).serializer().serialize("t", state);

            assertThat(serde.read(compact)).as(stage.getClass().getSimpleName()).isEqualTo(state);
            assertThat(serde.read(json)).as("JSON of " + stage.getClass().getSimpleName()).isEqualTo(state);
            assertThat(compact.length).as(stage.getClass().getSimpleName()).isLessThan(json.length);
        }
    }

    @Test
    void everyLineRequestAndAnswerRoundTripsAndTheirJsonStillReads() {
        CompactSerde<LineRequest> requests = WarehouseTopology.lineRequestSerde();
        for (LineRequest request : List.<LineRequest>of(new LineRequest.ReserveLine("o1", 1, "SKU-1", 2, false, META),
                new LineRequest.ReserveLine("o1", 1, "SKU-1", 2, true, META),
                new LineRequest.PickLine("o1", "SKU-1", 2, META),
                new LineRequest.PackLine("o1", "SKU-1", 2, META),
                new LineRequest.ReleaseLine("o1", "SKU-1", "why", 2, META),
                new LineRequest.ShipLine("o1", "SKU-1", 2, META))) {
            assertThat(requests.read(requests.write(request))).isEqualTo(request);
            assertThat(requests.read(WarehouseJson.serde(LineRequest.class).serializer().serialize("t", request))).isEqualTo(request);
        }
        CompactSerde<LineAnswer> answers = WarehouseTopology.lineAnswerSerde();
        for (LineAnswer answer : List.<LineAnswer>of(new LineAnswer.LineReserved("o1", 1, "SKU-1", 2, false, META),
                new LineAnswer.LineReserved("o1", 1, "SKU-1", 2, true, META),
                new LineAnswer.LineShort("o1", 2, "SKU-2", 3, 1, META),
                new LineAnswer.LinePicked("o1", "SKU-1", 1, 1, META),
                new LineAnswer.LineMissing("o1", "SKU-1", 1, META))) {
            assertThat(answers.read(answers.write(answer))).isEqualTo(answer);
            assertThat(answers.read(WarehouseJson.serde(LineAnswer.class).serializer().serialize("t", answer))).isEqualTo(answer);
        }
    }

    @Test
    void anOrderReservedBeforeCountsToldOrdersReadsWithNothingMissing() {
        CompactSerde<OrderFulfilment> serde = WarehouseTopology.fulfilmentSerde();
        var state = new OrderFulfilment("o1", new OrderFulfilment.Reserved(ORDER), List.of(), List.of());
        byte[] layout2 = serde.write(state);
        // Layout 1 had no count of missing units after the order: the same bytes less one of the three
        // empty counts at the end (missing units, input ids, operator retries), under layout 1.
        byte[] layout1 = java.util.Arrays.copyOf(layout2, layout2.length - 1);
        assertThat(layout2[1]).isEqualTo((byte) 2);
        assertThat(layout2[layout2.length - 1]).isZero();
        layout1[1] = 1;

        assertThat(serde.read(layout1)).isEqualTo(state);
        assertThat(((OrderFulfilment.Reserved) serde.read(layout1).stage()).missing()).isEmpty();
    }

    @Test
    void aSkusStockAndItsHoldsRoundTrip() {
        var stock = new SkuStock("SKU-1", new SkuStock.Item("T", "A", MediaFormat.CD), 5,
                new SkuStock.HoldTotals(3, 1, 2, 7), Map.of(), 12);
        var hold = new SkuStock.Hold(Map.of(1, 2, 3, 1), 1, true, 7);

        assertThat(WarehouseTopology.skuStockSerde().read(WarehouseTopology.skuStockSerde().write(stock))).isEqualTo(stock);
        assertThat(WarehouseTopology.holdSerde().read(WarehouseTopology.holdSerde().write(hold))).isEqualTo(hold);
        assertThat(WarehouseTopology.skuStockSerde().read(WarehouseTopology.skuStockSerde().write(SkuStock.initial())))
                .isEqualTo(SkuStock.initial());
    }

    @Test
    void anOrderWrittenUnderAnotherSchemaIsRefusedNotMisread() {
        byte[] compact = WarehouseTopology.fulfilmentSerde().write(new OrderFulfilment("o1", new OrderFulfilment.Reserved(ORDER),
                List.of(), List.of()));
        // Marker, layout, "o1" (3), kind, the order's length (1 or 2), Avro's header (2): its 8-byte
        // schema fingerprint starts at byte 9 or 10; byte 12 is in it either way.
        compact[12] ^= 0x55;

        assertThatThrownBy(() -> WarehouseTopology.fulfilmentSerde().read(compact)).isInstanceOf(SerializationException.class);
    }
}
