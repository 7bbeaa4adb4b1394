package com.musiccorp.platform.kafka;

import java.util.Map;
import java.util.Optional;

/**
 * A principal's SASL/SCRAM-SHA-512 login: the client settings that authenticate as it on a
 * {@code SASL_PLAINTEXT} listener of the secured broker (see {@link EmbeddedKafkaBroker.Builder#secured}).
 */
public record ScramLogin(String username, String password) {
    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String PROTOCOL = "SASL_PLAINTEXT";

    public ScramLogin {
        // Both end up inside a JAAS string and a storage-format argument: keep them to plain tokens.
        if (!username.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("bad SCRAM user name: " + username);
        if (password.isEmpty() || password.matches(".*[\"\\\\,\\[\\]=\\s].*")) {
            throw new IllegalArgumentException("a SCRAM password must be non-empty, without quotes, backslashes, commas, brackets, '=' or spaces");
        }
    }

    /**
     * {@code KAFKA_SASL_USERNAME} and {@code KAFKA_SASL_PASSWORD}, when both are set; none otherwise
     * (the broker is then the unsecured embedded default).
     */
    public static Optional<ScramLogin> fromEnvironment(Map<String, String> env) {
        String user = env.get("KAFKA_SASL_USERNAME");
        String password = env.get("KAFKA_SASL_PASSWORD");
        if (user == null || user.isBlank() || password == null || password.isBlank()) return Optional.empty();
        return Optional.of(new ScramLogin(user.strip(), password.strip()));
    }

    /**
     * A context's own login, {@code <CONTEXT>_KAFKA_SASL_PASSWORD} (e.g. {@code ORDERS_KAFKA_SASL_PASSWORD},
     * {@code SAGA_STATUS_KAFKA_SASL_PASSWORD}) as the principal named after the context: the broker
     * creates the principal from it and the context logs in with it, so several contexts in one
     * process each log in as themselves.
     */
    public static Optional<ScramLogin> ofContext(String context, Map<String, String> env) {
        String password = env.get(passwordVariable(context));
        return password == null || password.isBlank() ? Optional.empty() : Optional.of(new ScramLogin(context, password.strip()));
    }

    /** {@code <PRINCIPAL>_KAFKA_SASL_PASSWORD}: {@code ORDERS_KAFKA_SASL_PASSWORD}, {@code SCHEMA_REGISTRY_KAFKA_SASL_PASSWORD}. */
    public static String passwordVariable(String principal) {
        return principal.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_KAFKA_SASL_PASSWORD";
    }

    /** {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}, for any client. */
    public Map<String, String> clientConfig() {
        return Map.of("security.protocol", PROTOCOL, "sasl.mechanism", MECHANISM, "sasl.jaas.config", jaasConfig());
    }

    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ScramLogin[" + username + "]";
    }
}
