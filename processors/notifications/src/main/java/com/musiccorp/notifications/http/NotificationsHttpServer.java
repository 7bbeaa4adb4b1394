package com.musiccorp.notifications.http;

import com.musiccorp.platform.http.ContextHttpServer;
import com.musiccorp.platform.http.deadletters.DeadLetterQueue;
import com.musiccorp.platform.streams.StreamsRuntime;

/**
 * Notifications' HTTP surface on Micronaut (today only {@code GET /health/ready}), started
 * programmatically around the Streams runtime. Its beans load only in a context started here
 * ({@link #ENABLED}), so the schema registry on a test classpath does not get them.
 */
public final class NotificationsHttpServer {

    static final String ENABLED = "musiccorp.notifications.http.enabled";

    private NotificationsHttpServer() {
    }

    /** Serves on {@code port} (0 = a free port) on every interface. */
    public static ContextHttpServer start(int port, StreamsRuntime runtime, DeadLetterQueue deadLetters) {
        return ContextHttpServer.start("notifications", ENABLED, port, runtime, deadLetters);
    }
}
