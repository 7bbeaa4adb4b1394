package com.musiccorp.platform.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's static files, answered by the gateway itself without a token: content types, the
 * security headers, client-side pages, JSON 404s, and no way out of the console's folder.
 */
class GatewayConsoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiGatewayServer gateway;

    @BeforeAll
    static void start() {
        gateway = ApiGatewayServer.start(0, Routes.parse("/sagas=saga-status@http://localhost:9"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theIndexIsServedWithoutATokenWithStrictHeaders() throws Exception {
        HttpResponse<String> r = get("/console/", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        // The CSP forbids inline script: the page must have none to work.
        assertThat(r.body()).contains("<script type=\"module\" src=\"/console/app.js\"></script>")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContainPattern("\\son[a-z]+=").doesNotContain("style=");
    }

    @Test
    void anUnchangedFileIsNotSentAgain() throws Exception {
        String etag = get("/console/app.js", null).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(uri("/console/app.js")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/sagas/saga-123", "/console/choreography", "/console/dead-letters", "/console/look-up"})
    void theConsolesPagesAreItsIndexForClientSideRouting(String page) throws Exception {
        HttpResponse<String> r = get(page, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(get("/console/", null).body());
    }

    @Test
    void eachFileHasItsContentType() throws Exception {
        assertThat(get("/console/app.js", null).headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/console/console.css", null).headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void withoutTheSlashItRedirectsKeepingTheSignInLink() throws Exception {
        HttpResponse<String> r = get("/console?token=abc", null);
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("Location")).hasValue("/console/?token=abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/nothing.js", "/console/index.txt", "/console/Index.html", "/console/sagas/a/b", "/console/.hidden"})
    void anUnknownFileIsAJson404(String path) throws Exception {
        HttpResponse<String> r = get(path, null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(JSON.readTree(r.body()).get("message").asText()).isNotBlank();
    }

    /** {@code logback.xml} sits at the classpath's root, one folder above the console's files. */
    @ParameterizedTest
    @ValueSource(strings = {"/console/../logback.xml", "/console/%2e%2e/logback.xml", "/console/..%2flogback.xml",
            "/console/%2e%2e%2flogback.xml", "/console/..%5clogback.xml", "/console/%252e%252e%252flogback.xml",
            "/console/sagas/..%2f..%2flogback.xml", "/console//logback.xml"})
    void nothingOutsideTheConsoleFolderIsServed(String path) throws Exception {
        RawHttp.Answer a = RawHttp.exchangeAsIs(gateway.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(a.status()).as(path).isIn(400, 404);
        assertThat(a.body()).doesNotContain("<configuration", "appender");
    }

    @Test
    void theApiBehindItStillNeedsAToken() throws Exception {
        assertThat(get("/sagas", null).statusCode()).isEqualTo(401);
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + gateway.port() + path);
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) b.header("Authorization", authorization);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
