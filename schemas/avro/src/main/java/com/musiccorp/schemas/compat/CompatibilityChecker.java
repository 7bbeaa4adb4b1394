package com.musiccorp.schemas.compat;

import com.musiccorp.schemas.SubjectCatalog;
import com.musiccorp.schemas.compat.SubjectReport.Problem;
import com.musiccorp.schemas.compat.SubjectReport.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Compares current schemas with their released history, offline.
 *
 * <p>Uses {@link SchemaCompatibility} one released version at a time rather than Avro's
 * {@code SchemaValidatorBuilder}: the validator gives a yes/no for the whole history, while a
 * report has to say which version breaks and why. A test checks both agree on every level.
 */
public final class CompatibilityChecker {

  public List<SubjectReport> check(SubjectCatalog catalog, ReleasedHistory history, CompatibilityPolicy policy) {
    List<SubjectReport> reports = new ArrayList<>();
    for (Map.Entry<String, Schema> subject : catalog.schemas().entrySet()) {
      String name = subject.getKey();
      reports.add(check(name, subject.getValue(), history.versions(name), policy.levelFor(name)));
    }
    return reports;
  }

  /**
   * @param history released versions, oldest first
   */
  public SubjectReport check(String subject, Schema current, List<ReleasedVersion> history, CompatibilityLevel level) {
    if (history.isEmpty()) {
      return new SubjectReport(subject, Status.NEW, "never released", List.of());
    }
    List<ReleasedVersion> versions = level.versionsToCheck(history);
    List<Problem> problems = new ArrayList<>();
    for (ReleasedVersion released : versions) {
      if (level.newReadsOld()) {
        problems.addAll(problems(current, released.schema(), released,
            "the current schema cannot read data written with " + released.label()));
      }
      if (level.oldReadsNew()) {
        problems.addAll(problems(released.schema(), current, released,
            released.label() + " readers cannot read data written with the current schema"));
      }
    }
    return new SubjectReport(subject, problems.isEmpty() ? Status.OK : Status.INCOMPATIBLE,
        describe(level, versions, history.getLast(), current), problems);
  }

  private static List<Problem> problems(Schema reader, Schema writer, ReleasedVersion released, String direction) {
    List<Incompatibility> incompatibilities =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities();
    return incompatibilities.stream()
        .map(i -> new Problem(released.label(),
            i.getType() + " at " + i.getLocation() + ": " + i.getMessage() + " (" + direction + ")"))
        .toList();
  }

  private static String describe(CompatibilityLevel level, List<ReleasedVersion> checked, ReleasedVersion latest,
      Schema current) {
    String against = checked.isEmpty()
        ? "no version"
        : checked.stream().map(ReleasedVersion::label).collect(Collectors.joining(", "));
    String change = latest.sameAs(current) ? "" : "; changed since " + latest.label() + ", not released yet";
    return level + " against " + against + change;
  }
}
