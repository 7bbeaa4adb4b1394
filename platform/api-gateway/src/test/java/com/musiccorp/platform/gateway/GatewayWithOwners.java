package com.musiccorp.platform.gateway;

import java.io.IOException;

/**
 * The gateway in front of two real owners: {@code orders} serves /orders, /sagas, /loyalty and
 * /choreography, {@code warehouse} serves /stock, so a request that reached the wrong one shows.
 */
final class GatewayWithOwners implements AutoCloseable {

    final RecordingOwner orders = new RecordingOwner();
    final RecordingOwner warehouse = new RecordingOwner();
    final ApiGatewayServer gateway;

    GatewayWithOwners() throws IOException {
        gateway = ApiGatewayServer.start(0, Routes.parse(String.join(",",
                "/orders=orders@" + orders.url(), "/sagas=saga-status@" + orders.url(),
                "/loyalty=loyalty@" + orders.url(), "/choreography=saga-status@" + orders.url(),
                "/stock=warehouse@" + warehouse.url())));
    }

    int port() {
        return gateway.port();
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + gateway.port() + pathAndQuery;
    }

    void forgetRequests() {
        orders.forget();
        warehouse.forget();
    }

    @Override
    public void close() {
        gateway.close();
        orders.close();
        warehouse.close();
    }
}
