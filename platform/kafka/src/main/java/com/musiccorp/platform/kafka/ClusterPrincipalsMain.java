package com.musiccorp.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates every principal of a secured cluster (the compose file's {@code principals-init}):
 * each context's SCRAM login and {@link ContextAcls}, and the schema registry's with
 * {@link RegistryAcls#confluent} (the compose cluster runs Confluent's registry). Logs in as the
 * admin; idempotent, so it runs on every {@code up}: passwords are replaced, existing ACLs stay.
 *
 * <p>Env: {@code KAFKA_BOOTSTRAP_SERVERS}; the admin's login {@code KAFKA_SASL_USERNAME} and
 * {@code KAFKA_SASL_PASSWORD}; {@code <PRINCIPAL>_KAFKA_SASL_PASSWORD} for every context and for
 * {@code SCHEMA_REGISTRY}, all required: the compose cluster has no unsecured mode.
 */
public final class ClusterPrincipalsMain {
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        ScramLogin admin = ScramLogin.fromEnvironment(env).orElseThrow(() -> new IllegalArgumentException(
                "the admin's login is required: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD"));
        Map<String, ScramLogin> logins = logins(env);
        Map<String, Object> config = new HashMap<>(admin.clientConfig());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
        try (Admin client = Admin.create(config)) {
            ContextPrincipals principals = new ContextPrincipals(client);
            logins.forEach((principal, login) -> principals.create(principal, login.password(), grants(principal)));
        }
        System.out.println("READY principals " + String.join(",", logins.keySet()));
    }

    /** Each principal's login from its password variable; names every one that is missing. */
    static Map<String, ScramLogin> logins(Map<String, String> env) {
        Map<String, ScramLogin> logins = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String principal : ContextPrincipals.names()) {
            ScramLogin.ofContext(principal, env).ifPresentOrElse(login -> logins.put(principal, login),
                    () -> missing.add(ScramLogin.passwordVariable(principal)));
        }
        if (!missing.isEmpty()) throw new IllegalArgumentException("not set: " + String.join(", ", missing));
        return logins;
    }

    static List<AclBinding> grants(String principal) {
        return principal.equals(RegistryAcls.PRINCIPAL_NAME) ? RegistryAcls.confluent(TopicCatalog.SCHEMAS) : ContextAcls.of(principal);
    }
}
