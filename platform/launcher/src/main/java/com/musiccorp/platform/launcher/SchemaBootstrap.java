package com.musiccorp.platform.launcher;

import com.musiccorp.platform.avro.HttpSchemaRegistryClient;
import com.musiccorp.platform.avro.RegistryClientOptions;
import com.musiccorp.schemas.SubjectCatalog;
import com.musiccorp.schemas.compat.CompatibilityPolicy;
import org.apache.avro.Schema;

import java.util.Map;

/**
 * Registers every event schema of the contract in a Confluent-compatible registry, each subject
 * at the compatibility level the repository declares, before any service writes an event.
 * Idempotent: registering a schema the registry already has returns its existing id.
 *
 * <p>As a main (the compose file's {@code schemas-init}): env {@code SCHEMA_REGISTRY_URL}, and
 * {@code REGISTRY_USER_INFO} ({@code user:password}) when the registry requires basic auth.
 */
public final class SchemaBootstrap {
    private SchemaBootstrap() {
    }

    public static void main(String[] args) {
        String url = System.getenv().getOrDefault("SCHEMA_REGISTRY_URL", "http://localhost:8081");
        String userInfo = System.getenv("REGISTRY_USER_INFO");
        System.out.println("READY schemas registered=" + registerAll(url, userInfo == null || userInfo.isBlank() ? null : userInfo)
                + " registry=" + url);
    }

    /** Returns how many subjects it registered (or found registered already). */
    public static int registerAll(String registryUrl) {
        return registerAll(registryUrl, null);
    }

    /** The same, sending {@code userInfo} ({@code user:password}, or null for none) as the registry's basic auth. */
    public static int registerAll(String registryUrl, String userInfo) {
        // The generated classes' schemas: byte for byte what the serializers will register and look up.
        Map<String, Schema> schemas = SubjectCatalog.fromGeneratedClasses().schemas();
        CompatibilityPolicy policy = CompatibilityPolicy.fromClasspath();
        try (var registry = new HttpSchemaRegistryClient(RegistryClientOptions.of(registryUrl).withUserInfo(userInfo))) {
            schemas.forEach((subject, schema) -> {
                registry.setCompatibility(subject, policy.levelFor(subject).name());
                registry.register(subject, schema);
            });
        }
        return schemas.size();
    }
}
