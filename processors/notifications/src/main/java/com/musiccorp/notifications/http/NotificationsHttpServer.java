package com.musiccorp.notifications.http;

import com.musiccorp.platform.streams.ContextService;
import com.musiccorp.platform.streams.StreamsRuntime;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Map;

/**
 * Notifications' HTTP surface on Micronaut (today only {@code GET /health/ready}), started
 * programmatically around the Streams runtime. Its beans load only in a context started here
 * ({@link #ENABLED}), so the schema registry on a test classpath does not get them.
 */
public final class NotificationsHttpServer implements ContextService.Http {

    static final String ENABLED = "musiccorp.notifications.http.enabled";

    private final ApplicationContext context;
    private final EmbeddedServer http;

    private NotificationsHttpServer(ApplicationContext context, EmbeddedServer http) {
        this.context = context;
        this.http = http;
    }

    /** Serves on {@code port} (0 = a free port) on every interface. */
    public static NotificationsHttpServer start(int port, StreamsRuntime runtime) {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(Map.of(
                        "micronaut.application.name", "notifications",
                        "micronaut.server.port", port == 0 ? -1 : port,
                        ENABLED, true))
                .singletons(runtime)
                .start();
        try {
            EmbeddedServer http = context.getBean(EmbeddedServer.class);
            http.start();
            return new NotificationsHttpServer(context, http);
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
        if (!context.isRunning()) {
            return;
        }
        http.stop();
        context.close();
    }
}
