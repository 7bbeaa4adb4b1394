package com.musiccorp.platform.metrics;

import io.micronaut.configuration.metrics.micrometer.prometheus.PrometheusMeterRegistryFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Singleton;

/**
 * Makes every Micronaut application context of the process use {@link ProcessMeters#registry()} as
 * its Prometheus registry, in place of the one micronaut-micrometer would create per context: its
 * {@code /prometheus} endpoint then serves what Kafka Streams and the domain measured too, and its
 * JVM and HTTP server meters land beside them.
 */
@Factory
final class ProcessRegistryFactory {

    @Singleton
    @Replaces(factory = PrometheusMeterRegistryFactory.class, bean = PrometheusMeterRegistry.class)
    PrometheusMeterRegistry processRegistry() {
        return ProcessMeters.registry();
    }
}
