package com.musiccorp.schemas.compat;

import static com.musiccorp.schemas.compat.SchemaWorkspace.GIFT_WRAP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.schemas.compat.SchemaWorkspace.CliRun;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCompatibilityCliTest {

  private static final String ORDER_COMPLETED = "com.musiccorp.events.OrderCompleted";

  @TempDir Path root;
  private HttpServer registry;

  @AfterEach
  void stopRegistry() {
    if (registry != null) {
      registry.stop(0);
    }
  }

  @Test
  void checkExitsWithOneAndPrintsEachProblemOnAnIncompatibleChange() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root)
        .released("GiftWrapRequested/v1", "GiftWrapRequested/v2-message-with-default")
        .realEvent("OrderCompleted")
        .current("GiftWrapRequested/v3-message-required");

    CliRun run = workspace.cli("check");

    assertThat(run.exitCode()).isEqualTo(SchemaCompatibilityCli.INCOMPATIBLE);
    assertThat(run.out())
        .contains("INCOMPATIBLE  " + GIFT_WRAP + "  (BACKWARD_TRANSITIVE against v2, v1")
        .contains("    v1: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/3")
        .contains("NEW           " + ORDER_COMPLETED)
        .contains("2 subjects checked against released history: 0 OK, 1 NEW, 1 INCOMPATIBLE, 0 ERROR")
        .contains("Schema compatibility check FAILED");
  }

  @Test
  void checkExitsWithZeroWhenEverythingIsCompatible() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root)
        .released("GiftWrapRequested/v1")
        .current("GiftWrapRequested/v2-message-with-default");

    CliRun run = workspace.cli("check");

    assertThat(run.exitCode()).isEqualTo(SchemaCompatibilityCli.OK);
    assertThat(run.out()).contains("OK            " + GIFT_WRAP).doesNotContain("FAILED");
  }

  @Test
  void badArgumentsAndUnreadableSchemasCannotPassAsCompatible() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root).current("GiftWrapRequested/v1");

    assertThat(run()).isEqualTo(SchemaCompatibilityCli.CANNOT_CHECK);
    assertThat(run("verify")).isEqualTo(SchemaCompatibilityCli.CANNOT_CHECK);
    assertThat(run("release", "--registry-url", "http://localhost:1")).isEqualTo(SchemaCompatibilityCli.CANNOT_CHECK);
    assertThat(run("check", "--schemas-dir")).isEqualTo(SchemaCompatibilityCli.CANNOT_CHECK);
    assertThat(workspace.cli("check", "--schemas-dir", root.resolve("typo").toString()).exitCode())
        .isEqualTo(SchemaCompatibilityCli.CANNOT_CHECK);

    // A shared type dropped among the events is a mistake, not an event.
    Files.copy(workspace.schemasDir.resolve("shared/Money.avsc"), workspace.schemasDir.resolve("Money.avsc"));
    CliRun misplaced = workspace.cli("check");
    assertThat(misplaced.exitCode()).isEqualTo(SchemaCompatibilityCli.CANNOT_CHECK);
    assertThat(misplaced.err()).contains("Money.avsc", "first field is 'metadata'");
  }

  @Test
  void registryCheckPostsEachSchemaAndReportsTheRegistrysVerdict() throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    Map<String, String> answers = Map.of(
        GIFT_WRAP, "409|{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE at /fields/3\"]}",
        ORDER_COMPLETED, "200|{\"is_compatible\":true}");
    startRegistry(requests, answers);
    SchemaWorkspace workspace = SchemaWorkspace.create(root).realEvent("OrderCompleted").current("GiftWrapRequested/v1");

    CliRun run = workspace.cli("check", "--registry-url", registryUrl());

    // Confluent answers 200 with is_compatible=false; a 409 here stands for a registry that errs instead.
    assertThat(run.exitCode()).isEqualTo(SchemaCompatibilityCli.CANNOT_CHECK);
    assertThat(run.out()).contains("OK            " + ORDER_COMPLETED, "ERROR         " + GIFT_WRAP, "HTTP 409");
    assertThat(requests).anySatisfy(request -> assertThat(request)
        .startsWith("POST /compatibility/subjects/" + ORDER_COMPLETED + "/versions/latest?verbose=true")
        .contains("application/vnd.schemaregistry.v1+json"));
  }

  @Test
  void registryIncompatibilityFailsWithTheRegistrysMessages() throws Exception {
    startRegistry(new CopyOnWriteArrayList<>(), Map.of(
        GIFT_WRAP, "200|{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE at /fields/3\"]}",
        ORDER_COMPLETED, "404|{\"error_code\":40401,\"message\":\"Subject not found\"}"));
    SchemaWorkspace workspace = SchemaWorkspace.create(root).realEvent("OrderCompleted").current("GiftWrapRequested/v1");

    CliRun run = workspace.cli("check", "--registry-url", registryUrl() + "/");

    assertThat(run.exitCode()).isEqualTo(SchemaCompatibilityCli.INCOMPATIBLE);
    assertThat(run.out())
        .contains("INCOMPATIBLE  " + GIFT_WRAP, "    latest: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/3")
        .contains("NEW           " + ORDER_COMPLETED);
  }

  @Test
  void registryClientSendsTheFullyResolvedSchema() throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    startRegistry(requests, Map.of(GIFT_WRAP, "200|{\"is_compatible\":true}"));
    SchemaWorkspace workspace = SchemaWorkspace.create(root).current("GiftWrapRequested/v1");
    Schema schema = workspace.catalog().schema(GIFT_WRAP).orElseThrow();

    SubjectReport report = new RegistryCompatibilityClient(URI.create(registryUrl())).check(GIFT_WRAP, schema);

    assertThat(report.status()).isEqualTo(SubjectReport.Status.OK);
    String body = requests.getFirst().substring(requests.getFirst().indexOf('{'));
    String sent = new ObjectMapper().readTree(body).get("schema").asText();
    assertThat(new Schema.Parser().parse(sent)).isEqualTo(schema);
  }

  /** A fake registry: answers "status|body" per subject and records "METHOD path content-type body". */
  private void startRegistry(List<String> requests, Map<String, String> answers) throws Exception {
    registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.createContext("/", exchange -> {
      String path = exchange.getRequestURI().toString();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(exchange.getRequestMethod() + " " + path + " "
          + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
      String subject = path.replaceFirst("^/compatibility/subjects/", "").replaceFirst("/versions/.*$", "");
      String[] answer = answers.getOrDefault(subject, "500|{\"error_code\":500}").split("\\|", 2);
      byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    registry.start();
  }

  private String registryUrl() {
    return "http://127.0.0.1:" + registry.getAddress().getPort();
  }

  private static int run(String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new SchemaCompatibilityCli(sink, sink).run(args);
  }
}
