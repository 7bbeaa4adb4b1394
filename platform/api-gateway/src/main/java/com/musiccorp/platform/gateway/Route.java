package com.musiccorp.platform.gateway;

import java.net.URI;

/**
 * Requests whose path is {@code prefix} or below it go to {@code service} at {@code target}.
 *
 * @param prefix a path of whole segments, e.g. {@code /orders} (matches {@code /orders/1}, not {@code /ordersX})
 */
public record Route(String prefix, String service, URI target) {

    public Route {
        if (!prefix.startsWith("/") || prefix.length() < 2 || prefix.endsWith("/")) {
            throw new IllegalArgumentException("a route prefix is a path like /orders, not '" + prefix + "'");
        }
        if (!"http".equals(target.getScheme()) || target.getHost() == null || target.getPort() < 0) {
            throw new IllegalArgumentException("route " + prefix + ": '" + target + "' is not an http://host:port URL");
        }
    }

    boolean matches(String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
