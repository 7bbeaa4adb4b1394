package com.musiccorp.platform.http.security;

import io.micronaut.security.authentication.Authentication;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private final VerifiedTokens tokens = new VerifiedTokens();

    private static Authentication caller(String subject, Instant expires) {
        return Authentication.build(subject, List.of(Roles.OPERATOR), Map.of("exp", Date.from(expires)));
    }

    @Test
    void aVerifiedTokenNamesItsCallerUntilItExpiresAndNoOtherTextDoes() {
        Authentication operator = caller("operator", NOW.plusSeconds(60));
        tokens.verified("header.claims.signature", operator, NOW);

        assertThat(tokens.caller("header.claims.signature", NOW.plusSeconds(59))).isSameAs(operator);
        assertThat(tokens.caller("header.claims.signaturf", NOW)).as("another signature").isNull();
        assertThat(tokens.caller("header.claims.signature", NOW.plusSeconds(60))).as("expired").isNull();
        assertThat(tokens.size()).as("forgotten once found expired").isZero();
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTenMinutesAndOneWithoutExpiryIsNeverKept() {
        tokens.verified("long", caller("admin", NOW.plus(Duration.ofDays(30))), NOW);
        tokens.verified("no-exp", Authentication.build("admin", List.of(Roles.ADMIN), Map.of()), NOW);
        tokens.verified("expired", caller("admin", NOW.minusSeconds(1)), NOW);

        assertThat(tokens.caller("long", NOW.plus(VerifiedTokens.LONGEST).minusMillis(1))).isNotNull();
        assertThat(tokens.caller("long", NOW.plus(VerifiedTokens.LONGEST))).isNull();
        assertThat(tokens.caller("no-exp", NOW)).isNull();
        assertThat(tokens.caller("expired", NOW)).isNull();
    }

    @Test
    void itHoldsAtMostItsCapacityDroppingExpiredTokensFirst() {
        for (int i = 0; i < VerifiedTokens.CAPACITY - 1; i++) {
            tokens.verified("short-" + i, caller("c" + i, NOW.plusSeconds(1)), NOW);
        }
        tokens.verified("long", caller("admin", NOW.plusSeconds(600)), NOW);
        tokens.verified("next", caller("admin", NOW.plusSeconds(600)), NOW.plusSeconds(2));

        assertThat(tokens.size()).as("the expired ones made room").isEqualTo(2);
        assertThat(tokens.caller("long", NOW.plusSeconds(3))).isNotNull();

        for (int i = 0; i < VerifiedTokens.CAPACITY + 10; i++) {
            tokens.verified("valid-" + i, caller("c" + i, NOW.plusSeconds(600)), NOW.plusSeconds(3));
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.CAPACITY);
    }
}
