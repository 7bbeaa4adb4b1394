/**
 * The simulated gateway's HTTP API. Its beans load only in the context
 * {@link com.musiccorp.gateway.http.GatewayHttpServer} starts, so another Micronaut application on
 * the same classpath (the schema registry, a service's own API, in tests) does not get them.
 */
@Configuration
@Requires(property = GatewayHttpServer.ENABLED, value = "true")
package com.musiccorp.gateway.http;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
