package com.musiccorp.platform.streams;

import com.musiccorp.platform.avro.AvroSerdeConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** REGISTRY_USER_INFO reaches every context's serdes as Confluent's basic-auth keys, and no log line. */
class RegistryCredentialsTest {
    private static final Map<String, String> ENV = Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:1",
            "SCHEMA_REGISTRY_URL", "http://localhost:1", "STATE_DIR", Path.of("target/credentials").toString());

    @Test
    void theSerdesSendTheRegistryUserInfoWhenItIsSet() {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("REGISTRY_USER_INFO", "musiccorp:pa55");
        ContextSettings settings = ContextSettings.from("credentialed", env);

        Properties props = StreamsSettings.forContext(settings);

        assertThat(props.get(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE)).isEqualTo("USER_INFO");
        assertThat(serdeConfig(props).registry().userInfo()).isEqualTo("musiccorp:pa55");
        assertThat(settings.toString()).doesNotContain("pa55");
    }

    @Test
    void withoutItTheSerdesSendNone() {
        Properties props = StreamsSettings.forContext(ContextSettings.from("anonymous", ENV));

        assertThat(props).doesNotContainKeys(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, AvroSerdeConfig.BASIC_AUTH_USER_INFO);
        assertThat(serdeConfig(props).registry().userInfo()).isNull();
    }

    private static AvroSerdeConfig serdeConfig(Properties props) {
        Map<String, Object> config = new HashMap<>();
        props.forEach((k, v) -> config.put(String.valueOf(k), v));
        return AvroSerdeConfig.parse(config);
    }
}
