package com.musiccorp.platform.registry;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Before its topic is read, an instance answers 503 with a Retry-After; /health stays reachable. */
class ReadinessFilterTest {

    @Test
    void refusesUntilTheTopicIsRead() {
        // Never started: it has read nothing. No broker is contacted.
        try (RegistryLog log = new RegistryLog(RegistrySettings.defaults("127.0.0.1:1"), new RegistryState())) {
            ReadinessFilter filter = new ReadinessFilter(log);

            HttpResponse<?> refused = filter.refuseUntilReady(HttpRequest.GET("/subjects"));
            assertThat(refused).isNotNull();
            assertThat(refused.code()).isEqualTo(503);
            assertThat(refused.getHeaders().get("Retry-After")).isEqualTo("1");
            assertThat(refused.getBody(Api.ErrorMessage.class)).get().extracting(Api.ErrorMessage::errorCode).isEqualTo(50301);

            assertThat(filter.refuseUntilReady(HttpRequest.GET("/health"))).isNull();
            assertThat(new RootController(log).health().code()).isEqualTo(503);
        }
    }
}
