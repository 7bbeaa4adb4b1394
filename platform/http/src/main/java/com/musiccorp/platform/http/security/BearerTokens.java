package com.musiccorp.platform.http.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Mints the tokens {@link ApiSecurity} accepts, with Nimbus JOSE (what Micronaut Security validates
 * them with): HS256 over the secret's UTF-8 bytes, as Micronaut's secret signature reads it.
 * For development credentials and tests; the system has no login endpoint.
 */
public final class BearerTokens {

    private BearerTokens() {
    }

    /**
     * @param subject    {@code sub}: "admin", "operator", or the customer id
     * @param customerId {@code customerId}, for a customer's token; null otherwise
     */
    public static String mint(String secret, String subject, List<String> roles, @Nullable String customerId,
                              Instant issuedAt, Duration validFor) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ApiSecurity.ISSUER)
                .claim("roles", List.copyOf(roles))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(validFor)));
        if (customerId != null) {
            claims.claim(Caller.CUSTOMER_ID_CLAIM, customerId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(ApiSecurity.checked(secret).getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
