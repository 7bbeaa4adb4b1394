package com.musiccorp.gateway;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a test payment-method token asks the simulated gateway to do. Tokens are opaque to the rest
 * of the system; only this simulator reads meaning into them.
 * <ul>
 *   <li>{@code tok_decline...}: declined</li>
 *   <li>{@code tok_transient_<N>...}: transient failure for the first N attempts of an idempotency key, then approved</li>
 *   <li>{@code tok_slow_<ms>...}: approved, answered after ms milliseconds</li>
 *   <li>any other {@code tok_...}: approved</li>
 *   <li>anything not starting with {@code tok_}, or a malformed transient/slow token: invalid (declined)</li>
 * </ul>
 * The per-customer limit applies to every charge that would otherwise be approved.
 */
sealed interface TokenRule {

    Pattern TRANSIENT = Pattern.compile("^tok_transient_(\\d{1,9})(?:\\D.*)?$");
    Pattern SLOW = Pattern.compile("^tok_slow_(\\d{1,9})(?:\\D.*)?$");

    record Approve() implements TokenRule {
    }

    record Decline() implements TokenRule {
    }

    record FailFirst(int failures) implements TokenRule {
    }

    record Slow(Duration delay) implements TokenRule {
    }

    record Invalid(String why) implements TokenRule {
    }

    static TokenRule of(String token) {
        if (!token.startsWith("tok_")) {
            return new Invalid("not a payment method token");
        }
        if (token.startsWith("tok_decline")) {
            return new Decline();
        }
        if (token.startsWith("tok_transient_")) {
            Matcher m = TRANSIENT.matcher(token);
            return m.matches() ? new FailFirst(Integer.parseInt(m.group(1)))
                    : new Invalid("tok_transient_ needs a number of failures, e.g. tok_transient_2");
        }
        if (token.startsWith("tok_slow_")) {
            Matcher m = SLOW.matcher(token);
            return m.matches() ? new Slow(Duration.ofMillis(Long.parseLong(m.group(1))))
                    : new Invalid("tok_slow_ needs a delay in milliseconds, e.g. tok_slow_250");
        }
        return new Approve();
    }
}
