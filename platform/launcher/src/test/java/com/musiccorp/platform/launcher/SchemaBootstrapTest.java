package com.musiccorp.platform.launcher;

import com.musiccorp.platform.avro.HttpSchemaRegistryClient;
import com.musiccorp.platform.avro.SchemaRegistryException;
import com.musiccorp.platform.kafka.EmbeddedKafkaBroker;
import com.musiccorp.platform.registry.RegistrySettings;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.schemas.SubjectCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registering every event schema in a registry that requires REGISTRY_USER_INFO's basic auth. */
class SchemaBootstrapTest {
    private static final String USER_INFO = "launcher:pa55";

    @Test
    void registersWithTheRegistrysCredentialsAndIsRefusedWithout() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             SchemaRegistryServer registry = SchemaRegistryServer.start(
                     RegistrySettings.defaults(broker.bootstrapServers()).withUserInfo(USER_INFO))) {
            assertThatThrownBy(() -> SchemaBootstrap.registerAll(registry.url()))
                    .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("HTTP 401");

            int count = SchemaBootstrap.registerAll(registry.url(), USER_INFO);

            assertThat(count).isEqualTo(SubjectCatalog.fromGeneratedClasses().schemas().size());
            try (var reader = new HttpSchemaRegistryClient(registry.url())) {
                assertThat(reader.listSubjects()).containsAll(SubjectCatalog.fromGeneratedClasses().schemas().keySet());
            }
        }
    }
}
