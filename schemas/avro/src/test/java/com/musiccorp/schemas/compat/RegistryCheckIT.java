package com.musiccorp.schemas.compat;

import static com.musiccorp.schemas.compat.SchemaWorkspace.GIFT_WRAP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The same check against a live Confluent-compatible registry: the project's own, on a real broker. */
class RegistryCheckIT {
  private static final String ORDER_COMPLETED = "com.musiccorp.events.OrderCompleted";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false);
  static SchemaRegistryServer registry;

  @BeforeAll
  static void startRegistry(@TempDir Path released) throws Exception {
    registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
    // Released in the registry: v1 of the fixture event, at BACKWARD_TRANSITIVE.
    Schema v1 = SchemaWorkspace.create(released).current("GiftWrapRequested/v1").catalog().schema(GIFT_WRAP).orElseThrow();
    call("PUT", "/config/" + GIFT_WRAP, Map.of("compatibility", "BACKWARD_TRANSITIVE"));
    call("POST", "/subjects/" + GIFT_WRAP + "/versions", Map.of("schema", v1.toString()));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) registry.close();
  }

  @Test
  void anIncompatibleChangeFailsWithTheRegistrysReasonAndAnUnknownSubjectIsNew(@TempDir Path root) throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root).realEvent("OrderCompleted")
        .current("GiftWrapRequested/v3-message-required");

    SchemaWorkspace.CliRun run = workspace.cli("check", "--registry-url", registry.url() + "/");

    assertThat(run.exitCode()).isEqualTo(SchemaCompatibilityCli.INCOMPATIBLE);
    assertThat(run.out()).contains("INCOMPATIBLE  " + GIFT_WRAP, "READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("NEW           " + ORDER_COMPLETED);
  }

  @Test
  void aCompatibleChangePasses(@TempDir Path root) throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root).current("GiftWrapRequested/v2-message-with-default");

    SchemaWorkspace.CliRun run = workspace.cli("check", "--registry-url", registry.url());

    assertThat(run.exitCode()).as(run.out()).isEqualTo(SchemaCompatibilityCli.OK);
    assertThat(run.out()).contains("OK            " + GIFT_WRAP);
  }

  @Test
  void theClientSendsTheFullyResolvedSchema(@TempDir Path root) throws Exception {
    Schema schema = SchemaWorkspace.create(root).current("GiftWrapRequested/v1").catalog().schema(GIFT_WRAP).orElseThrow();

    SubjectReport report = new RegistryCompatibilityClient(URI.create(registry.url())).check(GIFT_WRAP, schema);

    assertThat(report.status()).isEqualTo(SubjectReport.Status.OK);
    var latest = JSON.readTree(call("GET", "/subjects/" + GIFT_WRAP + "/versions/latest", null));
    assertThat(new Schema.Parser().parse(latest.get("schema").asText())).isEqualTo(schema);
  }

  private static String call(String method, String path, Map<String, String> body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }
}
