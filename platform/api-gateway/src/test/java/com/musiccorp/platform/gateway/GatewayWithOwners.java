package com.musiccorp.platform.gateway;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.io.IOException;

/**
 * The gateway in front of two real owners: {@code orders} serves /orders, /sagas, /loyalty and
 * /choreography, {@code warehouse} serves /stock, so a request that reached the wrong one shows.
 * A test class registers it ({@code @RegisterExtension static final GatewayWithOwners system}): it
 * starts before the class's tests, forgets what the owners saw before each test, and stops after.
 */
final class GatewayWithOwners implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    RecordingOwner orders;
    RecordingOwner warehouse;
    ApiGatewayServer gateway;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        orders = new RecordingOwner();
        warehouse = new RecordingOwner();
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

    @Override
    public void beforeEach(ExtensionContext context) {
        orders.forget();
        warehouse.forget();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        gateway.close();
        orders.close();
        warehouse.close();
    }
}
