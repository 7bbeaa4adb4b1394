package com.musiccorp.platform.kafka;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The least privilege of one context's Kafka principal ({@code User:<context>}), from what the
 * catalog knows: it writes the topics it owns (its events, commands and dead letters, which it also
 * reads for its dead-letter endpoint) and reads the
 * topics it consumes; everything its Kafka Streams application names after its application id
 * ({@code musiccorp-<context>}, and every rebuild generation {@code musiccorp-<context>-gN}) is its
 * own, by prefix: internal changelog and repartition topics and a rebuild's dead letters (created,
 * read, written, deleted), its consumer groups, and its exactly-once transactional ids. Nothing else:
 * no cluster operation, no other context's topic or group.
 */
public final class ContextAcls {
    private static final String HOST = "*";

    private ContextAcls() {
    }

    public static String principal(String context) {
        return "User:" + context;
    }

    /** Generation 0's application id, and the prefix of every generation's (see {@code Generations}). */
    public static String applicationId(String context) {
        return "musiccorp-" + context;
    }

    public static List<AclBinding> of(String context) {
        String prefix = applicationId(context);
        List<AclBinding> grants = new ArrayList<>();
        for (TopicSpec owned : TopicCatalog.ownedBy(context)) {
            grant(grants, context, topic(owned.name()), AclOperation.WRITE, AclOperation.DESCRIBE);
        }
        // Its own dead letters, which its HTTP API lists (and re-drive markers it looks for).
        grant(grants, context, topic(TopicCatalog.deadLetterTopic(context)), AclOperation.READ);
        for (String consumed : TopicCatalog.consumedBy(context)) {
            grant(grants, context, topic(consumed), AclOperation.READ, AclOperation.DESCRIBE);
        }
        if (TopicCatalog.opensPersonalData(context)) {
            grant(grants, context, topic(TopicCatalog.CUSTOMER_KEYS), AclOperation.READ, AclOperation.DESCRIBE);
        }
        grant(grants, context, new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED),
                AclOperation.CREATE, AclOperation.DELETE, AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
        grant(grants, context, new ResourcePattern(ResourceType.GROUP, prefix, PatternType.PREFIXED),
                AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DELETE);
        grant(grants, context, new ResourcePattern(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED),
                AclOperation.WRITE, AclOperation.DESCRIBE);
        // A topic it owns and consumes too is described once.
        return List.copyOf(new LinkedHashSet<>(grants));
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    private static void grant(List<AclBinding> grants, String context, ResourcePattern resource, AclOperation... operations) {
        for (AclOperation operation : operations) {
            grants.add(new AclBinding(resource, new AccessControlEntry(principal(context), HOST, operation, AclPermissionType.ALLOW)));
        }
    }
}
