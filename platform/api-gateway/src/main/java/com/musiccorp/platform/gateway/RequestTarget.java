package com.musiccorp.platform.gateway;

import io.micronaut.core.annotation.Nullable;

import java.net.URI;

/**
 * The path and query of a request exactly as the client sent them, still %-encoded: the gateway
 * routes on these and forwards them byte for byte, so it never decodes (and so never fails on, or
 * changes) escapes that are the owner's to interpret, such as {@code %ff} or {@code %00}.
 *
 * @param rawPath  e.g. {@code /orders/42}; {@code *} for {@code OPTIONS *}, which no route matches
 * @param rawQuery what follows the {@code ?}, or null when there is none
 */
record RequestTarget(String rawPath, @Nullable String rawQuery) {

    /**
     * Reads a request-target in origin form ({@code /orders?x=1}) or absolute form
     * ({@code http://host/orders?x=1}); any other form is kept whole as its path.
     *
     * @throws IllegalArgumentException, with a reason for the client, when the path has a
     *         {@code .} or {@code ..} segment (plain or %-encoded): resolving it could take the
     *         request to another service than the one its prefix names
     */
    static RequestTarget of(String requestTarget) {
        RequestTarget target = split(requestTarget);
        for (String segment : target.rawPath.split("/", -1)) {
            String dots = segment.replace("%2e", ".").replace("%2E", ".");
            if (dots.equals(".") || dots.equals("..")) {
                throw new IllegalArgumentException("the path " + target.rawPath + " has a '" + segment
                        + "' segment; the gateway does not resolve dot-segments: send the path itself");
            }
        }
        return target;
    }

    private static RequestTarget split(String requestTarget) {
        if (requestTarget.startsWith("/")) {
            int q = requestTarget.indexOf('?');
            return q < 0 ? new RequestTarget(requestTarget, null)
                    : new RequestTarget(requestTarget.substring(0, q), requestTarget.substring(q + 1));
        }
        if (requestTarget.regionMatches(true, 0, "http://", 0, 7) || requestTarget.regionMatches(true, 0, "https://", 0, 8)) {
            URI absolute = URI.create(requestTarget); // the server has already parsed it as a URI
            String path = absolute.getRawPath() == null || absolute.getRawPath().isEmpty() ? "/" : absolute.getRawPath();
            return new RequestTarget(path, absolute.getRawQuery());
        }
        return new RequestTarget(requestTarget, null);
    }

    /** The same target on {@code owner}: scheme and authority replaced, path and query untouched. */
    URI on(URI owner) {
        return URI.create(owner.getScheme() + "://" + owner.getRawAuthority() + rawPath
                + (rawQuery == null ? "" : "?" + rawQuery));
    }
}
