package com.musiccorp.payments.http;

import com.musiccorp.platform.http.ContextHttpServer;
import com.musiccorp.platform.http.deadletters.DeadLetterQueue;
import com.musiccorp.platform.streams.StreamsRuntime;

/**
 * Payments' HTTP surface on Micronaut (today only {@code GET /health/ready}), started
 * programmatically around the Streams runtime. Its beans load only in a context started here
 * ({@link #ENABLED}), so the registry or the gateway simulator on a test classpath does not get them.
 */
public final class PaymentsHttpServer {

    static final String ENABLED = "musiccorp.payments.http.enabled";

    private PaymentsHttpServer() {
    }

    /** Serves on {@code port} (0 = a free port) on every interface. */
    public static ContextHttpServer start(int port, StreamsRuntime runtime, DeadLetterQueue deadLetters) {
        return ContextHttpServer.start("payments", ENABLED, port, runtime, deadLetters);
    }
}
