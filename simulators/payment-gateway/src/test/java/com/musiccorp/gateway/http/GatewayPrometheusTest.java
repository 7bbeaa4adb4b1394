package com.musiccorp.gateway.http;

import com.musiccorp.gateway.GatewaySimulator;
import com.musiccorp.platform.metrics.PrometheusScrape;
import org.junit.jupiter.api.Test;

/** The simulated payment gateway serves its JVM and HTTP server meters at {@code GET /prometheus}. */
class GatewayPrometheusTest {

    @Test
    void servesItsMetersAsPrometheusText() throws Exception {
        try (GatewayHttpServer server = GatewayHttpServer.start(0, new GatewaySimulator(10_000))) {
            PrometheusScrape.assertServed(server.url());
        }
    }
}
