package com.musiccorp.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * A fresh real Kafka broker per test class, on free loopback ports, with the catalog's topics.
 * Use as {@code @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();}
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private final boolean provisionCatalog;
    private EmbeddedKafkaBroker broker;

    public KafkaBrokerExtension() {
        this(true);
    }

    public KafkaBrokerExtension(boolean provisionCatalog) {
        this.provisionCatalog = provisionCatalog;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedKafkaBroker.builder().build().start();
        if (provisionCatalog) {
            try (Admin admin = Admin.create(broker.clientConfig())) {
                new TopicProvisioner(admin).ensure(TopicCatalog.all());
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) broker.close();
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers()));
    }
}
