package com.musiccorp.platform.launcher;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DevelopmentCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void theFirstStartWritesAPrivateFileOfShellAssignmentsAndLaterStartsReuseIt(@TempDir Path home) throws Exception {
        DevelopmentCredentials first = DevelopmentCredentials.loadOrCreate(home, NOW);

        Path file = home.resolve("credentials.env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file)).filteredOn(l -> !l.startsWith("#"))
                .extracting(l -> l.substring(0, l.indexOf('=')))
                .containsExactly("MUSICCORP_JWT_SECRET", "ADMIN_TOKEN", "OPERATOR_TOKEN", "CUSTOMER_TOKEN", "METRICS_TOKEN",
                        "REGISTRY_USER_INFO", "GRAFANA_ADMIN_PASSWORD", "KAFKA_ADMIN_PASSWORD", "LOYALTY_KAFKA_SASL_PASSWORD",
                        "NOTIFICATIONS_KAFKA_SASL_PASSWORD", "ORDERS_KAFKA_SASL_PASSWORD", "PAYMENTS_KAFKA_SASL_PASSWORD",
                        "SAGA_STATUS_KAFKA_SASL_PASSWORD", "WAREHOUSE_KAFKA_SASL_PASSWORD", "SCHEMA_REGISTRY_KAFKA_SASL_PASSWORD");
        assertThat(first.jwtSecret()).matches("[0-9a-f]{64}");
        assertThat(first.registryUserInfo()).matches("musiccorp:[0-9a-f]{32}");

        assertThat(DevelopmentCredentials.loadOrCreate(home, NOW.plus(Duration.ofDays(30)))).isEqualTo(first);
        assertThat(DevelopmentCredentials.read(home)).hasValue(first);
    }

    @Test
    void eachTokenIsAnHs256JwtOfItsRoleSignedWithTheSecretForAYear(@TempDir Path home) throws Exception {
        DevelopmentCredentials c = DevelopmentCredentials.loadOrCreate(home, NOW);

        JWTClaimsSet admin = verified(c.adminToken(), c.jwtSecret());
        assertThat(admin.getSubject()).isEqualTo("admin");
        assertThat(admin.getStringListClaim("roles")).isEqualTo(List.of("admin"));
        assertThat(admin.getIssuer()).isEqualTo("musiccorp");
        assertThat(admin.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(admin.getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(verified(c.operatorToken(), c.jwtSecret()).getStringListClaim("roles")).isEqualTo(List.of("operator"));
        assertThat(verified(c.metricsToken(), c.jwtSecret()).getStringListClaim("roles")).isEqualTo(List.of("metrics"));
        JWTClaimsSet customer = verified(c.customerToken(), c.jwtSecret());
        assertThat(customer.getStringListClaim("roles")).isEqualTo(List.of("customer"));
        assertThat(customer.getStringClaim("customerId")).isEqualTo("cust-1").isEqualTo(customer.getSubject());
    }

    @Test
    void twoInstallationsShareNothing(@TempDir Path one, @TempDir Path other) {
        DevelopmentCredentials a = DevelopmentCredentials.loadOrCreate(one, NOW);
        DevelopmentCredentials b = DevelopmentCredentials.loadOrCreate(other, NOW);
        assertThat(a.jwtSecret()).isNotEqualTo(b.jwtSecret());
        assertThat(a.registryUserInfo()).isNotEqualTo(b.registryUserInfo());
        assertThat(a.grafanaAdminPassword()).isNotEqualTo(b.grafanaAdminPassword()).matches("[0-9a-f]{32}");
    }

    @Test
    void aTokenAboutToExpireIsMintedAgainWithTheSameSecret(@TempDir Path home) throws Exception {
        DevelopmentCredentials first = DevelopmentCredentials.loadOrCreate(home, NOW);
        DevelopmentCredentials aYearOn = DevelopmentCredentials.loadOrCreate(home, NOW.plus(Duration.ofDays(364).plusHours(1)));
        assertThat(aYearOn.jwtSecret()).isEqualTo(first.jwtSecret());
        assertThat(aYearOn.operatorToken()).isNotEqualTo(first.operatorToken());
        assertThat(verified(aYearOn.operatorToken(), first.jwtSecret()).getExpirationTime().toInstant())
                .isAfter(NOW.plus(Duration.ofDays(700)));
    }

    @Test
    void servicesGetTheSecretAndTheRegistrysCredentials(@TempDir Path home) {
        DevelopmentCredentials c = DevelopmentCredentials.loadOrCreate(home, NOW);
        assertThat(c.serviceEnvironment()).isEqualTo(Map.of("MUSICCORP_JWT_SECRET", c.jwtSecret(),
                "REGISTRY_USER_INFO", c.registryUserInfo()));
    }

    private static JWTClaimsSet verified(String token, String secret) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))).as("signed with the secret").isTrue();
        return jwt.getJWTClaimsSet();
    }
}
