package com.musiccorp.platform.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Confluent's HTTP basic-auth convention: with {@link RegistrySettings#userInfo()} set, every change
 * needs {@code Authorization: Basic base64(user:password)}, and reads too when
 * {@link RegistrySettings#authReads()} says so. /health always stays open, so a supervisor can
 * probe without credentials. A request this filter does not know as a read counts as a change.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class BasicAuthFilter {
    private final byte[] expected;
    private final boolean authReads;

    BasicAuthFilter(RegistrySettings settings) {
        this.expected = settings.userInfo() == null ? null : sha256(settings.userInfo().getBytes(StandardCharsets.UTF_8));
        this.authReads = settings.authReads();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> requireCredentials(HttpRequest<?> request) {
        if (expected == null || request.getPath().equals("/health")) return null;
        if (!authReads && isRead(request)) return null;
        String header = request.getHeaders().get("Authorization");
        if (header == null) return ErrorResponses.of(request, RegistryException.unauthorized("Unauthorized: "
                + (authReads ? "every request" : "every change") + " needs HTTP basic authentication (basic.auth.user.info)"));
        if (!matches(header)) return ErrorResponses.of(request, RegistryException.unauthorized("Unauthorized: wrong user or password"));
        return null;
    }

    /**
     * GETs, and the two POSTs that only ask: lookup ({@code POST /subjects/{s}}) and compatibility
     * tests ({@code POST /compatibility/...}). Confluent's serializers look up with
     * {@code auto.register.schemas=false}, which then needs no credentials either.
     */
    static boolean isRead(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) return true;
        if (method != HttpMethod.POST) return false;
        String path = request.getUri().getRawPath();
        String[] segments = path.split("/", -1); // "", "subjects", "{s}"
        boolean lookup = segments.length == 3 && segments[1].equals("subjects") && !segments[2].isEmpty();
        return lookup || path.startsWith("/compatibility/");
    }

    /** Compared as digests with MessageDigest.isEqual: constant time, and the length does not leak either. */
    private boolean matches(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) return false;
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(given));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
