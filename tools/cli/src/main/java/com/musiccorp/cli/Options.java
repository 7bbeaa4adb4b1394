package com.musiccorp.cli;

import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.avro.HttpSchemaRegistryClient;
import com.musiccorp.platform.avro.RegistryClientOptions;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The options commands share, each a picocli mixin so every subcommand's --help lists what it uses. */
final class Options {
    private Options() {
    }

    static final class Kafka {
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
                defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
                description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
        String bootstrapServers;
    }

    static final class Registry {
        @Option(names = "--registry-url", paramLabel = "URL",
                defaultValue = "${env:SCHEMA_REGISTRY_URL:-http://localhost:8081}",
                description = "Schema registry URL (env SCHEMA_REGISTRY_URL; default: ${DEFAULT-VALUE}).")
        String url;

        // Best left to the environment: an argument is visible to every user in the process list.
        @Option(names = "--registry-user-info", paramLabel = "USER:PASSWORD",
                defaultValue = "${env:REGISTRY_USER_INFO}",
                description = "The registry's HTTP basic-auth credentials, Confluent's basic.auth.user.info "
                        + "(env REGISTRY_USER_INFO; default: none).")
        String userInfo;

        /** A registry client sending {@link #userInfo} when it is set. */
        HttpSchemaRegistryClient client() {
            return new HttpSchemaRegistryClient(RegistryClientOptions.of(url).withUserInfo(userInfo()));
        }

        /** Serde settings for this registry: the URL, and Confluent's basic-auth keys when credentials are set. */
        Map<String, Object> serdeConfig() {
            return AvroSerdeConfig.registryConfig(url, userInfo());
        }

        /** {@code Basic base64(user:password)}, or null without credentials. */
        String authorization() {
            return userInfo() == null ? null
                    : "Basic " + Base64.getEncoder().encodeToString(userInfo().getBytes(StandardCharsets.UTF_8));
        }

        String userInfo() {
            return userInfo == null || userInfo.isBlank() ? null : userInfo;
        }
    }

    static final class Api {
        @Option(names = "--api-url", paramLabel = "URL",
                defaultValue = "${env:MUSICCORP_API_URL:-http://localhost:8080}",
                description = "The one base URL of the views (env MUSICCORP_API_URL; default: ${DEFAULT-VALUE}).")
        String url;

        @Option(names = "--token", paramLabel = "TOKEN",
                description = "Bearer token for the API (default: env ADMIN_TOKEN, then OPERATOR_TOKEN, then ADMIN_TOKEN"
                        + " in $MUSICCORP_HOME/credentials.env, which ./musiccorp start writes).")
        String token;

        java.util.Optional<String> token() {
            return ApiToken.resolve(token, System.getenv());
        }
    }

    static final class Output {
        @Option(names = "--json", description = "Print JSON instead of human-readable text.")
        boolean json;
    }
}
