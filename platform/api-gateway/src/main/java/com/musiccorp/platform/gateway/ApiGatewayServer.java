package com.musiccorp.platform.gateway;

import com.musiccorp.platform.http.BindAddress;
import com.musiccorp.platform.http.security.ApiSecurity;
import com.musiccorp.platform.metrics.ProcessMeters;
import com.musiccorp.schemas.ContractLimits;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.List;
import java.util.Map;

/**
 * The gateway on Micronaut, started programmatically with its routing table. {@code GET /prometheus}
 * is the gateway's own meters ({@link ProcessMeters}: JVM, its HTTP server), never forwarded to a service.
 *
 * <p>Every path but {@code /health/**} needs a valid bearer token ({@link ApiSecurity}): an
 * anonymous caller is answered 401 here, never reaching a service. Which role may do what is for
 * the owning service to say: it gets the caller's {@code Authorization} header unchanged.
 */
public final class ApiGatewayServer implements AutoCloseable {

    static final String ENABLED = "musiccorp.api-gateway.enabled";

    /** Matches no path the gateway proxies (no route has it), so its client calls get no meters. */
    static final String UNMETERED_CLIENT_PATH = "/musiccorp-gateway-client-unmetered";

    private final ApplicationContext context;
    private final EmbeddedServer http;

    private ApiGatewayServer(ApplicationContext context, EmbeddedServer http) {
        this.context = context;
        this.http = http;
    }

    /** Serves on {@code port} (0 = a free port) of {@link BindAddress}, checking tokens against the environment's secret. */
    public static ApiGatewayServer start(int port, Routes routes) {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(ApiSecurity.withSecurityProperties(ProcessMeters.withHttpProperties(Map.of(
                        "micronaut.application.name", "api",
                        "micronaut.server.host", BindAddress.fromEnvironment(),
                        "micronaut.server.port", port == 0 ? -1 : port,
                        // The services' body limit: the server fails a chunked body past it; RequestBodyLimit answers the 413.
                        "micronaut.server.max-request-size", RequestBodyLimit.MAX_BYTES,
                        // The services' request-line limit: an overlong id reaches the owner, which names it.
                        "micronaut.server.netty.max-initial-line-length", ContractLimits.MAX_REQUEST_LINE_BYTES,
                        // A long-poll or an event stream may stay open; the owner bounds it, not the gateway.
                        "micronaut.http.client.read-timeout", "65s",
                        "micronaut.http.client.read-idle-timeout", "-1s",
                        // No client meters on the proxy: each owner's server measures the same requests
                        // (http_server_requests), and timing them again here was 6-9 % of the gateway's
                        // event loops (JFR of GET /sagas/{id}). The path they apply to is Micronaut's only switch.
                        "micronaut.metrics.http.client.path", UNMETERED_CLIENT_PATH,
                        ENABLED, true)), ApiSecurity.secretFromEnvironment(),
                        // Every path below the root; GET / says so itself (GatewayController). Not "/**": a
                        // request-target that is no URI (%zz) is answered for a stand-in "/" request without
                        // the caller's headers, which must stay Micronaut's JSON 400, not become a 401.
                        // The console's static files are open (ConsoleController): its API calls carry the token.
                        List.of(Map.of("pattern", "/console", "access", List.of("isAnonymous()")),
                                Map.of("pattern", "/console/**", "access", List.of("isAnonymous()")),
                                Map.of("pattern", "/*/**", "access", List.of("isAuthenticated()")))))
                .singletons(routes)
                .start();
        try {
            EmbeddedServer http = context.getBean(EmbeddedServer.class);
            http.start();
            return new ApiGatewayServer(context, http);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public int port() {
        return http.getPort();
    }

    @Override
    public void close() {
        if (context.isRunning()) {
            http.stop();
            context.close();
        }
    }
}
