package com.musiccorp.orders.domain;

import com.musiccorp.events.MediaFormat;
import com.musiccorp.schemas.ContractLimits;

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
 * <p>Every field and list is bounded by {@link ContractLimits}, so no accepted order can make an
 * {@code OrderPlaced} or an order's state larger than the broker's record limit, and no total can
 * overflow: at most {@value ContractLimits#MAX_LINES_PER_ORDER} lines of at most
 * {@value ContractLimits#MAX_QUANTITY} units at {@value ContractLimits#MAX_UNIT_PRICE_MINOR} is 10^14
 * minor units, far below {@link Long#MAX_VALUE}.
 *
 * <p>Duplicate SKUs across lines are refused: the warehouse reserves all-or-none per SKU and refers
 * to lines by number, so one line per SKU keeps "line n is short by k" unambiguous. The message
 * tells the client to merge the lines.
 */
public final class PlaceOrderValidator {

    static final String CARD_NUMBER_MESSAGE = "never send card numbers, send the payment method token";
    static final String KEY_REQUIRED_MESSAGE = "is required: an order is named by its customer and key, so a"
            + " retry after an uncertain answer (a timeout, a 503) is recognised and never placed or charged twice;"
            + " send a new key for each order and the same key when retrying it";

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
        identifier(violations, "customerId", request.customerId(), ContractLimits.MAX_IDENTIFIER_LENGTH);
        text(violations, "customerName", request.customerName(), ContractLimits.MAX_TEXT_LENGTH);
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
            if (ContractLimits.textProblem(email, ContractLimits.MAX_EMAIL_LENGTH) != null
                    || !EMAIL.matcher(email).matches()) {
                violations.add(new Violation("customerEmail", "is not a valid email address"));
            }
        }
    }

    private static void lines(List<Violation> violations, List<PlaceOrderRequest.Line> lines) {
        if (lines == null || lines.isEmpty()) {
            violations.add(new Violation("lines", "an order needs at least one line"));
            return;
        }
        if (lines.size() > ContractLimits.MAX_LINES_PER_ORDER) {
            violations.add(new Violation("lines", "at most " + ContractLimits.MAX_LINES_PER_ORDER + " lines"));
        }
        // Past the limit the lines are not judged one by one: the answer stays as bounded as the order.
        int checked = Math.min(lines.size(), ContractLimits.MAX_LINES_PER_ORDER);
        Map<String, Integer> firstLineOfSku = new HashMap<>();
        for (int i = 0; i < checked; i++) {
            String path = "lines[" + i + "]";
            PlaceOrderRequest.Line line = lines.get(i);
            if (line == null) {
                violations.add(new Violation(path, "must not be null"));
                continue;
            }
            if (identifier(violations, path + ".sku", line.sku(), ContractLimits.MAX_IDENTIFIER_LENGTH)) {
                Integer first = firstLineOfSku.putIfAbsent(line.sku(), i);
                if (first != null) {
                    violations.add(new Violation(path + ".sku", "duplicates the SKU of lines[" + first
                            + "]; put the whole quantity on one line"));
                }
            }
            text(violations, path + ".title", line.title(), ContractLimits.MAX_TEXT_LENGTH);
            text(violations, path + ".artist", line.artist(), ContractLimits.MAX_TEXT_LENGTH);
            if (required(violations, path + ".format", line.format()) && !knownFormat(line.format())) {
                violations.add(new Violation(path + ".format", "must be one of " + orderableFormats()));
            }
            quantity(violations, path + ".quantity", line.quantity());
            unitPrice(violations, path + ".unitPriceMinor", line.unitPriceMinor());
        }
    }

    private static void quantity(List<Violation> violations, String field, Integer quantity) {
        if (quantity == null) {
            violations.add(new Violation(field, "is required"));
        } else if (quantity < 1) {
            violations.add(new Violation(field, "must be at least 1"));
        } else if (quantity > ContractLimits.MAX_QUANTITY) {
            violations.add(new Violation(field, "must be at most " + ContractLimits.MAX_QUANTITY));
        }
    }

    private static void unitPrice(List<Violation> violations, String field, Long price) {
        if (price == null) {
            violations.add(new Violation(field, "is required"));
        } else if (price < 0) {
            violations.add(new Violation(field, "must not be negative"));
        } else if (price > ContractLimits.MAX_UNIT_PRICE_MINOR) {
            violations.add(new Violation(field, "must be at most " + ContractLimits.MAX_UNIT_PRICE_MINOR));
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
        text(violations, "shippingAddress.name", address.name(), ContractLimits.MAX_TEXT_LENGTH);
        text(violations, "shippingAddress.line1", address.line1(), ContractLimits.MAX_TEXT_LENGTH);
        if (address.line2() != null) {
            bounded(violations, "shippingAddress.line2", address.line2(), ContractLimits.MAX_TEXT_LENGTH);
        }
        text(violations, "shippingAddress.city", address.city(), ContractLimits.MAX_TEXT_LENGTH);
        text(violations, "shippingAddress.postalCode", address.postalCode(), ContractLimits.MAX_POSTAL_CODE_LENGTH);
        if (required(violations, "shippingAddress.countryCode", address.countryCode())
                && !COUNTRIES.contains(address.countryCode())) {
            violations.add(new Violation("shippingAddress.countryCode",
                    "must be an ISO 3166-1 alpha-2 code in capitals, e.g. GB"));
        }
    }

    private static void paymentMethodToken(List<Violation> violations, String token) {
        if (text(violations, "paymentMethodToken", token, ContractLimits.MAX_PAYMENT_TOKEN_LENGTH)
                && looksLikeCardNumber(token)) {
            violations.add(new Violation("paymentMethodToken", CARD_NUMBER_MESSAGE));
        }
    }

    private static void idempotencyKey(List<Violation> violations, String key) {
        if (key == null || key.isBlank()) {
            violations.add(new Violation("idempotencyKey", KEY_REQUIRED_MESSAGE));
        } else {
            identifier(violations, "idempotencyKey", key, ContractLimits.MAX_IDEMPOTENCY_KEY_LENGTH);
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

    /** An identifier by the contract's one rule; true when valid, so callers can check more. */
    private static boolean identifier(List<Violation> violations, String field, String value, int maxLength) {
        if (!required(violations, field, value)) {
            return false;
        }
        String problem = ContractLimits.identifierProblem(value, maxLength);
        if (problem != null) {
            violations.add(new Violation(field, problem));
            return false;
        }
        return true;
    }

    /** Required text within its bound; true when valid, so callers can check more. */
    private static boolean text(List<Violation> violations, String field, String value, int maxLength) {
        return required(violations, field, value) && bounded(violations, field, value, maxLength);
    }

    private static boolean bounded(List<Violation> violations, String field, String value, int maxLength) {
        String problem = ContractLimits.textProblem(value, maxLength);
        if (problem != null) {
            violations.add(new Violation(field, problem));
            return false;
        }
        return true;
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
