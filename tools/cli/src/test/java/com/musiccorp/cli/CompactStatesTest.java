package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.loyalty.domain.Amount;
import com.musiccorp.loyalty.domain.CustomerBalance;
import com.musiccorp.loyalty.domain.OrderPoints;
import com.musiccorp.loyalty.domain.OrderTerms;
import com.musiccorp.loyalty.stream.LoyaltyStateSerde;
import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.notifications.stream.NotificationStateSerde;
import com.musiccorp.payments.domain.Payment;
import com.musiccorp.payments.stream.PaymentStateSerde;
import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.Step;
import com.musiccorp.sagastatus.stream.SagaStateSerde;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.warehouse.domain.SkuStock;
import com.musiccorp.warehouse.stream.WarehouseTopology;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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

        assertThat(CompactStates.toJson("musiccorp-warehouse-counted-stock-store-changelog", compact)).isEmpty();
        assertThat(CompactStates.toJson("musiccorp-saga-status-sagas-store-changelog", smile)).isEmpty();
    }

    @Test
    void theWarehousesStockAndHoldsAreShownAsJson() {
        var stock = new SkuStock("SKU-1", new SkuStock.Item("T", "A", MediaFormat.CD), 5,
                new SkuStock.HoldTotals(2, 0, 0, 1), Map.of(), 0);
        var hold = new SkuStock.Hold(Map.of(1, 2), 0, false, 1);

        assertThat(CompactStates.toJson("musiccorp-warehouse-sku-stock-store-changelog",
                WarehouseTopology.skuStockSerde().write(stock))).hasValueSatisfying(json -> {
                    assertThat(json.path("onHand").asInt()).isEqualTo(5);
                    assertThat(json.path("totals").path("held").asInt()).isEqualTo(2);
                });
        assertThat(CompactStates.toJson("musiccorp-warehouse-sku-holds-store-changelog",
                WarehouseTopology.holdSerde().write(hold))).hasValueSatisfying(json ->
                assertThat(json.path("lines").path("1").asInt()).isEqualTo(2));
    }

    @Test
    void loyaltysOrderPointsAndBalancesAreShownAsJson() {
        var balance = CustomerBalance.initial().credit("customer-1", "order-1", 42);
        var points = new OrderPoints("order-1", new OrderTerms("customer-1", new Amount(4_200, "GBP")),
                new OrderPoints.Stage.AwaitingDispatch(), List.of());

        assertThat(CompactStates.toJson("musiccorp-loyalty-customer-balance-store-changelog",
                LoyaltyStateSerde.customerBalance().serializer().serialize("t", balance))).hasValueSatisfying(json -> {
                    assertThat(json.path("balance").asLong()).isEqualTo(42);
                    assertThat(json.path("recentCredits").get(0).path("orderId").asText()).isEqualTo("order-1");
                });
        assertThat(CompactStates.toJson("musiccorp-loyalty-order-points-store-changelog",
                LoyaltyStateSerde.orderPoints().serializer().serialize("t", points))).hasValueSatisfying(json ->
                assertThat(json.path("terms").path("total").path("minor").asLong()).isEqualTo(4_200));
    }

    @Test
    void aPaymentIsShownAsJson() {
        assertThat(CompactStates.toJson("musiccorp-payments-payments-store-changelog",
                PaymentStateSerde.create().serializer().serialize("t", Payment.initial()))).hasValueSatisfying(json ->
                assertThat(json.path("stage").path("name").asText()).isEqualTo("NEW"));
    }

    @Test
    void anOrdersNotificationsAreShownAsJson() {
        var state = OrderNotifications.initial();
        assertThat(CompactStates.toJson("musiccorp-notifications-notifications-store-changelog",
                NotificationStateSerde.create().serializer().serialize("t", state))).contains(
                JsonSerde.mapper().valueToTree(state));
    }
}
