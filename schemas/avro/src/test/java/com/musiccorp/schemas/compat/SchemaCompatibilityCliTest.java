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

  private static int run(String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new SchemaCompatibilityCli(sink, sink).run(args);
  }
}
