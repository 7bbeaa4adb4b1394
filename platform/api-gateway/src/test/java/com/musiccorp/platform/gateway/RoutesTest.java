package com.musiccorp.platform.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutesTest {

    @Test
    void aPathGoesToTheServiceOwningItsLongestPrefixOfWholeSegments() {
        Routes routes = Routes.parse("/orders=orders@http://localhost:8082, /stock=warehouse@http://localhost:8083,"
                + "/stock/special=special@http://localhost:9000");

        assertThat(routes.find("/orders")).hasValueSatisfying(r -> assertThat(r.service()).isEqualTo("orders"));
        assertThat(routes.find("/orders/42/cancellation")).hasValueSatisfying(r -> assertThat(r.service()).isEqualTo("orders"));
        assertThat(routes.find("/stock/special/1")).hasValueSatisfying(r -> assertThat(r.service()).isEqualTo("special"));
        assertThat(routes.find("/stock/SKU-1")).hasValueSatisfying(r -> assertThat(r.target().getPort()).isEqualTo(8083));
        assertThat(routes.find("/ordersX")).isEmpty();
        assertThat(routes.find("/")).isEmpty();
    }

    @Test
    void malformedOrConflictingRoutesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Routes.parse("/orders=http://localhost:8082")).hasMessageContaining("prefix=service@");
        assertThatThrownBy(() -> Routes.parse("orders=orders@http://localhost:8082")).hasMessageContaining("a path like /orders");
        assertThatThrownBy(() -> Routes.parse("/orders=orders@localhost:8082")).hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> Routes.parse("/a=x@http://h:1,/a=y@http://h:2")).hasMessageContaining("two services claim /a");
        assertThat(Routes.parse("").all()).isEmpty();
        assertThat(Routes.parse(null).all()).isEmpty();
    }
}
