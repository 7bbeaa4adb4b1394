package com.musiccorp.platform.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The JSON bodies of Confluent's REST API, and its media types. */
final class Api {
    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    static final String SR_JSON = "application/vnd.schemaregistry+json";
    static final String JSON = "application/json";

    private Api() {
    }

    /** The media type to answer with: Confluent's v1 type unless the request accepts only one of the others. */
    static String negotiate(io.micronaut.http.HttpRequest<?> request) {
        List<String> accepted = request == null ? List.of()
                : request.accept().stream().map(io.micronaut.http.MediaType::getName).toList();
        if (accepted.isEmpty() || accepted.contains(V1_JSON) || accepted.contains("*/*") || accepted.contains("application/*")) {
            return V1_JSON;
        }
        if (accepted.contains(SR_JSON)) return SR_JSON;
        if (accepted.contains(JSON)) return JSON;
        return V1_JSON;
    }

    /** Body of register, lookup and compatibility requests. Confluent's newer fields (metadata, ruleSet) are ignored. */
    @Serdeable
    record SchemaRequest(@Nullable String schema, @Nullable String schemaType, @Nullable List<Reference> references) {
        boolean hasReferences() {
            return references != null && !references.isEmpty();
        }
    }

    @Serdeable
    record Reference(@Nullable String name, @Nullable String subject, @Nullable Integer version) {
    }

    @Serdeable
    record RegisterResponse(int id) {
    }

    /** A subject-version, as GET /subjects/{s}/versions/{v} and lookup answer it. schemaType is left out for Avro, as Confluent does. */
    @Serdeable
    record SubjectVersionSchema(String subject, int version, int id, @Nullable String schemaType, String schema) {
        static SubjectVersionSchema of(RegistryState.Version v) {
            return new SubjectVersionSchema(v.subject(), v.version(), v.id(), null, v.schema());
        }
    }

    @Serdeable
    record SchemaById(String schema, @Nullable String schemaType, @Nullable Integer maxId) {
    }

    @Serdeable
    record SubjectVersion(String subject, int version) {
    }

    @Serdeable
    record SchemaListItem(String subject, int version, int id, String schema) {
    }

    @Serdeable
    record CompatibilityResponse(@JsonProperty("is_compatible") boolean isCompatible,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> messages) {
    }

    /** PUT /config body. Confluent names the field "compatibility"; "compatibilityLevel" is accepted too. */
    @Serdeable
    record ConfigRequest(@Nullable String compatibility, @Nullable String compatibilityLevel) {
        String level() {
            return compatibility != null ? compatibility : compatibilityLevel;
        }
    }

    @Serdeable
    record ConfigResponse(String compatibilityLevel) {
    }

    @Serdeable
    record ConfigUpdateResponse(String compatibility) {
    }

    @Serdeable
    record ModeBody(@Nullable String mode) {
    }

    @Serdeable
    record ErrorMessage(@JsonProperty("error_code") int errorCode, String message) {
    }

    @Serdeable
    record Health(String status) {
    }
}
