package com.musiccorp.platform.http;

import com.musiccorp.platform.http.security.ApiSecurity;
import com.musiccorp.platform.metrics.ProcessMeters;
import com.musiccorp.platform.streams.ContextService;
import com.musiccorp.schemas.ContractLimits;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/**
 * A context's HTTP API on Micronaut, started programmatically around its Streams runtime with the
 * given singletons (the runtime, its queries, its publishers, its key routes). Only beans that
 * require {@code enabledProperty} (the context's controllers) and {@link #ENABLED} (what every
 * context shares: {@code GET /health/ready}, key forwarding) load, so another context's or the
 * registry's beans on the same classpath stay out.
 *
 * <p>A request body may be at most {@link ContractLimits#MAX_REQUEST_BODY_BYTES}: a larger one is
 * refused with a JSON 413 ({@link BodyTooLarge}) before any of it is read, so no body can become a
 * record the broker refuses (its limit is 1 MiB) or fill memory. A request line may be
 * {@link ContractLimits#MAX_REQUEST_LINE_BYTES}, several times the longest valid path, so an overlong identifier
 * in a path reaches the controller and is refused naming its field rather than cut off by Netty.
 *
 * <p>{@code GET /prometheus} serves the process's meters ({@link ProcessMeters}) as Prometheus text:
 * Kafka Streams' ({@code kafka_stream_*}), the JVM's, this server's requests
 * ({@code http_server_requests_seconds}) and the context's own ({@code musiccorp_*}).
 *
 * <p>Every request but {@code /health/**} needs a bearer token signed with
 * {@code MUSICCORP_JWT_SECRET} ({@link ApiSecurity}); each controller says which roles it admits.
 * The server listens on {@link BindAddress} (loopback unless {@code BIND_ADDRESS} says otherwise).
 */
public final class ContextHttpServer implements ContextService.Http {

    /** Set in every context's HTTP application context. */
    public static final String ENABLED = "musiccorp.context-http.enabled";

    /** Netty's default is 4 KiB: a 10 KB identifier in a path would never reach the check that names it. */

    private final ApplicationContext context;
    private final EmbeddedServer http;

    private ContextHttpServer(ApplicationContext context, EmbeddedServer http) {
        this.context = context;
        this.http = http;
    }

    /** Serves on {@code port} (0 = a free port) of {@link BindAddress}, checking tokens against the environment's secret. */
    public static ContextHttpServer start(String name, String enabledProperty, int port, Object... singletons) {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(ApiSecurity.withSecurityProperties(ProcessMeters.withHttpProperties(Map.of(
                        "micronaut.application.name", name,
                        "micronaut.server.host", BindAddress.fromEnvironment(),
                        "micronaut.server.port", port == 0 ? -1 : port,
                        "micronaut.server.max-request-size", ContractLimits.MAX_REQUEST_BODY_BYTES,
                        "micronaut.server.netty.max-initial-line-length", ContractLimits.MAX_REQUEST_LINE_BYTES,
                        enabledProperty, true,
                        ENABLED, true)), ApiSecurity.secretFromEnvironment()))
                .singletons(singletons)
                .start();
        try {
            EmbeddedServer http = context.getBean(EmbeddedServer.class);
            http.start();
            return new ContextHttpServer(context, http);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    @Override
    public int port() {
        return http.getPort();
    }

    /** Drains ({@link Draining}) first, then stops listening, then closes the application context. */
    @Override
    public void close() {
        if (!context.isRunning()) {
            return;
        }
        context.getBean(Draining.class).start();
        try {
            Thread.sleep(Draining.GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop();
        context.close();
    }
}
