package com.musiccorp.platform.avro;

import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The project's real schema registry, on a free port, storing into the broker of the given
 * {@link KafkaBrokerExtension}. Register it after (with a higher {@code @Order} than) the broker.
 * Use {@code new KafkaBrokerExtension(false)}: when the extension has just created the catalog's
 * {@code _schemas}, the registry's own topic check can race the broker's metadata and fail with
 * UnknownTopicOrPartitionException.
 */
final class SchemaRegistryExtension implements BeforeAllCallback, AfterAllCallback {
    private final KafkaBrokerExtension kafka;
    private SchemaRegistryServer server;

    SchemaRegistryExtension(KafkaBrokerExtension kafka) {
        this.kafka = kafka;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) server.close();
    }

    String url() {
        return server.url();
    }
}
