package com.musiccorp.platform.kafka;

import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContextAclsTest {

    /** One line per grant: resource type, pattern, name, operation. */
    private static List<String> grants(String context) {
        return ContextAcls.of(context).stream().peek(ContextAclsTest::isAnAllowOf).map(b -> b.pattern().resourceType()
                + " " + b.pattern().patternType() + " " + b.pattern().name() + " " + b.entry().operation()).toList();
    }

    private static void isAnAllowOf(AclBinding binding) {
        assertThat(binding.entry().permissionType().name()).isEqualTo("ALLOW");
        assertThat(binding.entry().host()).isEqualTo("*");
    }

    @Test
    void ordersWritesWhatItOwnsReadsWhatItConsumesAndOwnsEverythingNamedAfterItsApplicationId() {
        assertThat(ContextAcls.of("orders")).allSatisfy(b -> assertThat(b.entry().principal()).isEqualTo("User:orders"));
        assertThat(grants("orders")).containsExactly(
                "TOPIC LITERAL orders.events WRITE",
                "TOPIC LITERAL orders.events DESCRIBE",
                "TOPIC LITERAL orders.commands WRITE",
                "TOPIC LITERAL orders.commands DESCRIBE",
                "TOPIC LITERAL orders.customer-keys WRITE",
                "TOPIC LITERAL orders.customer-keys DESCRIBE",
                "TOPIC LITERAL orders.dlq WRITE",
                "TOPIC LITERAL orders.dlq DESCRIBE",
                "TOPIC LITERAL orders.dlq READ",
                "TOPIC LITERAL orders.events READ",
                "TOPIC LITERAL warehouse.events READ",
                "TOPIC LITERAL warehouse.events DESCRIBE",
                "TOPIC LITERAL payments.events READ",
                "TOPIC LITERAL payments.events DESCRIBE",
                "TOPIC LITERAL loyalty.events READ",
                "TOPIC LITERAL loyalty.events DESCRIBE",
                "TOPIC LITERAL orders.commands READ",
                "TOPIC LITERAL orders.customer-keys READ",
                "TOPIC PREFIXED musiccorp-orders CREATE",
                "TOPIC PREFIXED musiccorp-orders DELETE",
                "TOPIC PREFIXED musiccorp-orders READ",
                "TOPIC PREFIXED musiccorp-orders WRITE",
                "TOPIC PREFIXED musiccorp-orders DESCRIBE",
                "TOPIC PREFIXED musiccorp-orders DESCRIBE_CONFIGS",
                "GROUP PREFIXED musiccorp-orders READ",
                "GROUP PREFIXED musiccorp-orders DESCRIBE",
                "GROUP PREFIXED musiccorp-orders DELETE",
                "TRANSACTIONAL_ID PREFIXED musiccorp-orders WRITE",
                "TRANSACTIONAL_ID PREFIXED musiccorp-orders DESCRIBE");
    }

    @Test
    void onlyTheContextsThatOpenPersonalDataMayReadTheCustomersKeys() {
        for (String context : TopicCatalog.contexts()) {
            boolean reads = grants(context).contains("TOPIC LITERAL orders.customer-keys READ");
            assertThat(reads).as(context).isEqualTo(List.of("orders", "warehouse", "notifications").contains(context));
        }
        assertThat(grants("warehouse")).doesNotContain("TOPIC LITERAL orders.customer-keys WRITE");
    }

    @Test
    void loyaltyReadsOnlyTheDispatchesOfTheWarehouseNotTheOrdersWithTheirPersonalData() {
        assertThat(grants("loyalty")).contains("TOPIC LITERAL warehouse.events READ")
                .noneMatch(grant -> grant.startsWith("TOPIC LITERAL orders."));
    }

    @Test
    void noContextWritesATopicItDoesNotOwnNorHasAnyClusterGrant() {
        for (String context : TopicCatalog.contexts()) {
            for (AclBinding b : ContextAcls.of(context)) {
                assertThat(b.pattern().resourceType().name()).isNotEqualTo("CLUSTER");
                if (b.pattern().patternType().name().equals("LITERAL") && b.entry().operation().name().equals("WRITE")) {
                    assertThat(TopicCatalog.get(b.pattern().name()).owner()).as(b.toString()).isEqualTo(context);
                }
            }
        }
    }

    @Test
    void everyContextOfTheCatalogHasAPrincipalAndOnlyTheRegistryOwnsATopicWithoutOne() {
        assertThat(TopicCatalog.contexts())
                .containsExactly("loyalty", "notifications", "orders", "payments", "saga-status", "warehouse");
        assertThat(TopicCatalog.all().stream().map(TopicSpec::owner).distinct()
                .filter(owner -> !TopicCatalog.contexts().contains(owner))).containsExactly("schema-registry");
    }
}
