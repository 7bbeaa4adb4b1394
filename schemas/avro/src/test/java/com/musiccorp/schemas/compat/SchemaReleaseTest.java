package com.musiccorp.schemas.compat;

import static com.musiccorp.schemas.compat.SchemaWorkspace.GIFT_WRAP;
import static com.musiccorp.schemas.compat.SchemaWorkspace.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.schemas.compat.SchemaWorkspace.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaReleaseTest {

  private static final String ORDER_COMPLETED = "com.musiccorp.events.OrderCompleted";

  @TempDir Path root;

  @Test
  void releaseWritesTheNextVersionOnlyForNewOrChangedSubjects() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root).realEvent("OrderCompleted").current("GiftWrapRequested/v1");

    CliRun first = workspace.cli("release");
    assertThat(first.exitCode()).isEqualTo(SchemaCompatibilityCli.OK);
    assertThat(first.out()).contains("released " + GIFT_WRAP + " v1", "released " + ORDER_COMPLETED + " v1");
    String orderCompletedV1 = read(workspace.releasedFile(ORDER_COMPLETED, 1));

    workspace.current("GiftWrapRequested/v2-message-with-default");
    CliRun second = workspace.cli("release");

    assertThat(second.exitCode()).isEqualTo(SchemaCompatibilityCli.OK);
    assertThat(second.out()).contains("released " + GIFT_WRAP + " v2", "1 released, 1 unchanged")
        .doesNotContain("released " + ORDER_COMPLETED);
    assertThat(read(workspace.releasedFile(GIFT_WRAP, 2)))
        .isEqualTo(workspace.catalog().schema(GIFT_WRAP).orElseThrow().toString(true) + "\n");
    assertThat(workspace.releasedFile(ORDER_COMPLETED, 2)).doesNotExist();
    assertThat(read(workspace.releasedFile(ORDER_COMPLETED, 1))).isEqualTo(orderCompletedV1);

    CliRun third = workspace.cli("release");
    assertThat(third.out()).contains("0 released, 2 unchanged");
    assertThat(workspace.releasedFile(GIFT_WRAP, 3)).doesNotExist();
  }

  @Test
  void releasedFileIsFullyResolvedAndStandsAlone() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root).current("GiftWrapRequested/v1");
    workspace.cli("release");

    // A fresh parser that has never seen the shared types can read it: EventMetadata is inlined.
    Schema released = new SchemaParser().parse(workspace.releasedFile(GIFT_WRAP, 1)).mainSchema();

    assertThat(released.getField("metadata").schema().getFullName()).isEqualTo("com.musiccorp.events.EventMetadata");
    assertThat(released).isEqualTo(workspace.catalog().schema(GIFT_WRAP).orElseThrow());
  }

  @Test
  void releaseRefusesAnIncompatibleSchemaAndWritesNothing() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root).released("GiftWrapRequested/v1")
        .realEvent("OrderCompleted")
        .current("GiftWrapRequested/v2-priority-required");

    CliRun run = workspace.cli("release");

    assertThat(run.exitCode()).isEqualTo(SchemaCompatibilityCli.INCOMPATIBLE);
    assertThat(run.out()).contains("INCOMPATIBLE", "Nothing released.");
    assertThat(workspace.releasedFile(GIFT_WRAP, 2)).doesNotExist();
    assertThat(workspace.releasedDir.resolve(ORDER_COMPLETED)).doesNotExist();
  }

  @Test
  void versionsSortNumericallySoV10ComesAfterV9() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root).released("GiftWrapRequested/v1");
    Path subjectDir = workspace.releasedDir.resolve(GIFT_WRAP);
    for (int version = 2; version <= 10; version++) {
      Files.copy(subjectDir.resolve("v1.avsc"), subjectDir.resolve("v" + version + ".avsc"));
    }

    ReleasedHistory history = workspace.history();

    assertThat(history.latest(GIFT_WRAP).orElseThrow().label()).isEqualTo("v10");
    assertThat(history.versions(GIFT_WRAP)).extracting(ReleasedVersion::version)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }
}
