package com.musiccorp.cli;

import picocli.CommandLine.Option;

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
    }

    static final class Api {
        @Option(names = "--api-url", paramLabel = "URL",
                defaultValue = "${env:MUSICCORP_API_URL:-http://localhost:8080}",
                description = "The one base URL of the views (env MUSICCORP_API_URL; default: ${DEFAULT-VALUE}).")
        String url;
    }

    static final class Output {
        @Option(names = "--json", description = "Print JSON instead of human-readable text.")
        boolean json;
    }
}
