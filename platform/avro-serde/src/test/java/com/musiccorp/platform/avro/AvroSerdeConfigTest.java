package com.musiccorp.platform.avro;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeConfigTest {

    @Test
    void defaultsFollowConfluentExceptSubjectNamingWhichIsRecordName() {
        AvroSerdeConfig c = AvroSerdeConfig.parse(Map.of("schema.registry.url", "http://a:8081/, http://b:8081"));
        assertThat(c.registry().urls()).containsExactly(URI.create("http://a:8081"), URI.create("http://b:8081"));
        assertThat(c.autoRegisterSchemas()).isTrue();
        assertThat(c.useLatestVersion()).isFalse();
        assertThat(c.specificAvroReader()).isFalse();
        assertThat(c.latestCacheTtl()).isNull();
        assertThat(c.subjectNameStrategy(false)).isEqualTo(SubjectNameStrategy.RECORD);
        assertThat(c.subjectNameStrategy(true)).isEqualTo(SubjectNameStrategy.RECORD);
        assertThat(c.readerSchema()).isNull();
    }

    @Test
    void readsConfluentKeysGivenAsStringsOrTypedValues() {
        AvroSerdeConfig c = AvroSerdeConfig.parse(Map.of(
                "schema.registry.url", "http://r:8081",
                "auto.register.schemas", "false",
                "use.latest.version", true,
                "latest.cache.ttl.sec", "60",
                "specific.avro.reader", "true",
                "key.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicNameStrategy",
                "value.subject.name.strategy", "topic_record",
                "http.connect.timeout.ms", 1500,
                "http.read.timeout.ms", "2500",
                "max.retries", "1"));
        assertThat(c.autoRegisterSchemas()).isFalse();
        assertThat(c.useLatestVersion()).isTrue();
        assertThat(c.latestCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.specificAvroReader()).isTrue();
        assertThat(c.subjectNameStrategy(true)).isEqualTo(SubjectNameStrategy.TOPIC);
        assertThat(c.subjectNameStrategy(false)).isEqualTo(SubjectNameStrategy.TOPIC_RECORD);
        assertThat(c.registry().connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.registry().requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.registry().maxRetries()).isEqualTo(1);
    }

    @Test
    void basicAuthFromUserInfo() {
        AvroSerdeConfig c = AvroSerdeConfig.parse(Map.of("schema.registry.url", "http://r:8081",
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "fred:secret"));
        assertThat(c.registry().userInfo()).isEqualTo("fred:secret");
    }

    @Test
    void registryConfigAddsTheBasicAuthKeysOnlyWithCredentials() {
        assertThat(AvroSerdeConfig.parse(AvroSerdeConfig.registryConfig("http://r:8081", "fred:secret")).registry().userInfo())
                .isEqualTo("fred:secret");
        assertThat(AvroSerdeConfig.registryConfig("http://r:8081", null)).containsOnlyKeys("schema.registry.url");
        assertThat(AvroSerdeConfig.registryConfig("http://r:8081", " ")).containsOnlyKeys("schema.registry.url");
    }

    @Test
    void aMissingUrlOrBadValueIsAConfigError() {
        assertThatThrownBy(() -> AvroSerdeConfig.parse(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url").hasMessageContaining("required");
        assertThatThrownBy(() -> AvroSerdeConfig.parse(Map.of("schema.registry.url", "http://r", "auto.register.schemas", "yes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas");
        assertThatThrownBy(() -> AvroSerdeConfig.parse(Map.of("schema.registry.url", "http://r", "avro.reader.schema", "{nope")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("avro.reader.schema");
    }
}
