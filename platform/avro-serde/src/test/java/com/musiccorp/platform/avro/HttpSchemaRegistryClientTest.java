package com.musiccorp.platform.avro;

import com.musiccorp.platform.avro.testevents.OrderPlaced;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import static com.musiccorp.platform.avro.TestEvents.TRACK_PURCHASED_V1;
import static com.musiccorp.platform.avro.TestEvents.TRACK_PURCHASED_V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The registry client against the project's real registry. */
class HttpSchemaRegistryClientTest {
    @RegisterExtension @Order(1)
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false); // the registry creates its own topic
    @RegisterExtension @Order(2)
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension(kafka);

    private static final AtomicInteger subjects = new AtomicInteger();
    private HttpSchemaRegistryClient client;
    private String subject;

    @BeforeEach
    void setUp() {
        client = new HttpSchemaRegistryClient(registry.url());
        subject = "client-test-" + subjects.incrementAndGet() + "-value";
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void registerIsIdempotentAndLookupFindsTheSameId() {
        int id = client.register(subject, TRACK_PURCHASED_V1);
        assertThat(client.register(subject, TRACK_PURCHASED_V1)).isEqualTo(id);
        try (HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(registry.url())) { // no cached answers
            assertThat(fresh.lookupId(subject, TRACK_PURCHASED_V1)).isEqualTo(id);
            assertThat(fresh.register(subject, TRACK_PURCHASED_V1)).isEqualTo(id);
            assertThat(fresh.getById(id)).isEqualTo(TRACK_PURCHASED_V1);
        }
        assertThat(client.listSubjects()).contains(subject);
    }

    @Test
    void latestFollowsNewVersions() {
        int v1 = client.register(subject, TRACK_PURCHASED_V1);
        assertThat(client.latest(subject)).isEqualTo(new RegisteredSchema(subject, v1, 1, TRACK_PURCHASED_V1));
        int v2 = client.register(subject, TRACK_PURCHASED_V2);
        assertThat(client.latest(subject)).isEqualTo(new RegisteredSchema(subject, v2, 2, TRACK_PURCHASED_V2));
        assertThat(v2).isNotEqualTo(v1);
    }

    @Test
    void compatibilityIsCheckedAtTheConfiguredLevel() {
        client.register(subject, TRACK_PURCHASED_V1);
        assertThat(client.testCompatibility(subject, TRACK_PURCHASED_V2)).isTrue();
        assertThat(client.testCompatibility(subject, OrderPlaced.getClassSchema())).isFalse();
        assertThat(client.testCompatibility("never-registered-value", OrderPlaced.getClassSchema())).isTrue();

        SchemaRegistryException refused = catchThrowableOfType(SchemaRegistryException.class,
                () -> client.register(subject, OrderPlaced.getClassSchema()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.url()).isEqualTo(registry.url() + "/subjects/" + subject + "/versions");
    }

    @Test
    void compatibilityLevelPerSubjectFallsBackToGlobal() {
        String global = client.getCompatibility(null);
        assertThat(global).isNotBlank();
        client.register(subject, TRACK_PURCHASED_V1);
        assertThat(client.getCompatibility(subject)).isEqualTo(global);

        assertThat(client.setCompatibility(subject, "NONE")).isEqualTo("NONE");
        assertThat(client.getCompatibility(subject)).isEqualTo("NONE");
        assertThat(client.testCompatibility(subject, OrderPlaced.getClassSchema())).isTrue();
        assertThat(client.getCompatibility(null)).isEqualTo(global);
    }

    @Test
    void unknownIdIsA404WithConfluentsErrorCode() {
        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> client.getById(987_654));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertThat(e.isNotFound()).isTrue();
    }

    @Test
    void usesTheFirstReachableUrl() throws IOException {
        int id = client.register(subject, TRACK_PURCHASED_V1);
        String dead = "http://127.0.0.1:" + HttpSchemaRegistryClientUnreachableTest.closedPort();
        try (HttpSchemaRegistryClient failover = new HttpSchemaRegistryClient(dead + "," + registry.url())) {
            assertThat(failover.getById(id)).isEqualTo(TRACK_PURCHASED_V1);
            assertThat(failover.latest(subject).id()).isEqualTo(id);
        }
    }
}
