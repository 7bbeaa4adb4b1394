package com.musiccorp.warehouse;

import com.musiccorp.warehouse.stream.SimulatedCarrier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WarehouseSettingsTest {

    @Test
    void defaultsAndOverrides() {
        WarehouseSettings defaults = WarehouseSettings.from(Map.of());
        assertThat(defaults.httpPort()).isEqualTo(8083);
        assertThat(defaults.carrierCapacity()).as("unlimited").isEqualTo(SimulatedCarrier.UNLIMITED);
        assertThat(defaults.dispatchPolicy().maxAttempts()).isEqualTo(5);
        assertThat(defaults.receiptIdRetention()).isEqualTo(Duration.ofDays(30));

        WarehouseSettings set = WarehouseSettings.from(Map.of("WAREHOUSE_HTTP_PORT", "0",
                "WAREHOUSE_CARRIER_CAPACITY", "0", "WAREHOUSE_DISPATCH_BACKOFF", "PT10S",
                "WAREHOUSE_DISPATCH_MAX_ATTEMPTS", "2", "WAREHOUSE_DISPATCH_CHECK_MS", "250",
                "WAREHOUSE_RECEIPT_ID_RETENTION", "P7D"));
        assertThat(set.httpPort()).isZero();
        assertThat(set.carrierCapacity()).isZero();
        assertThat(WarehouseSettings.from(Map.of("WAREHOUSE_CARRIER_CAPACITY", "60")).carrierCapacity()).isEqualTo(60);
        assertThat(set.dispatchPolicy().base()).isEqualTo(Duration.ofSeconds(10));
        assertThat(set.dispatchCheck()).isEqualTo(Duration.ofMillis(250));
        assertThat(set.receiptIdRetention()).isEqualTo(Duration.ofDays(7));
    }
}
