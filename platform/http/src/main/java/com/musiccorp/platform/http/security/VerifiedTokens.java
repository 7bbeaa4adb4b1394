package com.musiccorp.platform.http.security;

import io.micronaut.security.authentication.Authentication;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens a server has verified, each with the caller it names, until the token expires (and
 * at most {@link #LONGEST} after it was verified). A token is known by its whole text, signature
 * included, so any other text, however close, is verified in full. Bounded: at
 * {@link #CAPACITY} tokens, the expired ones are dropped, and if none had expired, all of them.
 */
final class VerifiedTokens {

    static final int CAPACITY = 4_096;
    /** A token valid for days is still verified again this often. */
    static final Duration LONGEST = Duration.ofMinutes(10);

    private record Verified(Authentication caller, Instant until) {
    }

    private final Map<String, Verified> tokens = new ConcurrentHashMap<>();

    /** The caller {@code token} names, if it was verified and is still valid at {@code now}. */
    Authentication caller(String token, Instant now) {
        Verified verified = tokens.get(token);
        if (verified == null) return null;
        if (now.isBefore(verified.until())) return verified.caller();
        tokens.remove(token, verified);
        return null;
    }

    /** {@code token} passed every check at {@code now}, naming {@code caller}; kept only if it expires. */
    void verified(String token, Authentication caller, Instant now) {
        Instant expires = expiry(caller.getAttributes().get("exp"));
        if (expires == null || !now.isBefore(expires)) return;
        if (tokens.size() >= CAPACITY) {
            tokens.values().removeIf(v -> !now.isBefore(v.until()));
            if (tokens.size() >= CAPACITY) tokens.clear();
        }
        Instant longest = now.plus(LONGEST);
        tokens.put(token, new Verified(caller, expires.isBefore(longest) ? expires : longest));
    }

    int size() {
        return tokens.size();
    }

    /** The {@code exp} claim as the token's authentication carries it (Nimbus: a {@link Date}). */
    private static Instant expiry(Object exp) {
        return switch (exp) {
            case Date date -> date.toInstant();
            case Instant instant -> instant;
            case Number seconds -> Instant.ofEpochSecond(seconds.longValue());
            case null, default -> null;
        };
    }
}
