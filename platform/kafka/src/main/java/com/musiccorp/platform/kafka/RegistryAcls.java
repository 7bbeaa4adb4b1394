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
 *
 * <p>Confluent's registry (the compose cluster's) needs one grant more, {@link #confluent}: its
 * instances elect their leader as members of a consumer group.
 */
public final class RegistryAcls {
    public static final String PRINCIPAL_NAME = "schema-registry";
    /** Confluent's {@code schema.registry.group.id}, left at its default. */
    public static final String CONFLUENT_ELECTION_GROUP = "schema-registry";

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

    /**
     * Confluent's registry: {@link #of} and its leader-election group (join, sync, heartbeat need
     * READ; finding the coordinator DESCRIBE). Its store reader has a group id too, but assigns its
     * partition, seeks to the beginning and never commits, so it needs no grant on that group.
     */
    public static List<AclBinding> confluent(String topic) {
        List<AclBinding> grants = new ArrayList<>(of(topic));
        ResourcePattern election = new ResourcePattern(ResourceType.GROUP, CONFLUENT_ELECTION_GROUP, PatternType.LITERAL);
        grants.add(allow(election, AclOperation.READ));
        grants.add(allow(election, AclOperation.DESCRIBE));
        return List.copyOf(grants);
    }

    private static AclBinding allow(ResourcePattern resource, AclOperation op) {
        return new AclBinding(resource, new AccessControlEntry("User:" + PRINCIPAL_NAME, "*", op, AclPermissionType.ALLOW));
    }
}
