package com.musiccorp.platform.avro;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.config.ConfigException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The serdes' settings, read from the Kafka client config map under Confluent's key names so an
 * existing Confluent configuration works unchanged. Unknown keys are ignored (the map also holds
 * every producer/consumer/Streams setting).
 */
public record AvroSerdeConfig(RegistryClientOptions registry,
                              boolean autoRegisterSchemas,
                              boolean useLatestVersion,
                              Duration latestCacheTtl,
                              boolean specificAvroReader,
                              SubjectNameStrategy keySubjectNameStrategy,
                              SubjectNameStrategy valueSubjectNameStrategy,
                              Schema readerSchema) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Confluent's deprecated spelling, still seen in old configs. */
    public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    /** Not a Confluent key: a fixed reader schema (JSON) for the deserializer, for generic tolerant reading. */
    public static final String AVRO_READER_SCHEMA = "avro.reader.schema";

    /** Several event types share a topic here, so each gets its own history: subject = record full name. */
    public static final SubjectNameStrategy DEFAULT_SUBJECT_NAME_STRATEGY = SubjectNameStrategy.RECORD;

    /**
     * The settings that reach a registry: its URL, and Confluent's basic-auth keys when
     * {@code userInfo} ({@code user:password}) is set. Mutable, for callers to add their own.
     */
    public static Map<String, Object> registryConfig(String url, String userInfo) {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(SCHEMA_REGISTRY_URL, url);
        if (userInfo != null && !userInfo.isBlank()) {
            config.put(BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
            config.put(BASIC_AUTH_USER_INFO, userInfo);
        }
        return config;
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return isKey ? keySubjectNameStrategy : valueSubjectNameStrategy;
    }

    public static AvroSerdeConfig parse(Map<String, ?> configs) {
        Object urls = configs.get(SCHEMA_REGISTRY_URL);
        if (urls == null || String.valueOf(urls).isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, urls,
                    "is required: the schema registry base URL(s), comma-separated, e.g. http://localhost:8081");
        }
        String urlList = urls instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : urls.toString();
        RegistryClientOptions defaults;
        try {
            defaults = RegistryClientOptions.of(urlList);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, urls, e.getMessage());
        }
        RegistryClientOptions registry = defaults
                .withTimeouts(millis(configs, HTTP_CONNECT_TIMEOUT_MS, defaults.connectTimeout()),
                        millis(configs, HTTP_READ_TIMEOUT_MS, defaults.requestTimeout()))
                .withRetries((int) number(configs, MAX_RETRIES, defaults.maxRetries()),
                        millis(configs, RETRIES_WAIT_MS, defaults.retryWait()),
                        millis(configs, RETRIES_MAX_WAIT_MS, defaults.maxRetryWait()))
                .withCacheCapacity((int) number(configs, MAX_SCHEMAS_PER_SUBJECT, defaults.cacheCapacity()))
                .withUserInfo(userInfo(configs));

        long ttlSec = number(configs, LATEST_CACHE_TTL_SEC, -1);
        return new AvroSerdeConfig(registry,
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, USE_LATEST_VERSION, false),
                ttlSec < 0 ? null : Duration.ofSeconds(ttlSec),
                bool(configs, SPECIFIC_AVRO_READER, false),
                strategy(configs, KEY_SUBJECT_NAME_STRATEGY),
                strategy(configs, VALUE_SUBJECT_NAME_STRATEGY),
                readerSchema(configs));
    }

    private static String userInfo(Map<String, ?> configs) {
        Object source = configs.get(BASIC_AUTH_CREDENTIALS_SOURCE);
        String src = source == null ? "URL" : source.toString().trim().toUpperCase(java.util.Locale.ROOT);
        return switch (src) {
            case "URL" -> null; // credentials, if any, are inside the URL
            case "USER_INFO" -> {
                Object info = configs.containsKey(BASIC_AUTH_USER_INFO)
                        ? configs.get(BASIC_AUTH_USER_INFO) : configs.get(SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO);
                if (info == null) {
                    throw new ConfigException(BASIC_AUTH_USER_INFO, null, "is required when " + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO");
                }
                yield info.toString();
            }
            default -> throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source, "only URL and USER_INFO are supported");
        };
    }

    private static SubjectNameStrategy strategy(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        return value == null ? DEFAULT_SUBJECT_NAME_STRATEGY : SubjectNameStrategy.parse(key, value);
    }

    private static Schema readerSchema(Map<String, ?> configs) {
        Object value = configs.get(AVRO_READER_SCHEMA);
        if (value == null) return null;
        if (value instanceof Schema s) return s;
        try {
            return new Schema.Parser().parse(value.toString());
        } catch (SchemaParseException e) {
            throw new ConfigException(AVRO_READER_SCHEMA, value, "is not a valid Avro schema: " + e.getMessage());
        }
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean fallback) {
        Object value = configs.get(key);
        if (value == null) return fallback;
        if (value instanceof Boolean b) return b;
        String s = value.toString().trim();
        if (s.equalsIgnoreCase("true")) return true;
        if (s.equalsIgnoreCase("false")) return false;
        throw new ConfigException(key, value, "expected true or false");
    }

    private static long number(Map<String, ?> configs, String key, long fallback) {
        Object value = configs.get(key);
        if (value == null) return fallback;
        if (value instanceof Number n) return n.longValue();
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number");
        }
    }

    private static Duration millis(Map<String, ?> configs, String key, Duration fallback) {
        return Duration.ofMillis(number(configs, key, fallback.toMillis()));
    }
}
