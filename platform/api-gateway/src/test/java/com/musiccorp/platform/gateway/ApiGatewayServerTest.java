package com.musiccorp.platform.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's own answers. Proxying to the real services is shown end to end by
 * {@code system-tests}, where every call of the customer goes through it.
 */
class ApiGatewayServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiGatewayServer gateway;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // nothing listens here once the socket is closed
        }
        gateway = ApiGatewayServer.start(0, Routes.parse("/orders=orders@http://localhost:" + closedPort));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aPathNoServiceOwnsIsAJson404() throws Exception {
        HttpResponse<String> r = get("/nothing/here");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).get("message").asText()).contains("no service serves /nothing/here");
    }

    @Test
    void anOwnerThatDoesNotAnswerIsA502SayingWhichAndWhere() throws Exception {
        HttpResponse<String> r = get("/orders/42");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(JSON.readTree(r.body()).get("message").asText()).contains("orders", String.valueOf(closedPort), "/orders");
    }

    @Test
    void theIndexListsTheRoutesAndReadinessNamesTheServiceThatIsNotReady() throws Exception {
        JsonNode index = JSON.readTree(get("/").body());
        assertThat(index.get("routes").get(0).get("prefix").asText()).isEqualTo("/orders");

        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(ready.body());
        assertThat(body.get("status").asText()).isEqualTo("NOT_READY");
        assertThat(body.get("down")).extracting(JsonNode::asText).containsExactly("orders");
        assertThat(body.get("message").asText()).contains("orders (not reachable at http://localhost:" + closedPort);
        assertThat(body.get("services").get(0).get("service").asText()).isEqualTo("orders");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + path))
                .header("Authorization", RawHttp.OPERATOR).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
