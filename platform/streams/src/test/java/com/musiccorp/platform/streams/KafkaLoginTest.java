package com.musiccorp.platform.streams;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** A context's Kafka login reaches every client Kafka Streams makes, and no log line; without one nothing changes. */
class KafkaLoginTest {
    private static final Map<String, String> ENV = Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:1",
            "SCHEMA_REGISTRY_URL", "http://localhost:1", "STATE_DIR", Path.of("target/credentials").toString());

    @Test
    void aContextsOwnPasswordLogsInAsTheContext() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("SAGA_STATUS_KAFKA_SASL_PASSWORD", "s3cret");
        env.put("KAFKA_SASL_USERNAME", "someone-else");
        env.put("KAFKA_SASL_PASSWORD", "other");
        ContextSettings settings = ContextSettings.from("saga-status", env);

        Properties props = StreamsSettings.forContext(settings);

        assertThat(props.get("security.protocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(props.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(props.get("sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"saga-status\" password=\"s3cret\";");
        assertThat(StreamsSettings.kafkaConnection(props)).containsEntry("bootstrap.servers", "localhost:1")
                .containsKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
        assertThat(settings.toString()).contains("kafkaLogin=saga-status").doesNotContain("s3cret");
    }

    @Test
    void aProcessOfOneContextMayNameItsLogin() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("KAFKA_SASL_USERNAME", "payments");
        env.put("KAFKA_SASL_PASSWORD", "pa55");

        Properties props = StreamsSettings.forContext(ContextSettings.from("payments", env));

        assertThat((String) props.get("sasl.jaas.config")).contains("username=\"payments\" password=\"pa55\"");
    }

    @Test
    void withoutALoginTheClientsConnectInPlaintext() {
        ContextSettings settings = ContextSettings.from("payments", ENV);
        Properties props = StreamsSettings.forContext(settings);

        assertThat(props).doesNotContainKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
        assertThat(settings.kafkaConnection()).isEqualTo(Map.of("bootstrap.servers", "localhost:1"));
    }
}
