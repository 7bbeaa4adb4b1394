package com.musiccorp.platform.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.schemas.ContractLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body over the services' limit is the gateway's JSON 413, whether its size is declared or it comes
 * chunked, and the owner never sees any of it; a body within the limit reaches the owner whole.
 */
class GatewayBodyLimitTest {
    private static final int LIMIT = ContractLimits.MAX_REQUEST_BODY_BYTES;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @RegisterExtension
    static final GatewayWithOwners system = new GatewayWithOwners();

    @Test
    void aTenMegabyteOrderIsA413NamingTheLimitAndNeverReachesOrders() throws Exception {
        HttpResponse<String> r = post(HttpRequest.BodyPublishers.ofByteArray(new byte[10 * 1024 * 1024]));

        assertRefused(r);
    }

    @Test
    void aDeclaredLengthOneByteOverTheLimitIsRefusedAndExactlyTheLimitPasses() throws Exception {
        assertRefused(post(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1])));

        HttpResponse<String> atLimit = post(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT]));
        assertThat(atLimit.statusCode()).isEqualTo(200);
        assertThat(system.orders.received()).singleElement().extracting(RecordingOwner.Received::bodyBytes).isEqualTo(LIMIT);
    }

    @Test
    void aChunkedBodyOverTheLimitIsTheSame413AndNothingOfItReachesOrders() throws Exception {
        HttpResponse<String> r = post(chunked(new byte[LIMIT + 1]));

        assertRefused(r);
    }

    @Test
    void aChunkedBodyWithinTheLimitReachesTheOwnerWholeWithItsHeadersAndRawQuery() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(system.url("/orders?x=%ff")))
                .header("Authorization", RawHttp.OPERATOR)
                .header("Content-Type", "application/json").header("Idempotency-Key", "chunked-1")
                .POST(chunked(new byte[LIMIT])).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(system.orders.received()).singleElement().usingRecursiveComparison().ignoringFields("traceparent")
                .isEqualTo(new RecordingOwner.Received("POST", "/orders", "x=%ff", LIMIT, "chunked-1", RawHttp.OPERATOR,
                        null, null));
        assertThat(system.orders.received().getFirst().traceparent()).as("the gateway's span, as for any request")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void aBodyOverTheLimitToTheGatewaysOwnPathsIsRefusedAsJson() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(system.url("/health/ready")))
                .header("Authorization", RawHttp.OPERATOR)
                .POST(chunked(new byte[LIMIT + 1])).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isIn(405, 413); // no route takes a body there: refused either way, as JSON
        assertThat(JSON.readTree(r.body()).has("message")).isTrue();
    }

    /** An input stream has no length the client could declare: the JDK client sends it chunked. */
    private static HttpRequest.BodyPublisher chunked(byte[] body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    }

    private static HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(system.url("/orders")))
                .header("Authorization", RawHttp.OPERATOR)
                .header("Content-Type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(r.body()).get("message").asText()).contains(String.valueOf(LIMIT), "256 KiB");
        assertThat(system.orders.received()).isEmpty();
    }
}
