package com.musiccorp.platform.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Paths and queries the gateway must pass on byte for byte, or refuse with a JSON 400: never a 5xx. */
class GatewayRequestTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @RegisterExtension
    static final GatewayWithOwners system = new GatewayWithOwners();

    @ParameterizedTest
    @ValueSource(strings = {"/sagas/counts?x=%ff", "/sagas?after=%00%ff", "/orders/42?x=%ff", "/loyalty/cust-1?x=%C3",
            "/choreography?x=%ff", "/orders?q=a+b%20c&r=%E2%82%AC", "/orders/%ff", "/orders/a%2Fb"})
    void escapesThatAreNotUtf8OrAreAmbiguousReachTheOwnerUnchanged(String target) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(system.url(target)))
                .header("Authorization", RawHttp.OPERATOR).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("answered");
        RecordingOwner.Received got = system.orders.received().getFirst();
        assertThat(got.rawQuery() == null ? got.rawPath() : got.rawPath() + "?" + got.rawQuery()).isEqualTo(target);
    }

    @Test
    void escapesInAPathReachTheServiceOwningItsPrefix() throws Exception {
        RawHttp.Answer a = RawHttp.exchange(system.port(), "GET /stock/%00/receipts?x=%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(a.status()).isEqualTo(200);
        assertThat(system.warehouse.received()).singleElement().satisfies(got -> {
            assertThat(got.rawPath()).isEqualTo("/stock/%00/receipts");
            assertThat(got.rawQuery()).isEqualTo("x=%ff");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/orders/../stock/x", "/stock/%2e%2e/x", "/orders/%2E%2E/stock/SKU-1", "/orders/./42", "/stock/SKU-1/.."})
    void aPathWithDotSegmentsIsAJson400ThatReachesNoService(String path) throws Exception {
        RawHttp.Answer a = RawHttp.exchange(system.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.headers().get("content-type")).startsWith("application/json");
        assertThat(JSON.readTree(a.body()).get("message").asText()).contains(path, "dot-segments");
        assertThat(system.orders.received()).isEmpty();
        assertThat(system.warehouse.received()).isEmpty();
    }

    @Test
    void anAbsoluteFormTargetIsForwardedAsTheSamePathAndQuery() throws Exception {
        RawHttp.Answer a = RawHttp.exchange(system.port(),
                "GET http://localhost/stock/SKU-1?x=%ff HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(a.status()).isEqualTo(200);
        assertThat(system.warehouse.received()).singleElement().satisfies(got -> {
            assertThat(got.rawPath()).isEqualTo("/stock/SKU-1");
            assertThat(got.rawQuery()).isEqualTo("x=%ff");
        });
    }
}
