package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.loyalty.stream.LoyaltyStateSerde;
import com.musiccorp.loyalty.stream.LoyaltyTopology;
import com.musiccorp.payments.stream.PaymentStateSerde;
import com.musiccorp.payments.stream.PaymentsTopology;
import com.musiccorp.notifications.stream.NotificationStateSerde;
import com.musiccorp.notifications.stream.NotificationsTopology;
import com.musiccorp.orders.stream.OrdersTopology;
import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.platform.streams.compact.CompactSerde;
import com.musiccorp.sagastatus.stream.SagaStateSerde;
import com.musiccorp.sagastatus.stream.SagaStatusTopology;
import com.musiccorp.warehouse.stream.WarehouseTopology;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.Map;
import java.util.Optional;

/**
 * A context's state written in the compact binary format ({@link CompactSerde}), found by the store
 * its changelog topic names ({@code <application.id>-<store>-changelog}, a rebuild generation's too),
 * shown as the JSON the state would have been. The compact format names no field, so only stores
 * known here are shown; any other compact value is left to the caller.
 */
final class CompactStates {

    private static final Map<String, Deserializer<?>> BY_STORE = Map.ofEntries(
            Map.entry(SagaStatusTopology.SAGAS_STORE, SagaStateSerde.saga().deserializer()),
            Map.entry(SagaStatusTopology.TRANSITIONS_STORE, SagaStateSerde.transitionStats().deserializer()),
            Map.entry(OrdersTopology.ORDERS_STORE, OrdersTopology.stateSerde().deserializer()),
            Map.entry(WarehouseTopology.FULFILMENT_STORE, WarehouseTopology.fulfilmentSerde().deserializer()),
            Map.entry(WarehouseTopology.SKU_STOCK_STORE, WarehouseTopology.skuStockSerde().deserializer()),
            Map.entry(WarehouseTopology.SKU_HOLDS_STORE, WarehouseTopology.holdSerde().deserializer()),
            Map.entry(LoyaltyTopology.ORDER_POINTS_STORE, LoyaltyStateSerde.orderPoints().deserializer()),
            Map.entry(LoyaltyTopology.CUSTOMER_BALANCE_STORE, LoyaltyStateSerde.customerBalance().deserializer()),
            Map.entry(PaymentsTopology.PAYMENTS_STORE, PaymentStateSerde.create().deserializer()),
            Map.entry(NotificationsTopology.NOTIFICATIONS_STORE, NotificationStateSerde.create().deserializer()));

    private CompactStates() {
    }

    static Optional<JsonNode> toJson(String topic, byte[] bytes) {
        if (!CompactSerde.isCompact(bytes)) {
            return Optional.empty();
        }
        for (Map.Entry<String, Deserializer<?>> store : BY_STORE.entrySet()) {
            if (topic.endsWith("-" + store.getKey() + "-changelog")) {
                // As the platform's mapper renders the state (its instants as ISO-8601 text).
                return Optional.of(JsonSerde.mapper().valueToTree(store.getValue().deserialize(topic, bytes)));
            }
        }
        return Optional.empty();
    }
}
