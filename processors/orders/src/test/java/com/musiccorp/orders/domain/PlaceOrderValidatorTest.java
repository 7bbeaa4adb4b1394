package com.musiccorp.orders.domain;

import com.musiccorp.schemas.ContractLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PlaceOrderValidatorTest {

    private final PlaceOrderValidator validator = new PlaceOrderValidator();

    private static PlaceOrderRequest withLines(List<PlaceOrderRequest.Line> lines) {
        PlaceOrderRequest r = Saga.request();
        return new PlaceOrderRequest(r.customerId(), r.customerName(), r.customerEmail(), lines, r.currency(),
                r.shippingAddress(), r.paymentMethodToken(), r.idempotencyKey());
    }

    private static PlaceOrderRequest withCurrency(String currency) {
        PlaceOrderRequest r = Saga.request();
        return new PlaceOrderRequest(r.customerId(), r.customerName(), r.customerEmail(), r.lines(), currency,
                r.shippingAddress(), r.paymentMethodToken(), r.idempotencyKey());
    }

    private static PlaceOrderRequest withEmail(String email) {
        PlaceOrderRequest r = Saga.request();
        return new PlaceOrderRequest(r.customerId(), r.customerName(), email, r.lines(), r.currency(),
                r.shippingAddress(), r.paymentMethodToken(), r.idempotencyKey());
    }

    private static PlaceOrderRequest withToken(String token) {
        PlaceOrderRequest r = Saga.request();
        return new PlaceOrderRequest(r.customerId(), r.customerName(), r.customerEmail(), r.lines(), r.currency(),
                r.shippingAddress(), token, r.idempotencyKey());
    }

    private static PlaceOrderRequest.Line line(String sku, Integer quantity, Long price) {
        return new PlaceOrderRequest.Line(sku, "Title", "Artist", "CD", quantity, price);
    }

    @Test
    void a_complete_request_is_valid() {
        assertThat(validator.validate(Saga.request())).isEmpty();
    }

    @Test
    void an_order_needs_lines() {
        assertThat(validator.validate(withLines(List.of())))
                .containsExactly(new Violation("lines", "an order needs at least one line"));
        assertThat(validator.validate(withLines(null))).extracting(Violation::field).containsExactly("lines");
    }

    @Test
    void each_bad_line_is_reported_with_its_index() {
        List<Violation> violations = validator.validate(withLines(List.of(
                line("SKU-1", 1, 100L),
                line("SKU-2", 0, 100L),
                line("SKU-3", 1, -1L),
                new PlaceOrderRequest.Line(" ", null, "", "EIGHT_TRACK", null, null))));

        assertThat(violations).extracting(Violation::field, Violation::message).containsExactly(
                tuple("lines[1].quantity", "must be at least 1"),
                tuple("lines[2].unitPriceMinor", "must not be negative"),
                tuple("lines[3].sku", "is required"),
                tuple("lines[3].title", "is required"),
                tuple("lines[3].artist", "is required"),
                tuple("lines[3].format", "must be one of [CD, VINYL, CASSETTE, DIGITAL]"),
                tuple("lines[3].quantity", "is required"),
                tuple("lines[3].unitPriceMinor", "is required"));
    }

    @Test
    void a_free_item_is_allowed() {
        assertThat(validator.validate(withLines(List.of(line("SKU-1", 1, 0L))))).isEmpty();
    }

    @Test
    void a_sku_may_appear_on_one_line_only() {
        List<Violation> violations = validator.validate(withLines(List.of(
                line("SKU-1", 1, 100L), line("SKU-2", 1, 100L), line("SKU-1", 2, 100L))));

        assertThat(violations).containsExactly(new Violation("lines[2].sku",
                "duplicates the SKU of lines[0]; put the whole quantity on one line"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ZZZ", "gbp", "GB", "EURO"})
    void currency_must_be_iso_4217(String currency) {
        assertThat(validator.validate(withCurrency(currency))).extracting(Violation::field).containsExactly("currency");
    }

    @Test
    void currency_without_minor_units_is_refused_and_known_ones_accepted() {
        assertThat(validator.validate(withCurrency("XAU"))).extracting(Violation::field).containsExactly("currency");
        assertThat(validator.validate(withCurrency("JPY"))).isEmpty();
        assertThat(validator.validate(withCurrency("EUR"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada", "ada@", "@example.com", "ada@example", "ada @example.com", "ada@exa mple.com",
            "ada@@example.com", "ada@.example.com"})
    void malformed_email_is_refused(String email) {
        assertThat(validator.validate(withEmail(email)))
                .containsExactly(new Violation("customerEmail", "is not a valid email address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "378282246310005",
            "6011111111111117", "4222222222222"})
    void a_card_number_instead_of_a_token_is_refused(String pan) {
        assertThat(validator.validate(withToken(pan))).containsExactly(
                new Violation("paymentMethodToken", "never send card numbers, send the payment method token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "pm_tok_4111111111111111", "123456789012", "12345678901234567890"})
    void digits_that_are_not_a_card_number_pass(String token) {
        assertThat(validator.validate(withToken(token))).isEmpty();
    }

    @Test
    void every_missing_field_is_reported_at_once() {
        PlaceOrderRequest empty = new PlaceOrderRequest(null, "", " ", List.of(line("SKU-1", 1, 1L)), null,
                new PlaceOrderRequest.ShippingAddress(null, "", null, null, null, "gb"), null, "   ");

        assertThat(validator.validate(empty)).extracting(Violation::field).containsExactly(
                "customerId", "customerName", "customerEmail", "currency",
                "shippingAddress.name", "shippingAddress.line1", "shippingAddress.city",
                "shippingAddress.postalCode", "shippingAddress.countryCode",
                "paymentMethodToken", "idempotencyKey");
    }

    @Test
    void missing_address_and_request_are_reported() {
        PlaceOrderRequest r = Saga.request();
        PlaceOrderRequest noAddress = new PlaceOrderRequest(r.customerId(), r.customerName(), r.customerEmail(),
                r.lines(), r.currency(), null, r.paymentMethodToken(), r.idempotencyKey());

        assertThat(validator.validate(noAddress)).containsExactly(new Violation("shippingAddress", "is required"));
        assertThat(validator.validate(null)).extracting(Violation::field).containsExactly("");
    }

    @Test
    void a_null_line_is_reported_and_the_others_still_checked() {
        List<PlaceOrderRequest.Line> lines = new ArrayList<>();
        lines.add(null);
        lines.add(line("SKU-1", -3, 100L));

        assertThat(validator.validate(withLines(lines))).extracting(Violation::field)
                .containsExactly("lines[0]", "lines[1].quantity");
    }

    @Test
    void twelve_thousand_valid_lines_are_refused_as_one_violation() {
        // Accepted before the limits, this order's OrderPlaced exceeded the broker's 1 MiB record limit.
        List<PlaceOrderRequest.Line> lines = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            lines.add(line("SKU-" + i, 1, 100L));
        }

        assertThat(validator.validate(withLines(lines)))
                .containsExactly(new Violation("lines", "at most " + ContractLimits.MAX_LINES_PER_ORDER + " lines"));
    }

    @Test
    void the_most_lines_allowed_pass() {
        List<PlaceOrderRequest.Line> lines = new ArrayList<>();
        for (int i = 0; i < ContractLimits.MAX_LINES_PER_ORDER; i++) {
            lines.add(line("SKU-" + i, ContractLimits.MAX_QUANTITY, ContractLimits.MAX_UNIT_PRICE_MINOR));
        }

        assertThat(validator.validate(withLines(lines))).isEmpty();
    }

    @Test
    void every_text_of_a_line_is_bounded_and_named_by_its_path() {
        String longText = "x".repeat(ContractLimits.MAX_TEXT_LENGTH + 1);
        List<PlaceOrderRequest.Line> lines = List.of(line("SKU-0", 1, 1L), line("SKU-1", 1, 1L), line("SKU-2", 1, 1L),
                new PlaceOrderRequest.Line("SKU-3", longText, "Art\u0000ist", "CD", 1, 1L));

        assertThat(validator.validate(withLines(lines))).containsExactly(
                new Violation("lines[3].title", "must be at most 200 characters"),
                new Violation("lines[3].artist", "must not contain control characters"));
    }

    @Test
    void quantity_and_unit_price_have_upper_bounds() {
        assertThat(validator.validate(withLines(List.of(
                line("SKU-1", ContractLimits.MAX_QUANTITY + 1, ContractLimits.MAX_UNIT_PRICE_MINOR + 1)))))
                .containsExactly(
                        new Violation("lines[0].quantity", "must be at most 10000"),
                        new Violation("lines[0].unitPriceMinor", "must be at most 100000000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "a/b", "SKU 1", "SKU\u00001", "-SKU", "é"})
    void a_sku_and_a_customer_id_follow_the_identifier_rule(String id) {
        PlaceOrderRequest r = withLines(List.of(line(id, 1, 1L)));
        PlaceOrderRequest request = new PlaceOrderRequest(id, r.customerName(), r.customerEmail(), r.lines(),
                r.currency(), r.shippingAddress(), r.paymentMethodToken(), r.idempotencyKey());

        assertThat(validator.validate(request)).containsExactly(
                new Violation("customerId", ContractLimits.identifierProblem(id)),
                new Violation("lines[0].sku", ContractLimits.identifierProblem(id)));
    }

    @Test
    void an_identifier_is_bounded_in_length() {
        String id = "c".repeat(ContractLimits.MAX_IDENTIFIER_LENGTH + 1);
        PlaceOrderRequest r = Saga.request();

        assertThat(validator.validate(new PlaceOrderRequest(id, r.customerName(), r.customerEmail(), r.lines(),
                r.currency(), r.shippingAddress(), r.paymentMethodToken(), r.idempotencyKey())))
                .containsExactly(new Violation("customerId", "must be at most 100 characters"));
    }

    @Test
    void names_addresses_email_and_token_are_bounded() {
        String text = "x".repeat(ContractLimits.MAX_TEXT_LENGTH + 1);
        PlaceOrderRequest r = Saga.request();
        PlaceOrderRequest request = new PlaceOrderRequest(r.customerId(), text,
                "a".repeat(ContractLimits.MAX_EMAIL_LENGTH) + "@example.com", r.lines(), r.currency(),
                new PlaceOrderRequest.ShippingAddress("Ada\nLovelace\u0007", text, text, text,
                        "p".repeat(ContractLimits.MAX_POSTAL_CODE_LENGTH + 1), "GB"),
                "t".repeat(ContractLimits.MAX_PAYMENT_TOKEN_LENGTH + 1), r.idempotencyKey());

        assertThat(validator.validate(request)).containsExactly(
                new Violation("customerName", "must be at most 200 characters"),
                new Violation("customerEmail", "is not a valid email address"),
                new Violation("shippingAddress.name", "must not contain control characters"),
                new Violation("shippingAddress.line1", "must be at most 200 characters"),
                new Violation("shippingAddress.line2", "must be at most 200 characters"),
                new Violation("shippingAddress.city", "must be at most 200 characters"),
                new Violation("shippingAddress.postalCode", "must be at most 20 characters"),
                new Violation("paymentMethodToken", "must be at most 200 characters"));
    }

    @Test
    void an_idempotency_key_is_required_and_the_message_says_why() {
        PlaceOrderRequest r = Saga.request();
        PlaceOrderRequest keyless = new PlaceOrderRequest(r.customerId(), r.customerName(), r.customerEmail(),
                r.lines(), r.currency(), r.shippingAddress(), r.paymentMethodToken(), null);

        assertThat(validator.validate(keyless)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("idempotencyKey");
            assertThat(v.message()).startsWith("is required").contains("retry", "twice");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "slash/key", "nul\u0000", ".."})
    void an_idempotency_key_follows_the_identifier_rule(String key) {
        PlaceOrderRequest r = Saga.request();
        PlaceOrderRequest request = new PlaceOrderRequest(r.customerId(), r.customerName(), r.customerEmail(),
                r.lines(), r.currency(), r.shippingAddress(), r.paymentMethodToken(), key);

        assertThat(validator.validate(request)).extracting(Violation::field).containsExactly("idempotencyKey");
    }

    @Test
    void idempotency_key_is_bounded() {
        PlaceOrderRequest r = Saga.request();
        PlaceOrderRequest longKey = new PlaceOrderRequest(r.customerId(), r.customerName(), r.customerEmail(),
                r.lines(), r.currency(), r.shippingAddress(), r.paymentMethodToken(), "k".repeat(201));

        assertThat(validator.validate(longKey)).extracting(Violation::field).containsExactly("idempotencyKey");
    }
}
