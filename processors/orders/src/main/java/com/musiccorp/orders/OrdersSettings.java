package com.musiccorp.orders;

import com.musiccorp.orders.domain.ShippingPolicy;

import java.util.Map;
import java.util.OptionalLong;

/**
 * What the orders service reads from its environment besides the shared Kafka settings
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code STATE_DIR}: see
 * {@code ContextSettings}).
 *
 * @param httpPort       {@code ORDERS_HTTP_PORT}, default 8082 (0 = a free port, shown in the READY line)
 * @param shippingPolicy {@code ORDERS_SHIPPING_FEE_MINOR} (default 399) per order, free from
 *                       {@code ORDERS_FREE_SHIPPING_FROM_MINOR} (default 5000; {@code never} = never free)
 */
public record OrdersSettings(int httpPort, ShippingPolicy shippingPolicy) {

    public static OrdersSettings fromEnvironment() {
        return from(System.getenv());
    }

    static OrdersSettings from(Map<String, String> env) {
        long fee = Long.parseLong(get(env, "ORDERS_SHIPPING_FEE_MINOR", "399"));
        String freeFrom = get(env, "ORDERS_FREE_SHIPPING_FROM_MINOR", "5000");
        return new OrdersSettings(
                Integer.parseInt(get(env, "ORDERS_HTTP_PORT", "8082")),
                new ShippingPolicy(fee, freeFrom.equalsIgnoreCase("never")
                        ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(freeFrom))));
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
