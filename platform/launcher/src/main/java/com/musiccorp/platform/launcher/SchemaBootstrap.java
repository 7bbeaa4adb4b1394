package com.musiccorp.platform.launcher;

import com.musiccorp.platform.avro.HttpSchemaRegistryClient;
import com.musiccorp.schemas.SubjectCatalog;
import com.musiccorp.schemas.compat.CompatibilityPolicy;
import org.apache.avro.Schema;

import java.util.Map;

/**
 * Registers every event schema of the contract in a Confluent-compatible registry, each subject
 * at the compatibility level the repository declares, before any service writes an event.
 * Idempotent: registering a schema the registry already has returns its existing id.
 *
 * <p>As a main (the compose file's {@code schemas-init}): env {@code SCHEMA_REGISTRY_URL}.
 */
public final class SchemaBootstrap {
    private SchemaBootstrap() {
    }

    public static void main(String[] args) {
        String url = System.getenv().getOrDefault("SCHEMA_REGISTRY_URL", "http://localhost:8081");
        System.out.println("READY schemas registered=" + registerAll(url) + " registry=" + url);
    }

    /** Returns how many subjects it registered (or found registered already). */
    public static int registerAll(String registryUrl) {
        // The generated classes' schemas: byte for byte what the serializers will register and look up.
        Map<String, Schema> schemas = SubjectCatalog.fromGeneratedClasses().schemas();
        CompatibilityPolicy policy = CompatibilityPolicy.fromClasspath();
        try (var registry = new HttpSchemaRegistryClient(registryUrl)) {
            schemas.forEach((subject, schema) -> {
                registry.setCompatibility(subject, policy.levelFor(subject).name());
                registry.register(subject, schema);
            });
        }
        return schemas.size();
    }
}
