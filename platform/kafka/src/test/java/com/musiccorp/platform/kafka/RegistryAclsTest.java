package com.musiccorp.platform.kafka;

import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryAclsTest {
    private static List<String> grants(List<AclBinding> bindings) {
        assertThat(bindings).allSatisfy(b -> {
            assertThat(b.entry().principal()).isEqualTo("User:schema-registry");
            assertThat(b.entry().host()).isEqualTo("*");
            assertThat(b.entry().permissionType().name()).isEqualTo("ALLOW");
            assertThat(b.pattern().patternType().name()).as("no prefix, no wildcard").isEqualTo("LITERAL");
        });
        return bindings.stream().map(b -> b.pattern().resourceType() + " " + b.pattern().name() + " " + b.entry().operation()).toList();
    }

    @Test
    void ourRegistryUsesItsTopicAndItsWritersTransactionalIdOnly() {
        assertThat(grants(RegistryAcls.of("_schemas"))).containsExactly(
                "TOPIC _schemas CREATE", "TOPIC _schemas READ", "TOPIC _schemas WRITE", "TOPIC _schemas DESCRIBE",
                "TOPIC _schemas DESCRIBE_CONFIGS",
                "TRANSACTIONAL_ID schema-registry-writer-_schemas WRITE", "TRANSACTIONAL_ID schema-registry-writer-_schemas DESCRIBE");
    }

    @Test
    void confluentsRegistryAlsoJoinsItsLeaderElectionGroup() {
        assertThat(grants(RegistryAcls.confluent("_schemas")))
                .containsAll(grants(RegistryAcls.of("_schemas")))
                .containsSubsequence("GROUP schema-registry READ", "GROUP schema-registry DESCRIBE")
                .hasSize(RegistryAcls.of("_schemas").size() + 2);
    }
}
