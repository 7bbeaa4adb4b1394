package com.musiccorp.platform.registry;

import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.registry.RegistryHttp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static com.musiccorp.platform.registry.RegistryHttp.JSON;
import static com.musiccorp.platform.registry.RegistryHttp.record;
import static com.musiccorp.platform.registry.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Confluent's basic-auth convention over HTTP: two registries configured from the environment, one
 * with {@code REGISTRY_USER_INFO} (changes need it), one also with {@code REGISTRY_AUTH_READS=true}.
 */
class BasicAuthTest {
    private static final String USER_INFO = "registry-admin:s3cret:with-colon";

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false);

    private static SchemaRegistryServer changesOnly;
    private static SchemaRegistryServer everything;
    private static RegistryHttp anonymous;
    private static RegistryHttp admin;

    @BeforeAll
    static void start() {
        changesOnly = SchemaRegistryServer.start(RegistrySettings.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "REGISTRY_PORT", "0",
                "REGISTRY_TOPIC", "_schemas_auth_changes", "REGISTRY_USER_INFO", USER_INFO)));
        everything = SchemaRegistryServer.start(RegistrySettings.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "REGISTRY_PORT", "0",
                "REGISTRY_TOPIC", "_schemas_auth_all", "REGISTRY_USER_INFO", USER_INFO, "REGISTRY_AUTH_READS", "true")));
        anonymous = new RegistryHttp(changesOnly.url());
        admin = anonymous.withUserInfo(USER_INFO);
    }

    @AfterAll
    static void stop() {
        if (changesOnly != null) changesOnly.close();
        if (everything != null) everything.close();
    }

    @Test
    void anAnonymousRegistrationIs401InConfluentsShapeAndRegistersNothing() {
        Reply reply = anonymous.register("anonymous-value", record("Anonymous", "a:string"));

        assertUnauthorized(reply);
        assertThat(reply.message()).contains("basic");
        assertThat(admin.get("/subjects").body()).doesNotContain("anonymous-value");
    }

    @Test
    void wrongCredentialsAre401() {
        String schema = record("Wrong", "a:string");
        assertUnauthorized(anonymous.withUserInfo("registry-admin:s3cret").register("wrong-value", schema));
        assertUnauthorized(anonymous.withUserInfo("someone:s3cret:with-colon").register("wrong-value", schema));
        assertUnauthorized(anonymous.withUserInfo(USER_INFO + "x").register("wrong-value", schema));
        assertUnauthorized(anonymous.send(java.net.http.HttpRequest.newBuilder(anonymous.uri("/subjects/wrong-value/versions"))
                .header("Authorization", "Bearer " + USER_INFO).header("Content-Type", RegistryHttp.V1)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(schemaBody(schema).toString()))));
        assertThat(admin.get("/subjects").body()).doesNotContain("wrong-value");
    }

    @Test
    void theRightCredentialsRegister() {
        Reply reply = admin.register("right-value", record("Right", "a:string"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.id()).isPositive();
        assertThat(anonymous.get("/subjects/right-value/versions").body()).isEqualTo("[1]");
    }

    @Test
    void readsStayOpenByDefault() {
        String schema = record("Readable", "a:string");
        int id = admin.registerOk("readable-value", schema);

        assertThat(anonymous.get("/subjects").status()).isEqualTo(200);
        assertThat(anonymous.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(anonymous.get("/config").status()).isEqualTo(200);
        assertThat(anonymous.post("/subjects/readable-value", schemaBody(schema)).id()).as("lookup").isEqualTo(id);
        assertThat(anonymous.post("/compatibility/subjects/readable-value/versions/latest", schemaBody(schema)).json()
                .path("is_compatible").asBoolean()).isTrue();
    }

    @Test
    void everyOtherChangeIsRefusedAnonymouslyAndChangesNothing() {
        admin.registerOk("kept-value", record("Kept", "a:string"));
        var level = JSON.createObjectNode().put("compatibility", "NONE");
        var mode = JSON.createObjectNode().put("mode", "READONLY");

        assertUnauthorized(anonymous.delete("/subjects/kept-value"));
        assertUnauthorized(anonymous.delete("/subjects/kept-value/versions/1"));
        assertUnauthorized(anonymous.delete("/subjects/kept-value/versions/1?permanent=true"));
        assertUnauthorized(anonymous.put("/config", level));
        assertUnauthorized(anonymous.delete("/config"));
        assertUnauthorized(anonymous.put("/config/kept-value", level));
        assertUnauthorized(anonymous.delete("/config/kept-value"));
        assertUnauthorized(anonymous.put("/mode", mode));
        assertUnauthorized(anonymous.put("/mode/kept-value", mode));
        assertUnauthorized(anonymous.delete("/mode/kept-value"));

        assertThat(anonymous.get("/subjects/kept-value/versions").body()).isEqualTo("[1]");
        assertThat(anonymous.get("/config").json().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(anonymous.get("/mode").json().path("mode").asText()).isEqualTo("READWRITE");
        assertThat(admin.put("/config/kept-value", level).status()).as("the same change with credentials").isEqualTo(200);
        assertThat(admin.delete("/config/kept-value").status()).isEqualTo(200);
    }

    @Test
    void withAuthReadsEveryRequestButHealthNeedsCredentials() {
        RegistryHttp stranger = new RegistryHttp(everything.url());
        RegistryHttp owner = stranger.withUserInfo(USER_INFO);

        assertUnauthorized(stranger.get("/subjects"));
        assertUnauthorized(stranger.get("/config"));
        assertUnauthorized(stranger.post("/subjects/any-value", schemaBody(record("Any", "a:string"))));
        assertUnauthorized(stranger.withUserInfo("registry-admin:guess").get("/subjects"));
        assertThat(owner.get("/subjects").status()).isEqualTo(200);
        assertThat(owner.register("any-value", record("Any", "a:string")).status()).isEqualTo(200);
        assertThat(stranger.get("/health").status()).isEqualTo(200);
    }

    @Test
    void settingsRefuseUserInfoWithoutAPasswordAndNeverPrintIt() {
        assertThatThrownBy(() -> RegistrySettings.fromEnvironment(Map.of("REGISTRY_USER_INFO", "just-a-user")))
                .hasMessageContaining("REGISTRY_USER_INFO");
        assertThat(RegistrySettings.fromEnvironment(Map.of("REGISTRY_USER_INFO", USER_INFO)).toString())
                .contains("registry-admin").doesNotContain("s3cret");
        assertThat(RegistrySettings.fromEnvironment(Map.of()).userInfo()).as("unset: no authentication").isNull();
    }

    private static void assertUnauthorized(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.errorCode()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.message()).as(reply.toString()).startsWith("Unauthorized");
        assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"schema-registry\"");
    }
}
