package com.musiccorp.platform.avro;

import com.musiccorp.platform.avro.testevents.TrackPurchased;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.registry.RegistrySettings;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static com.musiccorp.platform.avro.AvroSerdeConfig.AUTO_REGISTER_SCHEMAS;
import static com.musiccorp.platform.avro.AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE;
import static com.musiccorp.platform.avro.AvroSerdeConfig.BASIC_AUTH_USER_INFO;
import static com.musiccorp.platform.avro.AvroSerdeConfig.SPECIFIC_AVRO_READER;
import static com.musiccorp.platform.avro.TestEvents.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The serdes with Confluent's basic-auth keys against a registry that requires them for reads and changes. */
class BasicAuthSerdeTest {
    private static final String USER_INFO = "serde:pa55word";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false);

    private static SchemaRegistryServer registry;

    @BeforeAll
    static void start() {
        registry = SchemaRegistryServer.start(RegistrySettings.defaults(kafka.bootstrapServers())
                .withTopic("_schemas_serde_auth").withUserInfo(USER_INFO).withAuthReads(true));
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    @Test
    void withTheBasicAuthKeysASerializerRegistersAndLooksUpAndADeserializerReads() {
        TrackPurchased event = purchase(1, "web");
        try (AvroSerializer<TrackPurchased> registering = serializer(config(BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                     BASIC_AUTH_USER_INFO, USER_INFO));
             AvroSerializer<TrackPurchased> lookingUp = serializer(config(BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                     BASIC_AUTH_USER_INFO, USER_INFO, AUTO_REGISTER_SCHEMAS, false));
             AvroDeserializer<Object> deserializer = new AvroDeserializer<>()) {
            byte[] bytes = registering.serialize("auth-topic", event);
            assertThat(lookingUp.serialize("auth-topic", event)).isEqualTo(bytes);

            deserializer.configure(config(BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO", BASIC_AUTH_USER_INFO, USER_INFO,
                    SPECIFIC_AVRO_READER, true), false);
            assertThat(deserializer.deserialize("auth-topic", bytes)).isEqualTo(event);
        }
    }

    @Test
    void withoutThemTheErrorSaysWhichKeysToSet() {
        try (AvroSerializer<TrackPurchased> anonymous = serializer(config())) {
            assertThatThrownBy(() -> anonymous.serialize("auth-topic", purchase(2, "web")))
                    .isInstanceOf(SerializationException.class)
                    .rootCause().isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("HTTP 401")
                    .hasMessageContaining("basic.auth.credentials.source=USER_INFO")
                    .hasMessageContaining("basic.auth.user.info");
        }
    }

    @Test
    void aWrongPasswordSaysTheCredentialsWereRefused() {
        try (AvroSerializer<TrackPurchased> wrong = serializer(config(BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                BASIC_AUTH_USER_INFO, "serde:guess"))) {
            assertThatThrownBy(() -> wrong.serialize("auth-topic", purchase(3, "web")))
                    .isInstanceOf(SerializationException.class)
                    .rootCause().hasMessageContaining("HTTP 401").hasMessageContaining("refused the credentials");
        }
    }

    private static AvroSerializer<TrackPurchased> serializer(Map<String, Object> config) {
        AvroSerializer<TrackPurchased> serializer = new AvroSerializer<>();
        serializer.configure(config, false);
        return serializer;
    }

    private static Map<String, Object> config(Object... keyValues) {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        config.put(AvroSerdeConfig.MAX_RETRIES, 0);
        for (int i = 0; i < keyValues.length; i += 2) config.put((String) keyValues[i], keyValues[i + 1]);
        return config;
    }
}
