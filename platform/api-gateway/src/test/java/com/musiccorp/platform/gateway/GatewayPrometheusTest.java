package com.musiccorp.platform.gateway;

import com.musiccorp.platform.metrics.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /prometheus} on the one base URL is the gateway's own meters: answered here, never routed. */
class GatewayPrometheusTest {
    @RegisterExtension
    static final GatewayWithOwners system = new GatewayWithOwners();

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

    @Test
    void aProxiedRequestIsMeteredByTheGatewaysServerAndNotAgainByItsClient() throws Exception {
        RawHttp.Answer a = RawHttp.exchange(system.port(), "GET /stock/SKU-1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(a.status()).isEqualTo(200);
        assertThat(system.warehouse.received()).hasSize(1);

        String text = PrometheusScrape.assertServed(system.url(""), RawHttp.OPERATOR);
        assertThat(text).contains("http_server_requests_seconds_count{").doesNotContain("http_client_requests");
    }
}
