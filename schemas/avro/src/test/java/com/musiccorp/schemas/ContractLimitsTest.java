package com.musiccorp.schemas;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ContractLimitsTest {

    /** The rule as the contract states it; the check is written by hand for speed and must agree. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    @Test
    void namesWhatIsWrongWithAnIdentifier() {
        assertThat(ContractLimits.identifierProblem("order-1:a_b.c")).isNull();
        assertThat(ContractLimits.identifierProblem(null)).isEqualTo("is required");
        assertThat(ContractLimits.identifierProblem("")).isEqualTo("is required");
        assertThat(ContractLimits.identifierProblem("x".repeat(101))).isEqualTo("must be at most 100 characters");
        assertThat(ContractLimits.identifierProblem("abc", 2)).isEqualTo("must be at most 2 characters");
        assertThat(ContractLimits.identifierProblem("-abc")).startsWith("must be letters, digits");
        assertThat(ContractLimits.identifierProblem("a b")).startsWith("must be letters, digits");
        assertThat(ContractLimits.identifierProblem("café")).as("letters are ASCII letters").startsWith("must be letters");
        assertThat(ContractLimits.identifierProblem("٣")).as("digits are ASCII digits").startsWith("must be letters");
    }

    @Test
    void acceptsExactlyWhatTheRegularExpressionAccepts() {
        Random random = new Random(11);
        String alphabet = "aZ09._:-/ \t\n%+é٣\u0000\uD83C\uDFB5";
        int accepted = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder value = new StringBuilder();
            for (int length = 1 + random.nextInt(6); length > 0; length--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String id = value.toString();
            boolean valid = ContractLimits.identifierProblem(id) == null;
            assertThat(valid).as("%s", id).isEqualTo(IDENTIFIER.matcher(id).matches());
            if (valid) accepted++;
        }
        assertThat(accepted).as("both answers seen").isBetween(1_000, 199_000);
    }
}
