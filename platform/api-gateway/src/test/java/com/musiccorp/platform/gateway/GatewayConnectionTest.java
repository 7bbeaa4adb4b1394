package com.musiccorp.platform.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection itself (RFC 9112): {@code Connection: close} ends it right after the answer, and
 * only HTTP/1.x is served; {@link RawHttp} fails a test whose connection stays open.
 */
class GatewayConnectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final GatewayWithOwners system = new GatewayWithOwners();

    @Test
    void connectionCloseEndsTheConnectionRightAfterAnOwnersAnswer() throws Exception {
        RawHttp.Answer a = RawHttp.exchange(system.port(), "GET /orders/42 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(a.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(a.body()).isEqualTo("{\"owner\":\"answered\"}");
        assertThat(a.headers()).containsEntry("connection", "close");
    }

    @Test
    void connectionCloseEndsTheConnectionAfterTheGatewaysOwnAnswers() throws Exception {
        assertThat(RawHttp.exchange(system.port(), "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status())
                .isEqualTo(404);
        assertThat(RawHttp.exchange(system.port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status())
                .isEqualTo(200);
    }

    @Test
    void anHttp10RequestWithoutKeepAliveIsAnsweredAndClosed() throws Exception {
        RawHttp.Answer a = RawHttp.exchange(system.port(), "GET /orders/42 HTTP/1.0\r\nHost: x\r\n\r\n");

        assertThat(a.status()).isEqualTo(200);
        assertThat(system.orders.received()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/9.9", "HTTP/2.0", "HTTP/0.9"})
    void anotherHttpVersionIsAJson505InHttp11AndReachesNoService(String version) throws Exception {
        RawHttp.Answer a = RawHttp.exchange(system.port(), "GET /orders/42 " + version + "\r\nHost: x\r\n\r\n");

        assertThat(a.statusLine()).isEqualTo("HTTP/1.1 505 HTTP Version Not Supported");
        assertThat(a.headers().get("content-type")).startsWith("application/json");
        assertThat(JSON.readTree(a.body()).get("message").asText()).contains(version, "HTTP/1.1");
        assertThat(system.orders.received()).isEmpty();
    }

    @Test
    void aLaterHttp1MinorVersionIsServedAsHttp11() throws Exception {
        RawHttp.Answer a = RawHttp.exchange(system.port(), "GET /orders/42 HTTP/1.2\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(a.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(system.orders.received()).hasSize(1);
    }
}
