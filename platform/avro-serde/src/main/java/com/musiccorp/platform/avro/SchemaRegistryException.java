package com.musiccorp.platform.avro;

/**
 * A schema registry call failed. Carries what the registry said, so callers can tell "not found"
 * (404 with Confluent error code 40401/40403) from "incompatible" (409) from "unreachable" (status -1).
 */
public class SchemaRegistryException extends RuntimeException {
    /** Confluent's error codes the serdes react to. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;

    private final String url;
    private final int status;
    private final int errorCode;
    private final String registryMessage;

    public SchemaRegistryException(String url, int status, int errorCode, String registryMessage, Throwable cause) {
        super(describe(url, status, errorCode, registryMessage), cause);
        this.url = url;
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    private static String describe(String url, int status, int errorCode, String registryMessage) {
        if (status < 0) return "Schema registry " + url + " failed: " + registryMessage;
        return "Schema registry " + url + " answered HTTP " + status
                + (errorCode > 0 ? ", error_code " + errorCode : "") + ": " + registryMessage;
    }

    /** The request URL (or the registry base URL when no request was made). */
    public String url() {
        return url;
    }

    /** HTTP status, or -1 when no answer came back (connection refused, timeout, interrupted). */
    public int status() {
        return status;
    }

    /** Confluent's {@code error_code} from the answer body, or -1 when there was none. */
    public int errorCode() {
        return errorCode;
    }

    public String registryMessage() {
        return registryMessage;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
