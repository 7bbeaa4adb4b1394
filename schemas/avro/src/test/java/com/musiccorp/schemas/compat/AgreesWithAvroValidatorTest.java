package com.musiccorp.schemas.compat;

import static com.musiccorp.schemas.compat.SchemaWorkspace.GIFT_WRAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.musiccorp.schemas.compat.SubjectReport.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our per-version checker must give the same verdict as Avro's own SchemaValidatorBuilder at
 * every level, fed the way the validator expects: history newest first.
 */
class AgreesWithAvroValidatorTest {

  @TempDir Path root;

  static Stream<Arguments> scenarios() {
    List<List<String>> histories = List.of(
        List.of("v1", "v2-message-with-default"),
        List.of("v1", "v2-priority-required"),
        List.of("v1", "v2-paper-removed"),
        List.of("v1", "v2-message-with-default", "v3-message-required"));
    List<Arguments> scenarios = new ArrayList<>();
    for (CompatibilityLevel level : CompatibilityLevel.values()) {
      histories.forEach(fixtures -> scenarios.add(Arguments.of(level, fixtures)));
    }
    return scenarios.stream();
  }

  /** @param fixtures released versions in order; the last one is the current schema */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("scenarios")
  void sameVerdictAsSchemaValidatorBuilder(CompatibilityLevel level, List<String> fixtures) throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root).levels("default=" + level);
    for (String fixture : fixtures.subList(0, fixtures.size() - 1)) {
      workspace.released("GiftWrapRequested/" + fixture);
    }
    workspace.current("GiftWrapRequested/" + fixtures.getLast());

    boolean ours = workspace.check(GIFT_WRAP).status() == Status.OK;
    boolean avros = avroAccepts(level, workspace.catalog().schema(GIFT_WRAP).orElseThrow(),
        workspace.history().versions(GIFT_WRAP).stream().map(ReleasedVersion::schema).toList());

    assertThat(ours).as("our verdict vs SchemaValidatorBuilder").isEqualTo(avros);
  }

  @Test
  void validateLatestOnlyLooksAtTheFirstSchemaItIsGiven() throws Exception {
    // The trap the checker avoids: hand validateLatest() the history oldest first and plain
    // BACKWARD is judged against v1 instead of the latest, v2.
    SchemaWorkspace workspace = SchemaWorkspace.create(root)
        .released("GiftWrapRequested/v1", "GiftWrapRequested/v2-message-with-default")
        .current("GiftWrapRequested/v3-message-required");
    Schema current = workspace.catalog().schema(GIFT_WRAP).orElseThrow();
    List<Schema> oldestFirst = workspace.history().versions(GIFT_WRAP).stream().map(ReleasedVersion::schema).toList();
    SchemaValidator backward = new SchemaValidatorBuilder().canReadStrategy().validateLatest();

    assertThatCode(() -> backward.validate(current, oldestFirst)).isInstanceOf(SchemaValidationException.class);
    assertThatCode(() -> backward.validate(current, oldestFirst.reversed())).doesNotThrowAnyException();
  }

  private static boolean avroAccepts(CompatibilityLevel level, Schema current, List<Schema> oldestFirst) {
    SchemaValidatorBuilder builder = new SchemaValidatorBuilder();
    switch (level) {
      case NONE -> {
        return true;
      }
      case BACKWARD, BACKWARD_TRANSITIVE -> builder.canReadStrategy();
      case FORWARD, FORWARD_TRANSITIVE -> builder.canBeReadStrategy();
      case FULL, FULL_TRANSITIVE -> builder.mutualReadStrategy();
    }
    SchemaValidator validator = level.name().endsWith("_TRANSITIVE") ? builder.validateAll() : builder.validateLatest();
    try {
      validator.validate(current, oldestFirst.reversed());
      return true;
    } catch (SchemaValidationException e) {
      return false;
    }
  }
}
