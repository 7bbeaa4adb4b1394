package com.musiccorp.platform.launcher;

import com.musiccorp.platform.http.security.ApiSecurity;
import com.musiccorp.platform.http.security.BearerTokens;
import com.musiccorp.platform.http.security.Roles;
import com.musiccorp.platform.kafka.ContextPrincipals;
import com.musiccorp.platform.kafka.ScramLogin;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials of one installation, kept in {@code $MUSICCORP_HOME/credentials.env} (mode 600) as
 * shell assignments, so {@code source .musiccorp/credentials.env} puts them in a shell:
 * the secret every HTTP API checks tokens with, a token per role (valid a year; {@code METRICS_TOKEN}
 * only reads {@code /prometheus}, for a scraper), the schema
 * registry's {@code user:password} and, for the compose cluster, Grafana's admin password. Created on the first start from {@link SecureRandom}; later
 * starts reuse the file, so tokens handed out keep working across restarts. A token that is missing
 * or expires within a day is minted again with the same secret.
 */
public record DevelopmentCredentials(String jwtSecret, String adminToken, String operatorToken, String customerToken,
                                     String metricsToken, String registryUserInfo, String grafanaAdminPassword,
                                     Map<String, String> kafkaPasswords) {

    public DevelopmentCredentials {
        kafkaPasswords = Map.copyOf(kafkaPasswords);
    }

    /**
     * The variables of the secured broker's logins ({@code KAFKA_SECURITY=scram}): the super user's
     * {@code KAFKA_ADMIN_PASSWORD}, and {@code <PRINCIPAL>_KAFKA_SASL_PASSWORD} of each context and
     * of the schema registry (see {@code ScramLogin.ofContext}).
     */
    static List<String> kafkaPasswordVariables() {
        List<String> names = new java.util.ArrayList<>(List.of(KAFKA_ADMIN_PASSWORD));
        for (String principal : ContextPrincipals.names()) names.add(ScramLogin.passwordVariable(principal));
        return names;
    }

    public static final String FILE = "credentials.env";
    /** The customer of README's examples, whom {@code CUSTOMER_TOKEN} speaks for. */
    public static final String DEVELOPMENT_CUSTOMER = "cust-1";
    public static final String REGISTRY_USER = "musiccorp";
    public static final String REGISTRY_USER_INFO = "REGISTRY_USER_INFO";
    /** Grafana's {@code admin} password in the compose cluster (docker-compose.yml refuses to start Grafana without it). */
    public static final String GRAFANA_ADMIN_PASSWORD = "GRAFANA_ADMIN_PASSWORD";
    public static final String KAFKA_ADMIN_PASSWORD = "KAFKA_ADMIN_PASSWORD";
    static final Duration TOKEN_LIFETIME = Duration.ofDays(365);
    private static final SecureRandom RANDOM = new SecureRandom();

    public static Path file(Path stateDir) {
        return stateDir.resolve(FILE);
    }

    /** The installation's credentials, created (and written) if {@code stateDir} has none yet. */
    public static DevelopmentCredentials loadOrCreate(Path stateDir, Instant now) {
        Map<String, String> known = readAssignments(file(stateDir));
        String secret = known.getOrDefault(ApiSecurity.SECRET_VARIABLE, randomHex(32));
        DevelopmentCredentials credentials = new DevelopmentCredentials(secret,
                stillValid(known.get("ADMIN_TOKEN"), now).orElseGet(() -> mint(secret, "admin", Roles.ADMIN, null, now)),
                stillValid(known.get("OPERATOR_TOKEN"), now).orElseGet(() -> mint(secret, "operator", Roles.OPERATOR, null, now)),
                stillValid(known.get("CUSTOMER_TOKEN"), now).orElseGet(() -> mint(secret, DEVELOPMENT_CUSTOMER, Roles.CUSTOMER,
                        DEVELOPMENT_CUSTOMER, now)),
                stillValid(known.get("METRICS_TOKEN"), now).orElseGet(() -> mint(secret, "metrics", Roles.METRICS, null, now)),
                known.getOrDefault(REGISTRY_USER_INFO, REGISTRY_USER + ":" + randomHex(16)),
                known.getOrDefault(GRAFANA_ADMIN_PASSWORD, randomHex(16)),
                kafkaPasswords(known));
        if (!credentials.assignments().equals(known)) {
            credentials.write(file(stateDir));
        }
        return credentials;
    }

    /** What a start left in {@code stateDir}, if anything (the CLI and tools read it; they never create it). */
    public static Optional<DevelopmentCredentials> read(Path stateDir) {
        Map<String, String> known = readAssignments(file(stateDir));
        if (!known.containsKey(ApiSecurity.SECRET_VARIABLE)) return Optional.empty();
        return Optional.of(new DevelopmentCredentials(known.get(ApiSecurity.SECRET_VARIABLE), known.get("ADMIN_TOKEN"),
                known.get("OPERATOR_TOKEN"), known.get("CUSTOMER_TOKEN"), known.get("METRICS_TOKEN"),
                known.get(REGISTRY_USER_INFO), known.get(GRAFANA_ADMIN_PASSWORD),
                known.entrySet().stream().filter(e -> kafkaPasswordVariables().contains(e.getKey()))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    }

    /**
     * The token a tool calls the API with when given none: {@code ADMIN_TOKEN}, else
     * {@code OPERATOR_TOKEN} from {@code env}, else the admin token in {@code $MUSICCORP_HOME}'s
     * (default {@code .musiccorp/}) credentials file; empty when there is none (the API then says 401).
     */
    public static Optional<String> callerToken(Map<String, String> env) {
        for (String variable : List.of("ADMIN_TOKEN", "OPERATOR_TOKEN")) {
            String v = env.get(variable);
            if (v != null && !v.isBlank()) return Optional.of(v.strip());
        }
        String home = env.get("MUSICCORP_HOME");
        return read(home == null || home.isBlank() ? Path.of(".musiccorp") : Path.of(home))
                .map(DevelopmentCredentials::adminToken);
    }

    /** What every service's environment gets: the secret to check tokens with, the registry's credentials. */
    public Map<String, String> serviceEnvironment() {
        return Map.of(ApiSecurity.SECRET_VARIABLE, jwtSecret, REGISTRY_USER_INFO, registryUserInfo);
    }

    Map<String, String> assignments() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(ApiSecurity.SECRET_VARIABLE, jwtSecret);
        all.put("ADMIN_TOKEN", adminToken);
        all.put("OPERATOR_TOKEN", operatorToken);
        all.put("CUSTOMER_TOKEN", customerToken);
        all.put("METRICS_TOKEN", metricsToken);
        all.put(REGISTRY_USER_INFO, registryUserInfo);
        all.put(GRAFANA_ADMIN_PASSWORD, grafanaAdminPassword);
        for (String variable : kafkaPasswordVariables()) all.put(variable, kafkaPasswords.get(variable));
        return all;
    }

    private void write(Path file) {
        StringBuilder text = new StringBuilder("# MusicCorp Streams development credentials, written by the first start."
                + " Keep private. Use: source " + file.getFileName() + "; curl -H \"Authorization: Bearer $OPERATOR_TOKEN\" ...\n"
                + "# CUSTOMER_TOKEN speaks for customer " + DEVELOPMENT_CUSTOMER + ". Delete this file to rotate everything.\n");
        assignments().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // e.g. a Windows file system: its own ACLs apply
            }
            Files.writeString(temporary, text);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The known passwords, and a new one for each variable the file does not have yet. */
    private static Map<String, String> kafkaPasswords(Map<String, String> known) {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String variable : kafkaPasswordVariables()) {
            passwords.put(variable, known.getOrDefault(variable, randomHex(16)));
        }
        return passwords;
    }

    private static Map<String, String> readAssignments(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.exists(file)) return values;
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (line.isBlank() || line.startsWith("#") || eq <= 0) continue;
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return values;
    }

    private static Optional<String> stillValid(String token, Instant now) {
        if (token == null || token.isBlank()) return Optional.empty();
        try {
            java.util.Date expires = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime();
            return expires != null && expires.toInstant().isAfter(now.plus(Duration.ofDays(1))) ? Optional.of(token) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static String mint(String secret, String subject, String role, String customerId, Instant now) {
        return BearerTokens.mint(secret, subject, List.of(role), customerId, now, TOKEN_LIFETIME);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
