package com.musiccorp.schemas;

import java.nio.charset.StandardCharsets;

/**
 * The bounds of every field and list an event carries, part of the event contract. Every way in
 * (HTTP, the CLI's publish, a decider folding its input) checks against these, so no event and no
 * state value built from events can reach the broker's maximum record size (1 MiB): the largest
 * possible {@code OrderPlaced} is {@link #MAX_LINES_PER_ORDER} lines of at most
 * {@link #MAX_LINE_BYTES} each, about 200 KiB.
 *
 * <p>One rule for identifiers (order ids, SKUs, customer ids, receipt ids, idempotency keys): 1 to
 * {@link #MAX_IDENTIFIER_LENGTH} characters of letters, digits and {@code . _ : -}, starting with a
 * letter or digit. They appear in URL paths, Kafka keys and log lines, so nothing in them needs
 * escaping, and none can be {@code .}, {@code ..} or contain {@code /}, NUL or whitespace.
 */
public final class ContractLimits {

    public static final int MAX_IDENTIFIER_LENGTH = 100;
    /** Idempotency keys come from clients, who often use UUIDs or hashes with a prefix. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
    /** Names, titles, artists, address lines, cities. */
    public static final int MAX_TEXT_LENGTH = 200;
    /** Why an operator cancels or adjusts: a sentence or two. */
    public static final int MAX_REASON_LENGTH = 500;
    public static final int MAX_EMAIL_LENGTH = 254;
    public static final int MAX_POSTAL_CODE_LENGTH = 20;
    public static final int MAX_PAYMENT_TOKEN_LENGTH = 200;
    /** Lines, and so SKUs, per order. */
    public static final int MAX_LINES_PER_ORDER = 100;
    /** Units of one SKU on one line, and units received or adjusted at once. */
    public static final int MAX_QUANTITY = 10_000;
    /** A unit price in minor units (100,000,000 = one million in a two-decimal currency). */
    public static final long MAX_UNIT_PRICE_MINOR = 100_000_000L;
    /** Units of one SKU the warehouse can hold: sums of receipts never overflow an int. */
    public static final int MAX_STOCK_ON_HAND = 1_000_000_000;
    /** An HTTP request body: a maximal order is well below it. */
    public static final int MAX_REQUEST_BODY_BYTES = 256 * 1024;
    /**
     * An HTTP request line: several times the longest valid path and query, so an overlong id
     * reaches the API that names it in a 400 (Netty's default of 4 KiB answered a bare 413).
     */
    public static final int MAX_REQUEST_LINE_BYTES = 16 * 1024;
    /** Upper bound of one order line's encoded size, for the arithmetic above. */
    public static final int MAX_LINE_BYTES = 2 * 4 * MAX_TEXT_LENGTH + 4 * MAX_IDENTIFIER_LENGTH + 64;
    /**
     * The largest event the contract allows, encoded: above the largest possible {@code OrderPlaced}
     * (lines plus customer, address and envelope). A consumer refuses a bigger one as not of this
     * contract, before any state is built from it.
     */
    public static final int MAX_EVENT_BYTES = 256 * 1024;

    private ContractLimits() {
    }

    /** Null when {@code value} is a valid identifier, else what is wrong with it, for a client. */
    public static String identifierProblem(String value) {
        return identifierProblem(value, MAX_IDENTIFIER_LENGTH);
    }

    /** Null when {@code value} is a valid identifier of at most {@code maxLength}, else the problem. */
    public static String identifierProblem(String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return "is required";
        }
        if (value.length() > maxLength) {
            return "must be at most " + maxLength + " characters";
        }
        if (!isIdentifier(value)) {
            return "must be letters, digits and . _ : - only, starting with a letter or digit";
        }
        return null;
    }

    /**
     * {@code [A-Za-z0-9][A-Za-z0-9._:-]*}, checked by hand: every event of every context and every
     * request naming a saga or an order checks its ids, and the regular expression was 3 % of a
     * saga query's CPU (JFR of {@code GET /sagas/{id}}).
     */
    private static boolean isIdentifier(String value) {
        if (!isAsciiLetterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Null when {@code value} is at most {@code maxLength} characters of text without control characters. */
    public static String textProblem(String value, int maxLength) {
        if (value.length() > maxLength) {
            return "must be at most " + maxLength + " characters";
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            return "must not contain control characters";
        }
        return null;
    }

    /** The UTF-8 size of a string, for limits stated in bytes. */
    public static int utf8Bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
