package com.musiccorp.platform.http;

import com.musiccorp.platform.streams.ContextService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/**
 * A context's HTTP API on Micronaut, started programmatically around its Streams runtime with the
 * given singletons (the runtime, its queries, its publishers, its key routes). Only beans that
 * require {@code enabledProperty} (the context's controllers) and {@link #ENABLED} (what every
 * context shares: {@code GET /health/ready}, key forwarding) load, so another context's or the
 * registry's beans on the same classpath stay out.
 */
public final class ContextHttpServer implements ContextService.Http {

    /** Set in every context's HTTP application context. */
    public static final String ENABLED = "musiccorp.context-http.enabled";

    private final ApplicationContext context;
    private final EmbeddedServer http;

    private ContextHttpServer(ApplicationContext context, EmbeddedServer http) {
        this.context = context;
        this.http = http;
    }

    /** Serves on {@code port} (0 = a free port) on every interface. */
    public static ContextHttpServer start(String name, String enabledProperty, int port, Object... singletons) {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(Map.of(
                        "micronaut.application.name", name,
                        "micronaut.server.port", port == 0 ? -1 : port,
                        enabledProperty, true,
                        ENABLED, true))
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

    @Override
    public void close() {
        if (!context.isRunning()) {
            return;
        }
        http.stop();
        context.close();
    }
}
