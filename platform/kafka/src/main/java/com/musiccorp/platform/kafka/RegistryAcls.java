package com.musiccorp.platform.kafka;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;

/**
 * The least privilege of the schema registry's Kafka principal ({@code User:schema-registry}): its
 * one topic ({@link TopicCatalog#SCHEMAS}), which it may create, read, write and describe, and the
 * transactional id every instance writes with ({@code schema-registry-writer-<topic>}). It reads
 * by assignment, so it needs no group; it never touches an event topic.
 */
public final class RegistryAcls {
    public static final String PRINCIPAL_NAME = "schema-registry";

    private RegistryAcls() {
    }

    public static List<AclBinding> of(String topic) {
        List<AclBinding> grants = new ArrayList<>();
        ResourcePattern schemas = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
        for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS)) {
            grants.add(allow(schemas, op));
        }
        ResourcePattern writer = new ResourcePattern(ResourceType.TRANSACTIONAL_ID, "schema-registry-writer-" + topic,
                PatternType.LITERAL);
        grants.add(allow(writer, AclOperation.WRITE));
        grants.add(allow(writer, AclOperation.DESCRIBE));
        return List.copyOf(grants);
    }

    private static AclBinding allow(ResourcePattern resource, AclOperation op) {
        return new AclBinding(resource, new AccessControlEntry("User:" + PRINCIPAL_NAME, "*", op, AclPermissionType.ALLOW));
    }
}
