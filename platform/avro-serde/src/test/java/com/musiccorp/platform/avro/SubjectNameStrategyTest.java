package com.musiccorp.platform.avro;

import com.musiccorp.platform.avro.testevents.TrackPurchased;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectNameStrategyTest {
    private static final Schema SCHEMA = TrackPurchased.getClassSchema();
    private static final String KEY = AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY;

    @Test
    void acceptsConfluentClassNamesAndShortNames() {
        assertThat(SubjectNameStrategy.parse(KEY, "io.confluent.kafka.serializers.subject.TopicNameStrategy")).isEqualTo(SubjectNameStrategy.TOPIC);
        assertThat(SubjectNameStrategy.parse(KEY, "io.confluent.kafka.serializers.subject.RecordNameStrategy")).isEqualTo(SubjectNameStrategy.RECORD);
        assertThat(SubjectNameStrategy.parse(KEY, "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")).isEqualTo(SubjectNameStrategy.TOPIC_RECORD);
        assertThat(SubjectNameStrategy.parse(KEY, "topic")).isEqualTo(SubjectNameStrategy.TOPIC);
        assertThat(SubjectNameStrategy.parse(KEY, "record")).isEqualTo(SubjectNameStrategy.RECORD);
        assertThat(SubjectNameStrategy.parse(KEY, " topic_record ")).isEqualTo(SubjectNameStrategy.TOPIC_RECORD);
        assertThat(SubjectNameStrategy.parse(KEY, "RecordNameStrategy")).isEqualTo(SubjectNameStrategy.RECORD);
    }

    @Test
    void unknownNamesFailListingTheAcceptedOnes() {
        assertThatThrownBy(() -> SubjectNameStrategy.parse(KEY, "com.example.MyStrategy"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(KEY)
                .hasMessageContaining("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")
                .hasMessageContaining("topic_record");
    }

    @Test
    void namesSubjectsLikeConfluent() {
        String name = "com.musiccorp.platform.avro.testevents.TrackPurchased";
        assertThat(SubjectNameStrategy.TOPIC.subject("purchases", false, SCHEMA)).isEqualTo("purchases-value");
        assertThat(SubjectNameStrategy.TOPIC.subject("purchases", true, SCHEMA)).isEqualTo("purchases-key");
        assertThat(SubjectNameStrategy.RECORD.subject("purchases", false, SCHEMA)).isEqualTo(name);
        assertThat(SubjectNameStrategy.TOPIC_RECORD.subject("purchases", false, SCHEMA)).isEqualTo("purchases-" + name);
    }

    @Test
    void recordNamingNeedsARecordSchema() {
        assertThatThrownBy(() -> SubjectNameStrategy.RECORD.subject("t", true, Schema.create(Schema.Type.STRING)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("STRING");
    }
}
