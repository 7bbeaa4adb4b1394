package com.musiccorp.platform.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.metrics.PrometheusScrape;
import com.musiccorp.platform.registry.RegistryHttp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static com.musiccorp.platform.registry.RegistryHttp.JSON;
import static com.musiccorp.platform.registry.RegistryHttp.encode;
import static com.musiccorp.platform.registry.RegistryHttp.record;
import static com.musiccorp.platform.registry.RegistryHttp.schemaBody;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint and every error code of the REST API, over plain HTTP against a real broker. */
class SchemaRegistryHttpTest {
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static SchemaRegistryServer server;
    private static RegistryHttp http;

    /** Per test: a subject and schemas of its own (a schema's id is global, so tests must not share them). */
    private String subject;
    private String track;
    private String V1;
    private String V2;
    private String BREAKS_BACKWARD;

    @BeforeAll
    static void start() {
        server = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
        http = new RegistryHttp(server.url());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void subjectPerTest(TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName();
        subject = name + "-value";
        track = "Track_" + name;
        V1 = record(track, "title:string");
        V2 = record(track, "title:string", "seconds:int=0");
        BREAKS_BACKWARD = record(track, "title:string", "isrc:string");
    }

    // ---- register

    @Test
    void prometheusServesTheRegistrysJvmAndHttpMeters() throws Exception {
        http.registerOk(subject, V1);
        assertThat(PrometheusScrape.assertServed(server.url())).contains("uri=\"/subjects/");
    }

    @Test
    void registeringGivesStableGlobalIds() {
        int id = http.registerOk(subject, V1);
        assertThat(http.register(subject, V1).json()).isEqualTo(JSON.createObjectNode().put("id", id));
        assertThat(http.registerOk(subject, V1.replace(",", ",\n   "))).as("same schema, other whitespace").isEqualTo(id);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");

        assertThat(http.registerOk(subject + "-other", V1)).as("same schema in another subject").isEqualTo(id);
        int v2 = http.registerOk(subject, V2);
        assertThat(v2).isGreaterThan(id);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2]");
        assertThat(http.registerOk(subject, V1)).as("an earlier live version is found, not re-registered").isEqualTo(id);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2]");
    }

    @Test
    void primitiveSchemasRegister() {
        int id = http.registerOk(subject, "\"string\"");
        assertThat(http.get("/schemas/ids/" + id).json().get("schema").asText()).isEqualTo("\"string\"");
    }

    @Test
    void incompatibleRegistrationIs409() {
        http.registerOk(subject, V1);
        Reply reply = http.register(subject, BREAKS_BACKWARD);
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo(409);
        assertThat(reply.message()).startsWith("Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\"").contains("READER_FIELD_MISSING_DEFAULT_VALUE", "{compatibility: 'BACKWARD'}");
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    }

    @Test
    void invalidSchemasAre42201() {
        assertError(http.register(subject, "{\"type\":\"record\",\"name\":\"NoFields\"}"), 422, 42201);
        assertError(http.register(subject, "not json"), 422, 42201);
        assertError(http.register(subject, "{\"type\":\"recrod\",\"name\":\"X\",\"fields\":[]}"), 422, 42201);
        assertError(http.register(subject, record("BadDefault", "n:int=\"x\"")), 422, 42201);
        assertError(http.post("/subjects/" + subject + "/versions", "{}"), 422, 42201);
        assertError(http.post("/subjects/" + subject + "/versions", schemaBody("{\"type\":\"object\"}").put("schemaType", "JSON")), 422, 42201);
        assertError(http.post("/subjects/" + subject + "/versions", schemaBody("syntax = \"proto3\";").put("schemaType", "PROTOBUF")), 422, 42201);
        ObjectNode withReference = schemaBody(V1);
        withReference.putArray("references").addObject().put("name", "X").put("subject", "x").put("version", 1);
        assertError(http.post("/subjects/" + subject + "/versions", withReference), 422, 42201);
        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(V1).put("schemaType", "AVRO")).status()).isEqualTo(200);
        assertError(http.get("/subjects/" + subject + "/versions/2"), 404, 40402);
    }

    // ---- lookup

    @Test
    void lookupFindsTheVersionOfASchema() {
        int id = http.registerOk(subject, V1);
        http.registerOk(subject, V2);
        Reply found = http.post("/subjects/" + subject, schemaBody(V1.replace(":", " : ")));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).isEqualTo(JSON.createObjectNode()
                .put("subject", subject).put("version", 1).put("id", id).put("schema", V1));

        assertError(http.post("/subjects/no-such-subject", schemaBody(V1)), 404, 40401);
        assertError(http.post("/subjects/" + subject, schemaBody(BREAKS_BACKWARD)), 404, 40403);
        assertError(http.post("/subjects/" + subject, schemaBody("{")), 422, 42201);

        http.delete("/subjects/" + subject + "/versions/1");
        assertError(http.post("/subjects/" + subject, schemaBody(V1)), 404, 40403);
        assertThat(http.post("/subjects/" + subject + "?deleted=true", schemaBody(V1)).json().get("version").asInt()).isEqualTo(1);
    }

    // ---- schemas by id

    @Test
    void schemasById() {
        int id = http.registerOk(subject, V1);
        http.registerOk(subject + "-b", V1);
        http.registerOk(subject + "-b", V2);

        Reply byId = http.get("/schemas/ids/" + id);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json()).isEqualTo(JSON.createObjectNode().put("schema", V1));
        assertThat(http.get("/schemas/ids/" + id + "?fetchMaxId=true").json().get("maxId").asInt()).isGreaterThanOrEqualTo(id + 1);
        assertThat(http.get("/schemas/ids/" + id + "/schema").body()).isEqualTo(V1);
        assertThat(http.get("/schemas/ids/" + id + "/versions").body())
                .isEqualTo("[{\"subject\":\"" + subject + "\",\"version\":1},{\"subject\":\"" + subject + "-b\",\"version\":1}]");
        assertThat(http.get("/schemas/ids/" + id + "/subjects").body()).isEqualTo("[\"" + subject + "\",\"" + subject + "-b\"]");

        http.delete("/subjects/" + subject + "-b/versions/1");
        assertThat(http.get("/schemas/ids/" + id + "/subjects").body()).isEqualTo("[\"" + subject + "\"]");
        assertThat(http.get("/schemas/ids/" + id + "/subjects?deleted=true").body())
                .isEqualTo("[\"" + subject + "\",\"" + subject + "-b\"]");
        assertThat(http.get("/schemas/ids/" + id + "/versions?deleted=true").json()).hasSize(2);

        for (String path : List.of("/schemas/ids/999999", "/schemas/ids/999999/schema", "/schemas/ids/999999/versions",
                "/schemas/ids/999999/subjects", "/schemas/ids/abc")) {
            assertError(http.get(path), 404, 40403);
        }
        assertThat(http.get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void schemaListing() {
        http.registerOk(subject, V1);
        http.registerOk(subject, V2);
        Reply all = http.get("/schemas?subjectPrefix=" + subject);
        assertThat(all.json()).hasSize(2);
        assertThat(all.json().get(1).get("version").asInt()).isEqualTo(2);
        Reply latest = http.get("/schemas?latestOnly=true&subjectPrefix=" + subject);
        assertThat(latest.json()).hasSize(1);
        assertThat(latest.json().get(0).get("schema").asText()).isEqualTo(V2);
    }

    // ---- subjects and versions

    @Test
    void subjectListing() {
        http.registerOk(subject + "-a", V1);
        http.registerOk(subject + "-b", V1);
        assertThat(http.get("/subjects").json()).extracting(n -> n.asText()).contains(subject + "-a", subject + "-b");
        assertThat(http.get("/subjects?subjectPrefix=" + subject).body())
                .isEqualTo("[\"" + subject + "-a\",\"" + subject + "-b\"]");
        http.delete("/subjects/" + subject + "-b");
        assertThat(http.get("/subjects?subjectPrefix=" + subject).body()).isEqualTo("[\"" + subject + "-a\"]");
        assertThat(http.get("/subjects?deleted=true&subjectPrefix=" + subject).body())
                .isEqualTo("[\"" + subject + "-a\",\"" + subject + "-b\"]");
    }

    @Test
    void readingVersions() {
        int v1 = http.registerOk(subject, V1);
        int v2 = http.registerOk(subject, V2);
        String base = "/subjects/" + subject + "/versions";
        assertThat(http.get(base).body()).isEqualTo("[1,2]");
        assertThat(http.get(base + "/1").json()).isEqualTo(JSON.createObjectNode()
                .put("subject", subject).put("version", 1).put("id", v1).put("schema", V1));
        assertThat(http.get(base + "/latest").json().get("id").asInt()).isEqualTo(v2);
        assertThat(http.get(base + "/-1").json().get("version").asInt()).isEqualTo(2);
        assertThat(http.get(base + "/2/schema").body()).isEqualTo(V2);
        assertThat(http.get(base + "/latest/schema").body()).isEqualTo(V2);
        assertThat(http.get(base + "/2/referencedby").body()).isEqualTo("[]");

        assertError(http.get("/subjects/no-such-subject/versions"), 404, 40401);
        assertError(http.get("/subjects/no-such-subject/versions/1"), 404, 40401);
        assertError(http.get("/subjects/no-such-subject/versions/latest"), 404, 40401);
        assertError(http.get(base + "/3"), 404, 40402);
        assertError(http.get(base + "/3/schema"), 404, 40402);
        for (String bad : List.of("abc", "0", "-2", "1.5", "99999999999")) assertError(http.get(base + "/" + bad), 422, 42202);

        http.delete(base + "/2");
        assertError(http.get(base + "/2"), 404, 40402);
        assertThat(http.get(base + "/2?deleted=true").json().get("id").asInt()).isEqualTo(v2);
        assertThat(http.get(base + "/latest").json().get("version").asInt()).isEqualTo(1);
        assertThat(http.get(base + "?deleted=true").body()).isEqualTo("[1,2]");
    }

    @Test
    void subjectsWithSpecialCharacters() {
        String odd = subject + " with/slash:colon";
        int id = http.registerOk(odd, V1);
        assertThat(http.get("/subjects/" + encode(odd) + "/versions/1").json().get("subject").asText()).isEqualTo(odd);
        assertThat(http.get("/schemas/ids/" + id + "/subjects").json().get(0).asText()).isEqualTo(odd);
    }

    // ---- compatibility

    @Test
    void compatibilityTests() {
        String base = "/compatibility/subjects/" + subject + "/versions";
        assertThat(http.post(base + "/latest", schemaBody(V1)).json())
                .as("a subject without versions accepts anything").isEqualTo(JSON.createObjectNode().put("is_compatible", true));
        http.registerOk(subject, V1);
        http.registerOk(subject, V2);

        assertThat(http.post(base + "/latest", schemaBody(record(track, "title:string", "seconds:int=0", "x:int=1"))).json())
                .isEqualTo(JSON.createObjectNode().put("is_compatible", true));
        Reply verboseOk = http.post(base + "/latest?verbose=true", schemaBody(V2));
        assertThat(verboseOk.body()).isEqualTo("{\"is_compatible\":true,\"messages\":[]}");

        Reply no = http.post(base + "/latest", schemaBody(BREAKS_BACKWARD));
        assertThat(no.body()).isEqualTo("{\"is_compatible\":false}");
        Reply verbose = http.post(base + "/1?verbose=true", schemaBody(BREAKS_BACKWARD));
        assertThat(verbose.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.json().get("messages")).extracting(n -> n.asText())
                .anySatisfy(m -> assertThat(m).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("isrc"))
                .contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD'}");
        assertThat(http.post(base, schemaBody(V2)).json().get("is_compatible").asBoolean()).as("against all versions").isTrue();

        assertError(http.post(base + "/7", schemaBody(V1)), 404, 40402);
        assertError(http.post("/compatibility/subjects/no-such-subject/versions/1", schemaBody(V1)), 404, 40401);
        assertError(http.post(base + "/zero", schemaBody(V1)), 422, 42202);
        assertError(http.post(base + "/latest", schemaBody("{\"type\":")), 422, 42201);
    }

    @Test
    void transitiveLevelsCheckTheWholeHistory() {
        http.put("/config/" + subject, Map.of("compatibility", "FORWARD"));
        http.registerOk(subject, record(track, "title:string"));
        http.registerOk(subject, record(track, "title:string=\"\"", "seconds:int=0"));
        String dropsTitle = record(track, "seconds:int=0");
        assertThat(http.post("/compatibility/subjects/" + subject + "/versions", schemaBody(dropsTitle))
                .json().get("is_compatible").asBoolean()).as("FORWARD looks at the latest version only").isTrue();

        http.put("/config/" + subject, Map.of("compatibility", "FORWARD_TRANSITIVE"));
        assertError(http.register(subject, dropsTitle), 409, 409);
        http.put("/config/" + subject, Map.of("compatibility", "FORWARD"));
        assertThat(http.registerOk(subject, dropsTitle)).isPositive();
    }

    // ---- config

    @Test
    void globalConfig() {
        assertThat(http.get("/config").json()).isEqualTo(JSON.createObjectNode().put("compatibilityLevel", "BACKWARD"));
        try {
            assertThat(http.put("/config", Map.of("compatibility", "full")).json())
                    .isEqualTo(JSON.createObjectNode().put("compatibility", "FULL"));
            assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
            assertError(http.put("/config", Map.of("compatibility", "SIDEWAYS")), 422, 42203);
            assertError(http.put("/config", Map.of()), 422, 42203);
            assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(http.delete("/config").json()).isEqualTo(JSON.createObjectNode().put("compatibilityLevel", "FULL"));
            assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        } finally {
            http.delete("/config");
        }
    }

    @Test
    void subjectConfig() {
        String path = "/config/" + subject;
        assertError(http.get(path), 404, 40408);
        assertThat(http.get(path).message()).isEqualTo("Subject '" + subject + "' does not have subject-level compatibility configured");
        assertThat(http.get(path + "?defaultToGlobal=true").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertError(http.delete(path), 404, 40401);

        assertThat(http.put(path, Map.of("compatibility", "NONE")).json()).isEqualTo(JSON.createObjectNode().put("compatibility", "NONE"));
        assertThat(http.get(path).json()).isEqualTo(JSON.createObjectNode().put("compatibilityLevel", "NONE"));
        assertError(http.put(path, Map.of("compatibility", "ALMOST")), 422, 42203);

        http.registerOk(subject, V1);
        assertThat(http.registerOk(subject, BREAKS_BACKWARD)).as("NONE accepts anything").isPositive();

        assertThat(http.delete(path).json()).isEqualTo(JSON.createObjectNode().put("compatibilityLevel", "NONE"));
        assertError(http.get(path), 404, 40408);
        assertError(http.register(subject, record(track, "title:int")), 409, 409);
    }

    @Test
    void softDeletingASubjectDropsItsLevel() {
        http.registerOk(subject, V1);
        http.put("/config/" + subject, Map.of("compatibility", "FULL"));
        http.delete("/subjects/" + subject);
        assertError(http.get("/config/" + subject), 404, 40408);
    }

    // ---- mode

    @Test
    void modes() {
        assertThat(http.get("/mode").json()).isEqualTo(JSON.createObjectNode().put("mode", "READWRITE"));
        assertError(http.get("/mode/" + subject), 404, 40409);
        assertThat(http.get("/mode/" + subject + "?defaultToGlobal=true").json().get("mode").asText()).isEqualTo("READWRITE");
        assertThat(http.put("/mode/" + subject, Map.of("mode", "READONLY")).json())
                .isEqualTo(JSON.createObjectNode().put("mode", "READONLY"));
        assertError(http.register(subject, V1), 422, 42205);
        assertError(http.put("/mode/" + subject, Map.of("mode", "IMPORT")), 422, 42204);
        assertError(http.put("/mode", Map.of("mode", "SOMETIMES")), 422, 42204);
        assertThat(http.delete("/mode/" + subject).json().get("mode").asText()).isEqualTo("READONLY");
        assertError(http.delete("/mode/" + subject), 404, 40401);
        assertThat(http.registerOk(subject, V1)).isPositive();
        assertThat(http.put("/mode", Map.of("mode", "READWRITE")).json().get("mode").asText()).isEqualTo("READWRITE");
    }

    // ---- deletes

    @Test
    void deletingVersions() {
        http.registerOk(subject, V1);
        int v2 = http.registerOk(subject, V2);
        String base = "/subjects/" + subject + "/versions";

        assertError(http.delete(base + "/2?permanent=true"), 404, 40407);
        assertThat(http.delete(base + "/2").body()).isEqualTo("2");
        assertError(http.delete(base + "/2"), 404, 40406);
        assertThat(http.delete(base + "/2").message())
                .isEqualTo("Subject '" + subject + "' Version 2 was soft deleted.Set permanent=true to delete permanently");
        assertThat(http.get("/schemas/ids/" + v2).status()).as("soft-deleted ids stay readable").isEqualTo(200);
        assertThat(http.delete(base + "/2?permanent=true").body()).isEqualTo("2");
        assertError(http.get(base + "/2?deleted=true"), 404, 40402);
        assertError(http.delete(base + "/2"), 404, 40402);
        assertError(http.get("/schemas/ids/" + v2), 404, 40403);

        assertError(http.delete(base + "/nope"), 422, 42202);
        assertError(http.delete("/subjects/no-such-subject/versions/1"), 404, 40401);
        assertThat(http.delete(base + "/latest").body()).isEqualTo("1");
        assertError(http.get(base), 404, 40401);

        int again = http.registerOk(subject, V2);
        assertThat(again).as("a hard-deleted id is never handed out again").isGreaterThan(v2);
        assertThat(http.get(base).body()).as("version 1 is still taken by the soft-deleted version").isEqualTo("[2]");
    }

    @Test
    void deletingSubjects() {
        int v1 = http.registerOk(subject, V1);
        http.registerOk(subject, V2);
        assertError(http.delete("/subjects/" + subject + "?permanent=true"), 404, 40405);
        assertThat(http.delete("/subjects/" + subject).body()).isEqualTo("[1,2]");
        assertError(http.delete("/subjects/" + subject), 404, 40404);
        assertThat(http.delete("/subjects/" + subject).message())
                .isEqualTo("Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
        assertError(http.get("/subjects/" + subject + "/versions"), 404, 40401);
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").body()).isEqualTo("[1,2]");
        assertThat(http.get("/schemas/ids/" + v1).status()).isEqualTo(200);

        assertThat(http.registerOk(subject, V1)).as("re-registering after a soft delete keeps the id").isEqualTo(v1);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[3]");
        assertThat(http.delete("/subjects/" + subject).body()).isEqualTo("[3]");

        assertThat(http.delete("/subjects/" + subject + "?permanent=true").body()).isEqualTo("[1,2,3]");
        assertError(http.delete("/subjects/" + subject + "?permanent=true"), 404, 40401);
        assertError(http.delete("/subjects/" + subject), 404, 40401);
        assertThat(http.get("/subjects?deleted=true").json()).extracting(n -> n.asText()).doesNotContain(subject);
        assertError(http.get("/schemas/ids/" + v1), 404, 40403);
    }

    // ---- HTTP details

    @Test
    void contentTypes() {
        for (String type : List.of("application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
                "application/json", "application/octet-stream")) {
            Reply reply = http.send(HttpRequest.newBuilder(http.uri("/subjects/" + subject + "/versions"))
                    .POST(HttpRequest.BodyPublishers.ofString(schemaBody(V1).toString())).header("Content-Type", type));
            assertThat(reply.status()).as(type).isEqualTo(200);
        }
        Reply defaultType = http.send(HttpRequest.newBuilder(http.uri("/subjects")).GET());
        assertThat(defaultType.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        for (String type : List.of("application/vnd.schemaregistry+json", "application/json")) {
            Reply reply = http.send(HttpRequest.newBuilder(http.uri("/subjects")).GET().header("Accept", type));
            assertThat(reply.contentType()).isEqualTo(type);
        }

        Reply form = http.send(HttpRequest.newBuilder(http.uri("/subjects/" + subject + "/versions"))
                .POST(HttpRequest.BodyPublishers.ofString("schema=x")).header("Content-Type", "application/x-www-form-urlencoded"));
        assertError(form, 415, 415);
        assertError(http.post("/subjects/" + subject + "/versions", "{\"schema\":"), 400, 400);
        assertError(http.get("/no/such/path"), 404, 404);
        assertThat(http.get("/no/such/path").message()).isEqualTo("HTTP 404 Not Found");
        assertError(http.put("/subjects", "{}"), 405, 405);
        assertThat(http.get("/subjects/" + subject + "/versions/abc").contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        Reply jsonError = http.send(HttpRequest.newBuilder(http.uri("/subjects/no-such-subject/versions")).GET()
                .header("Accept", "application/json"));
        assertThat(jsonError.contentType()).isEqualTo("application/json");
        assertThat(jsonError.errorCode()).isEqualTo(40401);
    }

    @Test
    void rootHealthAndContexts() {
        assertThat(http.get("/").body()).isEqualTo("{}");
        assertThat(http.get("/health").body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(http.get("/contexts").body()).isEqualTo("[\".\"]");
    }

    private static void assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.errorCode()).as("error_code of %s", reply).isEqualTo(errorCode);
        assertThat(reply.json().path("message").isTextual()).as("message of %s", reply).isTrue();
    }
}
