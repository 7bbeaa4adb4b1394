package com.musiccorp.platform.http.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Micronaut properties that make an HTTP server check bearer tokens: HS256 JWTs signed with the
 * installation's secret ({@value #SECRET_VARIABLE}), issued by {@value #ISSUER}, roles in the
 * {@code roles} claim. Every context's server ({@code ContextHttpServer}) and the api gateway start
 * with them. {@code /health/**} stays open (readiness probes carry no token); {@code /prometheus}
 * is for operators and admins. A path no rule admits is refused: a new controller is closed until
 * it says who may call it ({@code @Secured}).
 */
public final class ApiSecurity {

    /** Set where these properties apply; {@link OpenWhereApiSecurityIsOff} keeps other servers as they were. */
    public static final String ENABLED = "musiccorp.api-security.enabled";
    public static final String SECRET_VARIABLE = "MUSICCORP_JWT_SECRET";
    public static final String ISSUER = "musiccorp";
    /** HS256 needs a key of at least 256 bits; 64 hex digits carry exactly that. */
    static final int MIN_SECRET_LENGTH = 64;

    private ApiSecurity() {
    }

    /** The secret from the environment, checked: a server never starts unable to tell tokens apart. */
    public static String secretFromEnvironment() {
        return checked(System.getenv(SECRET_VARIABLE));
    }

    static String checked(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException(SECRET_VARIABLE + " is not set: every HTTP API checks bearer tokens"
                    + " signed with it. ./musiccorp start writes one to $MUSICCORP_HOME/credentials.env"
                    + " (source that file to run a service alone)");
        }
        if (secret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(SECRET_VARIABLE + " must have at least " + MIN_SECRET_LENGTH
                    + " characters (256 bits as hex), not " + secret.strip().length());
        }
        return secret.strip();
    }

    /** {@code base} plus what checks tokens signed with {@code secret}. */
    public static Map<String, Object> withSecurityProperties(Map<String, Object> base, String secret) {
        return withSecurityProperties(base, secret, List.of());
    }

    /**
     * As {@link #withSecurityProperties(Map, String)}, with {@code moreRules} (intercept-url-map
     * entries: {@code pattern}, {@code access}) after the open and metrics ones.
     */
    public static Map<String, Object> withSecurityProperties(Map<String, Object> base, String secret,
                                                             List<Map<String, Object>> moreRules) {
        Map<String, Object> all = new HashMap<>(base);
        all.put(ENABLED, true);
        all.put("micronaut.security.enabled", true);
        all.put("micronaut.security.basic-auth.enabled", false);
        // A path no controller serves stays a 404 (or 405), not a refusal that hides the mistake.
        all.put("micronaut.security.reject-not-found", false);
        all.put("micronaut.security.token.jwt.signatures.secret.generator.secret", checked(secret));
        all.put("micronaut.security.token.jwt.signatures.secret.generator.jws-algorithm", "HS256");
        all.put("micronaut.security.token.jwt.claims-validators.issuer", ISSUER);
        List<Map<String, Object>> rules = new java.util.ArrayList<>(List.of(
                Map.of("pattern", "/health/**", "access", List.of("isAnonymous()")),
                Map.of("pattern", "/prometheus", "access", List.of(Roles.OPERATOR, Roles.ADMIN, Roles.METRICS))));
        rules.addAll(moreRules);
        all.put("micronaut.security.intercept-url-map", rules);
        return all;
    }
}
