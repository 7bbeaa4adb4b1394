package com.musiccorp.schemas.compat;

import static com.musiccorp.schemas.compat.SchemaWorkspace.GIFT_WRAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.musiccorp.schemas.compat.SubjectReport.Problem;
import com.musiccorp.schemas.compat.SubjectReport.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityCheckerTest {

  @TempDir Path root;

  @Test
  void newOptionalFieldWithDefaultIsCompatible() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root)
        .released("GiftWrapRequested/v1")
        .current("GiftWrapRequested/v2-message-with-default");

    SubjectReport report = workspace.check(GIFT_WRAP);

    assertThat(report.status()).isEqualTo(Status.OK);
    assertThat(report.problems()).isEmpty();
    assertThat(report.checked()).contains("BACKWARD_TRANSITIVE against v1", "changed since v1");
  }

  @Test
  void neverReleasedSubjectIsNew() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root).current("GiftWrapRequested/v1");

    assertThat(workspace.check(GIFT_WRAP).status()).isEqualTo(Status.NEW);
  }

  @Test
  void requiredFieldWithoutDefaultBreaksBackwardAndSaysWhyInAvrosWords() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root)
        .released("GiftWrapRequested/v1")
        .current("GiftWrapRequested/v2-priority-required");

    SubjectReport report = workspace.check(GIFT_WRAP);

    assertThat(report.status()).isEqualTo(Status.INCOMPATIBLE);
    assertThat(report.failed()).isTrue();
    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.against()).isEqualTo("v1");
      assertThat(problem.reason())
          .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "/fields/3", "priority")
          .contains("the current schema cannot read data written with v1");
    });
  }

  @Test
  void transitiveLevelChecksEveryReleasedVersionAndNamesTheOneThatBreaks() throws Exception {
    // v3 makes v2's optional message required: v3 reads v2 data, but not v1 data (no message at all).
    SchemaWorkspace workspace = SchemaWorkspace.create(root)
        .released("GiftWrapRequested/v1", "GiftWrapRequested/v2-message-with-default")
        .current("GiftWrapRequested/v3-message-required");

    SubjectReport report = workspace.check(GIFT_WRAP);

    assertThat(report.status()).isEqualTo(Status.INCOMPATIBLE);
    assertThat(report.checked()).startsWith("BACKWARD_TRANSITIVE against v2, v1");
    assertThat(report.problems()).extracting(Problem::against).containsExactly("v1");
    assertThat(report.problems().getFirst().reason()).contains("READER_FIELD_MISSING_DEFAULT_VALUE", "message");
  }

  @Test
  void nonTransitiveLevelChecksOnlyTheNewestVersion() throws Exception {
    // Same history as above: plain BACKWARD only looks at v2 (the newest), which v3 can read.
    SchemaWorkspace workspace = SchemaWorkspace.create(root)
        .released("GiftWrapRequested/v1", "GiftWrapRequested/v2-message-with-default")
        .current("GiftWrapRequested/v3-message-required")
        .levels("default=BACKWARD");

    SubjectReport report = workspace.check(GIFT_WRAP);

    assertThat(report.status()).isEqualTo(Status.OK);
    assertThat(report.checked()).startsWith("BACKWARD against v2;");
  }

  @Test
  void removingAFieldWithoutDefaultPassesBackwardButBreaksForward() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root)
        .released("GiftWrapRequested/v1")
        .current("GiftWrapRequested/v2-paper-removed");

    assertThat(workspace.check(GIFT_WRAP).status()).isEqualTo(Status.OK);

    workspace.levels("default=BACKWARD_TRANSITIVE", GIFT_WRAP + "=FORWARD");
    SubjectReport report = workspace.check(GIFT_WRAP);

    assertThat(report.status()).isEqualTo(Status.INCOMPATIBLE);
    assertThat(report.checked()).startsWith("FORWARD against v1");
    assertThat(report.problems()).singleElement().satisfies(problem -> assertThat(problem.reason())
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "paper", "v1 readers cannot read data written with the current schema"));
  }

  @Test
  void overrideToNoneAcceptsABreakingChangeForThatSubjectOnly() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root)
        .released("GiftWrapRequested/v1")
        .current("GiftWrapRequested/v2-priority-required")
        .levels("default=BACKWARD_TRANSITIVE", GIFT_WRAP + "=NONE");

    SubjectReport report = workspace.check(GIFT_WRAP);

    assertThat(report.status()).isEqualTo(Status.OK);
    assertThat(report.checked()).startsWith("NONE against no version");
  }

  @Test
  void fullChecksBothDirections() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root)
        .released("GiftWrapRequested/v1")
        .current("GiftWrapRequested/v2-message-with-default")
        .levels("default=FULL_TRANSITIVE");
    assertThat(workspace.check(GIFT_WRAP).status()).isEqualTo(Status.OK);

    workspace.current("GiftWrapRequested/v2-paper-removed");
    assertThat(workspace.check(GIFT_WRAP).problems()).extracting(Problem::reason)
        .anySatisfy(reason -> assertThat(reason).contains("v1 readers cannot read"));
  }

  @Test
  void levelsFileNeedsADefaultAndKnownLevelNames() throws Exception {
    SchemaWorkspace workspace = SchemaWorkspace.create(root);

    workspace.levels(GIFT_WRAP + "=FULL");
    assertThatThrownBy(() -> CompatibilityPolicy.load(workspace.levelsFile)).hasMessageContaining("missing 'default");

    workspace.levels("default=BACKWARDS");
    assertThatThrownBy(() -> CompatibilityPolicy.load(workspace.levelsFile))
        .hasMessageContaining("unknown compatibility level 'BACKWARDS'");

    workspace.levels("default = full_transitive", GIFT_WRAP + "=forward");
    CompatibilityPolicy policy = CompatibilityPolicy.load(workspace.levelsFile);
    assertThat(policy.levelFor(GIFT_WRAP)).isEqualTo(CompatibilityLevel.FORWARD);
    assertThat(policy.levelFor("com.musiccorp.events.Other")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(policy.overridesNotIn(Set.of("x"))).containsExactly(GIFT_WRAP);
  }

  @Test
  void versionsToCheckAreNewestFirst() {
    List<String> history = List.of("v1", "v2", "v3");

    assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.versionsToCheck(history)).containsExactly("v3", "v2", "v1");
    assertThat(CompatibilityLevel.FORWARD.versionsToCheck(history)).containsExactly("v3");
    assertThat(CompatibilityLevel.NONE.versionsToCheck(history)).isEmpty();
  }
}
