/**
 * The schema registry. Its beans (controllers, the readiness filter, the Confluent error format)
 * load only in the context {@link com.musiccorp.platform.registry.SchemaRegistryServer} starts, so
 * another Micronaut service with this module on its classpath (e.g. in tests) is not taken over.
 */
@Configuration
@Requires(property = SchemaRegistryServer.ENABLED_PROPERTY, value = "true")
package com.musiccorp.platform.registry;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
