package com.musiccorp.cli;

import com.musiccorp.platform.launcher.DevelopmentCredentials;

import java.util.Map;
import java.util.Optional;

/**
 * The bearer token the CLI calls the HTTP API with: {@code --token}, else {@code ADMIN_TOKEN} or
 * {@code OPERATOR_TOKEN} from the environment, else the admin token a start wrote to
 * {@code $MUSICCORP_HOME/credentials.env} (default {@code .musiccorp/}). Admin first: rebuilds and
 * digests need it, and it may read every view.
 */
final class ApiToken {

    private ApiToken() {
    }

    static Optional<String> resolve(String option, Map<String, String> env) {
        if (option != null && !option.isBlank()) return Optional.of(option.strip());
        return DevelopmentCredentials.callerToken(env);
    }

    /** Adds {@code Authorization: Bearer <token>} when there is a token; without one the API answers 401, saying so. */
    static java.net.http.HttpRequest.Builder authorize(java.net.http.HttpRequest.Builder request, Optional<String> token) {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }
}
