package com.musiccorp.bench;

import java.net.http.HttpRequest;

/**
 * The bearer token every HTTP call of a benchmark run sends: the started system's admin token, or
 * for a running system the caller's ({@code ADMIN_TOKEN}, {@code OPERATOR_TOKEN}, or
 * {@code $MUSICCORP_HOME/credentials.env}). One system per run, so it is set once, before any load.
 */
final class ApiCaller {

    private static volatile String token;

    private ApiCaller() {
    }

    static void callAs(String bearerToken) {
        token = bearerToken;
    }

    /** {@code Authorization}'s value, e.g. for wrk's {@code -H}; null without a token. */
    static String authorization() {
        return token == null ? null : "Bearer " + token;
    }

    static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        if (token != null) request.header("Authorization", "Bearer " + token);
        return request;
    }
}
