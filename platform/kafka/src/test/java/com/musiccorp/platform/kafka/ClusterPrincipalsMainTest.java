package com.musiccorp.platform.kafka;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterPrincipalsMainTest {
    private static Map<String, String> everyPassword() {
        Map<String, String> env = new HashMap<>();
        for (String principal : ContextPrincipals.names()) env.put(ScramLogin.passwordVariable(principal), principal + "-pw");
        return env;
    }

    @Test
    void everyContextAndTheRegistryLogsInWithItsOwnVariable() {
        var logins = ClusterPrincipalsMain.logins(everyPassword());
        assertThat(logins.keySet()).containsExactly("loyalty", "notifications", "orders", "payments", "saga-status",
                "warehouse", "schema-registry");
        logins.forEach((principal, login) -> assertThat(login).isEqualTo(new ScramLogin(principal, principal + "-pw")));
    }

    @Test
    void refusesToStartNamingEveryMissingPassword() {
        Map<String, String> env = everyPassword();
        env.remove("SAGA_STATUS_KAFKA_SASL_PASSWORD");
        env.put("SCHEMA_REGISTRY_KAFKA_SASL_PASSWORD", " ");
        assertThatThrownBy(() -> ClusterPrincipalsMain.logins(env)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not set: SAGA_STATUS_KAFKA_SASL_PASSWORD, SCHEMA_REGISTRY_KAFKA_SASL_PASSWORD");
    }

    @Test
    void theRegistryGetsConfluentsGrantsAndAContextItsOwn() {
        assertThat(ClusterPrincipalsMain.grants("schema-registry")).isEqualTo(RegistryAcls.confluent(TopicCatalog.SCHEMAS));
        assertThat(ClusterPrincipalsMain.grants("orders")).isEqualTo(ContextAcls.of("orders"));
    }
}
