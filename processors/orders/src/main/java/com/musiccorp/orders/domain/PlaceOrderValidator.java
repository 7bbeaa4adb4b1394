package com.musiccorp.orders.domain;

import com.musiccorp.events.MediaFormat;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link PlaceOrderRequest} and reports every violation at once, each with the path of
 * the field at fault, so a client can fix the whole request in one go.
 *
 * <p>Duplicate SKUs across lines are refused: the warehouse reserves all-or-none per SKU and refers
 * to lines by number, so one line per SKU keeps "line n is short by k" unambiguous. The message
 * tells the client to merge the lines.
 */
public final class PlaceOrderValidator {

    static final String CARD_NUMBER_MESSAGE = "never send card numbers, send the payment method token";
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
    static final int MAX_EMAIL_LENGTH = 254;

    /** Pragmatic: one @, no spaces, a dot in the domain, no empty labels. Not RFC 5322. */
    private static final Pattern EMAIL = Pattern.compile(
            "^[^@\\s]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");
    private static final Pattern CURRENCY_CODE = Pattern.compile("^[A-Z]{3}$");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public List<Violation> validate(PlaceOrderRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request == null) {
            violations.add(new Violation("", "request body is required"));
            return violations;
        }
        required(violations, "customerId", request.customerId());
        required(violations, "customerName", request.customerName());
        email(violations, request.customerEmail());
        lines(violations, request.lines());
        currency(violations, request.currency());
        address(violations, request.shippingAddress());
        paymentMethodToken(violations, request.paymentMethodToken());
        idempotencyKey(violations, request.idempotencyKey());
        return List.copyOf(violations);
    }

    private static void email(List<Violation> violations, String email) {
        if (required(violations, "customerEmail", email)) {
            if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
                violations.add(new Violation("customerEmail", "is not a valid email address"));
            }
        }
    }

    private static void lines(List<Violation> violations, List<PlaceOrderRequest.Line> lines) {
        if (lines == null || lines.isEmpty()) {
            violations.add(new Violation("lines", "an order needs at least one line"));
            return;
        }
        Map<String, Integer> firstLineOfSku = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String path = "lines[" + i + "]";
            PlaceOrderRequest.Line line = lines.get(i);
            if (line == null) {
                violations.add(new Violation(path, "must not be null"));
                continue;
            }
            if (required(violations, path + ".sku", line.sku())) {
                Integer first = firstLineOfSku.putIfAbsent(line.sku(), i);
                if (first != null) {
                    violations.add(new Violation(path + ".sku", "duplicates the SKU of lines[" + first
                            + "]; put the whole quantity on one line"));
                }
            }
            required(violations, path + ".title", line.title());
            required(violations, path + ".artist", line.artist());
            if (required(violations, path + ".format", line.format()) && !knownFormat(line.format())) {
                violations.add(new Violation(path + ".format", "must be one of " + orderableFormats()));
            }
            if (line.quantity() == null) {
                violations.add(new Violation(path + ".quantity", "is required"));
            } else if (line.quantity() < 1) {
                violations.add(new Violation(path + ".quantity", "must be at least 1"));
            }
            if (line.unitPriceMinor() == null) {
                violations.add(new Violation(path + ".unitPriceMinor", "is required"));
            } else if (line.unitPriceMinor() < 0) {
                violations.add(new Violation(path + ".unitPriceMinor", "must not be negative"));
            }
        }
    }

    private static void currency(List<Violation> violations, String code) {
        if (!required(violations, "currency", code)) {
            return;
        }
        if (!CURRENCY_CODE.matcher(code).matches()) {
            violations.add(new Violation("currency", "must be an ISO 4217 code of three capital letters, e.g. GBP"));
            return;
        }
        try {
            Currency currency = Currency.getInstance(code);
            // Funds and metals (XAU, XXX, ...) have no minor unit, so no price can be stated in them.
            if (currency.getDefaultFractionDigits() < 0) {
                violations.add(new Violation("currency", code + " is not a currency prices can be stated in"));
            }
        } catch (IllegalArgumentException unknown) {
            violations.add(new Violation("currency", code + " is not an ISO 4217 currency"));
        }
    }

    private static void address(List<Violation> violations, PlaceOrderRequest.ShippingAddress address) {
        if (address == null) {
            violations.add(new Violation("shippingAddress", "is required"));
            return;
        }
        required(violations, "shippingAddress.name", address.name());
        required(violations, "shippingAddress.line1", address.line1());
        required(violations, "shippingAddress.city", address.city());
        required(violations, "shippingAddress.postalCode", address.postalCode());
        if (required(violations, "shippingAddress.countryCode", address.countryCode())
                && !COUNTRIES.contains(address.countryCode())) {
            violations.add(new Violation("shippingAddress.countryCode",
                    "must be an ISO 3166-1 alpha-2 code in capitals, e.g. GB"));
        }
    }

    private static void paymentMethodToken(List<Violation> violations, String token) {
        if (required(violations, "paymentMethodToken", token) && looksLikeCardNumber(token)) {
            violations.add(new Violation("paymentMethodToken", CARD_NUMBER_MESSAGE));
        }
    }

    private static void idempotencyKey(List<Violation> violations, String key) {
        if (key == null) {
            return;
        }
        if (key.isBlank()) {
            violations.add(new Violation("idempotencyKey", "must not be blank when given"));
        } else if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            violations.add(new Violation("idempotencyKey", "must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters"));
        }
    }

    /**
     * A primary account number: 13 to 19 digits (spaces and dashes as people type them are
     * ignored) that pass the Luhn check. Gateway tokens are not shaped like that.
     */
    static boolean looksLikeCardNumber(String value) {
        String digits = value.replace(" ", "").replace("-", "");
        if (digits.length() < 13 || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    static boolean knownFormat(String format) {
        return orderableFormats().stream().anyMatch(f -> f.name().equals(format));
    }

    static List<MediaFormat> orderableFormats() {
        return java.util.Arrays.stream(MediaFormat.values()).filter(f -> f != MediaFormat.UNKNOWN).toList();
    }

    /** Reports a missing or blank value; true when the value is present, so callers can check more. */
    private static boolean required(List<Violation> violations, String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required"));
            return false;
        }
        return true;
    }
}
