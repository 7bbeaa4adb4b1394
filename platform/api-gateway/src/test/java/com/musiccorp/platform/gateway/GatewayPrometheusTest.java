package com.musiccorp.platform.gateway;

import com.musiccorp.platform.metrics.PrometheusScrape;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /prometheus} on the one base URL is the gateway's own meters: answered here, never routed. */
class GatewayPrometheusTest {

    @Test
    void prometheusIsTheGatewaysOwnAndIsNotForwarded() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // an owner that cannot answer: forwarding would be a 502
        }
        try (ApiGatewayServer gateway = ApiGatewayServer.start(0,
                Routes.parse("/orders=orders@http://localhost:" + closedPort + ",/sagas=saga-status@http://localhost:" + closedPort))) {
            String text = PrometheusScrape.assertServed("http://localhost:" + gateway.port(), RawHttp.OPERATOR);
            assertThat(text).as("the gateway runs no Streams").doesNotContain("kafka_stream_");
        }
    }
}
