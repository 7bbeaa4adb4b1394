package com.musiccorp.sagastatus.http;

import com.musiccorp.sagastatus.domain.SagaStatus;
import com.musiccorp.sagastatus.stream.SagaQueries;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The query parameters of the saga-status API, read strictly: a value that is malformed or out of
 * range is a {@link BadParameter} naming the parameter, never a default and never a 500. An empty
 * value is the same as leaving the parameter out.
 */
final class QueryParameters {

    static final int DEFAULT_LIMIT = 50;
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,19}");
    private static final int SHOWN_LENGTH = 40;

    private QueryParameters() {
    }

    static boolean absent(String value) {
        return value == null || value.isEmpty();
    }

    /** {@code limit}: 1 to {@link SagaQueries#MAX_LIMIT}, default {@link #DEFAULT_LIMIT}. */
    static int limit(String value) {
        if (absent(value)) return DEFAULT_LIMIT;
        long n = wholeNumber("limit", value, "a whole number from 1 to " + SagaQueries.MAX_LIMIT);
        if (n < 1 || n > SagaQueries.MAX_LIMIT) {
            throw new BadParameter("limit", "must be a whole number from 1 to " + SagaQueries.MAX_LIMIT + ": " + shown(value));
        }
        return (int) n;
    }

    /**
     * Which of a parameter and its older name was given (the parameter's own name when neither was);
     * both at once is refused, since they could disagree.
     */
    static String oneOf(String name, String value, String olderName, String olderValue) {
        if (!absent(value) && !absent(olderValue)) {
            throw new BadParameter(olderName, "is the older name of " + name + ": give one of them");
        }
        return absent(value) && !absent(olderValue) ? olderName : name;
    }

    /**
     * An ISO-8601 instant ({@code since}, {@code until}); null when absent. Any instant
     * Java can represent is accepted: the listing clamps it to the times a saga can have.
     */
    static Instant instant(String name, String value) {
        if (absent(value)) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            String hint = value.startsWith(" ") ? " (a '+' in a query string must be sent as %2B)" : "";
            throw new BadParameter(name, "is not an ISO-8601 instant (e.g. 2026-01-01T00:00:00Z)" + hint + ": "
                    + shown(value));
        }
    }

    /** {@code timeout} of a long-poll: an ISO-8601 duration from PT0S to {@link #MAX_WAIT}, default {@link #DEFAULT_WAIT}. */
    static Duration timeout(String value) {
        if (absent(value)) return DEFAULT_WAIT;
        Duration wait;
        try {
            wait = Duration.parse(value);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new BadParameter("timeout", "is not an ISO-8601 duration from PT0S to " + MAX_WAIT + " (e.g. PT20S): "
                    + shown(value));
        }
        if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
            throw new BadParameter("timeout", "must be between PT0S and " + MAX_WAIT + ": " + shown(value));
        }
        return wait;
    }

    /** {@code waitForVersionAbove}: a version, 0 to 2^63-1; null when absent. */
    static Long version(String value) {
        if (absent(value)) return null;
        return wholeNumber("waitForVersionAbove", value, "a whole number from 0 to " + Long.MAX_VALUE);
    }

    /** {@code status}: one of {@link SagaStatus}, any case; null (every status) when absent. */
    static SagaStatus status(String value) {
        if (absent(value)) return null;
        return Arrays.stream(SagaStatus.values()).filter(s -> s.name().equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> new BadParameter("status", "must be one of " + Arrays.toString(SagaStatus.values())
                        + ": " + shown(value)));
    }

    /** {@code after}: a cursor this service handed out (a page's {@code next}); null when absent. */
    static String cursor(String value) {
        if (absent(value)) return null;
        try {
            SagaQueries.cursorKey(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new BadParameter("after", e.getMessage() + ": " + shown(value));
        }
    }

    /** {@code scope}: {@code local} (this instance's own part) or absent (every instance). */
    static boolean local(String value) {
        if (absent(value)) return false;
        if (ScatterGather.isLocal(value)) return true;
        throw new BadParameter("scope", "must be " + ScatterGather.LOCAL + " or left out: " + shown(value));
    }

    private static long wholeNumber(String name, String value, String expected) {
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            throw new BadParameter(name, "must be " + expected + ": " + shown(value));
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) { // 19 digits above Long.MAX_VALUE
            throw new BadParameter(name, "must be " + expected + ": " + shown(value));
        }
    }

    /** A client's value as an error message may quote it: short, without control characters. */
    static String shown(String value) {
        String cut = value.length() > SHOWN_LENGTH ? value.substring(0, SHOWN_LENGTH) + "…" : value;
        return "'" + cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "'";
    }
}
