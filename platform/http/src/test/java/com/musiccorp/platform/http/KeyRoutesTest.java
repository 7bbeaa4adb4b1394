package com.musiccorp.platform.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRoutesTest {
    private final KeyRoutes routes = KeyRoutes.of(
            KeyRoutes.here("/sagas/counts"),
            KeyRoutes.key("/sagas/by-order/{key}", "order-index-store"),
            KeyRoutes.key("/sagas/{key}", "sagas-store"),
            KeyRoutes.key("/sagas/{key}/stream", "sagas-store"));

    @Test
    void aPathReadingOneKeyNamesItsStoreAndKey() {
        assertThat(routes.match("/sagas/c-1")).hasValue(new KeyRoutes.StoreKey("sagas-store", "c-1"));
        assertThat(routes.match("/sagas/c-1/stream")).hasValue(new KeyRoutes.StoreKey("sagas-store", "c-1"));
        assertThat(routes.match("/sagas/by-order/o-1")).hasValue(new KeyRoutes.StoreKey("order-index-store", "o-1"));
        assertThat(routes.match("/sagas/a%20b")).hasValue(new KeyRoutes.StoreKey("sagas-store", "a b"));
    }

    @Test
    void otherPathsAndPathsMarkedHereAreAnsweredWhereTheyArrive() {
        assertThat(routes.match("/sagas/counts")).isEmpty();
        assertThat(routes.match("/sagas")).isEmpty();
        assertThat(routes.match("/sagas/")).isEmpty();
        assertThat(routes.match("/sagas/c-1/other")).isEmpty();
        assertThat(routes.match("/orders/1")).isEmpty();
    }

    @Test
    void aKeyWithAMalformedEscapeIsNoKeyToRouteButLeftToTheController() {
        assertThat(routes.match("/sagas/%zz")).isEmpty();
        assertThat(routes.match("/sagas/%e")).isEmpty();
    }
}
