package com.musiccorp.platform.registry;

/**
 * A refusal with Confluent's HTTP status, error code and message. The factories below are the
 * registry's whole error vocabulary; {@link ErrorResponses} turns them into
 * {@code {"error_code": ..., "message": ...}}.
 */
final class RegistryException extends RuntimeException {
    private final int status;
    private final int errorCode;

    RegistryException(int status, int errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(int version) {
        return new RegistryException(404, 40402, "Version " + version + " not found.");
    }

    static RegistryException schemaNotFound() {
        return new RegistryException(404, 40403, "Schema not found");
    }

    static RegistryException schemaNotFound(String id) {
        return new RegistryException(404, 40403, "Schema " + id + " not found");
    }

    static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(404, 40404, "Subject '" + subject
                + "' was soft deleted.Set permanent=true to delete permanently");
    }

    static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(404, 40405, "Subject '" + subject
                + "' was not deleted first before being permanently deleted");
    }

    static RegistryException versionSoftDeleted(String subject, int version) {
        return new RegistryException(404, 40406, "Subject '" + subject + "' Version " + version
                + " was soft deleted.Set permanent=true to delete permanently");
    }

    static RegistryException versionNotSoftDeleted(String subject, int version) {
        return new RegistryException(404, 40407, "Subject '" + subject + "' Version " + version
                + " was not deleted first before being permanently deleted");
    }

    static RegistryException subjectLevelNotConfigured(String subject) {
        return new RegistryException(404, 40408, "Subject '" + subject
                + "' does not have subject-level compatibility configured");
    }

    static RegistryException subjectModeNotConfigured(String subject) {
        return new RegistryException(404, 40409, "Subject '" + subject + "' does not have subject-level mode configured");
    }

    static RegistryException incompatible(String subject, java.util.List<String> messages) {
        return new RegistryException(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\", details: " + messages);
    }

    static RegistryException invalidSchema(String message) {
        return new RegistryException(422, 42201, message);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(422, 42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibilityLevel() {
        return new RegistryException(422, 42203, "Invalid compatibility level. Valid values are none, backward, "
                + "forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryException invalidMode(String mode) {
        return new RegistryException(422, 42204, "Invalid mode " + mode
                + ". Valid values are READWRITE and READONLY (IMPORT is not supported by this registry)");
    }

    static RegistryException readOnly(String subject) {
        return new RegistryException(422, 42205, "Subject " + subject + " is in read-only mode");
    }

    static RegistryException storeError(String message) {
        return new RegistryException(500, 50001, message);
    }

    static RegistryException storeTimeout(String message) {
        return new RegistryException(500, 50002, message);
    }

    /** Confluent answers a missing or wrong basic-auth header with HTTP 401 and error code 401. */
    static RegistryException unauthorized(String message) {
        return new RegistryException(401, 401, message);
    }

    static RegistryException notReady() {
        return new RegistryException(503, 50301,
                "The schema registry is not ready: it is still reading its Kafka topic, or cannot reach Kafka");
    }
}
