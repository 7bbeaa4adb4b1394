package com.musiccorp.schemas.compat;

import com.musiccorp.schemas.SubjectCatalog;
import com.musiccorp.schemas.compat.SubjectReport.Status;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schema compatibility gate.
 *
 * <pre>
 * check   [--schemas-dir D] [--released-dir D] [--levels F]   current schemas vs released history
 * check   --registry-url URL [--schemas-dir D]                current schemas vs a live registry
 * release [--schemas-dir D] [--released-dir D] [--levels F]   record new/changed schemas as vN+1
 * </pre>
 *
 * Paths default to the module's layout, relative to the working directory. Exit codes: 0 fine,
 * 1 incompatible, 2 could not check (bad arguments, unreadable files, registry unreachable).
 */
public final class SchemaCompatibilityCli {

  public static final int OK = 0;
  public static final int INCOMPATIBLE = 1;
  public static final int CANNOT_CHECK = 2;

  private static final Map<String, String> DEFAULTS = Map.of(
      "--schemas-dir", "src/main/avro",
      "--released-dir", "src/main/released",
      "--levels", "compatibility.properties");

  private static final String USAGE = """
      usage: SchemaCompatibilityCli check   [--schemas-dir DIR] [--released-dir DIR] [--levels FILE]
             SchemaCompatibilityCli check   --registry-url URL [--schemas-dir DIR]
             SchemaCompatibilityCli release [--schemas-dir DIR] [--released-dir DIR] [--levels FILE]""";

  private final PrintStream out;
  private final PrintStream err;

  public SchemaCompatibilityCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new SchemaCompatibilityCli(System.out, System.err).run(args));
  }

  /** Runs one command and returns its exit code, so tests never call System.exit. */
  public int run(String... args) {
    Map<String, String> options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return CANNOT_CHECK;
    }
    try {
      return switch (args[0]) {
        case "check" -> options.containsKey("--registry-url") ? checkRegistry(options) : check(options);
        case "release" -> release(options);
        default -> throw new IllegalStateException("unreachable");
      };
    } catch (IOException | RuntimeException e) {
      // Schema parse errors and missing files land here: report them, do not pass them as "compatible".
      err.println("cannot check schemas: " + e.getMessage());
      return CANNOT_CHECK;
    }
  }

  private int check(Map<String, String> options) throws IOException {
    Local local = Local.load(options);
    List<SubjectReport> reports = new CompatibilityChecker().check(local.catalog, local.history, local.policy);
    warnAboutStrays(local);
    return print(reports, "released history");
  }

  private int checkRegistry(Map<String, String> options) throws IOException {
    SubjectCatalog catalog = SubjectCatalog.load(Path.of(options.get("--schemas-dir")));
    RegistryCompatibilityClient registry = new RegistryCompatibilityClient(URI.create(options.get("--registry-url")),
        System.getenv("REGISTRY_USER_INFO"));
    List<SubjectReport> reports = new ArrayList<>();
    catalog.schemas().forEach((subject, schema) -> reports.add(registry.check(subject, schema)));
    return print(reports, options.get("--registry-url"));
  }

  private int release(Map<String, String> options) throws IOException {
    Local local = Local.load(options);
    List<SubjectReport> reports = new CompatibilityChecker().check(local.catalog, local.history, local.policy);
    warnAboutStrays(local);
    if (reports.stream().anyMatch(SubjectReport::failed)) {
      // Releasing a breaking schema would make the break part of the history it is checked against.
      print(reports, "released history");
      out.println("Nothing released.");
      return INCOMPATIBLE;
    }
    List<ReleasedVersion> written = new SchemaReleaser().release(local.catalog, local.history);
    for (ReleasedVersion version : written) {
      out.println("released " + version.subject() + " " + version.label());
    }
    out.printf("%d released, %d unchanged%n", written.size(), local.catalog.schemas().size() - written.size());
    return OK;
  }

  private int print(List<SubjectReport> reports, String against) {
    Map<Status, Integer> counts = new HashMap<>();
    for (SubjectReport report : reports) {
      counts.merge(report.status(), 1, Integer::sum);
      out.printf("%-13s %s  (%s)%n", report.status(), report.subject(), report.checked());
      report.problems().forEach(problem -> out.println("    " + problem.against() + ": " + problem.reason()));
    }
    out.printf("%d subjects checked against %s: %d OK, %d NEW, %d INCOMPATIBLE, %d ERROR%n", reports.size(), against,
        counts.getOrDefault(Status.OK, 0), counts.getOrDefault(Status.NEW, 0),
        counts.getOrDefault(Status.INCOMPATIBLE, 0), counts.getOrDefault(Status.ERROR, 0));
    if (counts.containsKey(Status.ERROR)) {
      return CANNOT_CHECK;
    }
    if (counts.containsKey(Status.INCOMPATIBLE)) {
      out.println("Schema compatibility check FAILED: fix the schema (a new field needs a default), or, if the"
          + " break is intended, change the subject's compatibility level on purpose.");
      return INCOMPATIBLE;
    }
    return OK;
  }

  /** Neither is a compatibility break, but both usually mean a typo or an unintended deletion. */
  private void warnAboutStrays(Local local) {
    Set<String> subjects = local.catalog.schemas().keySet();
    local.policy.overridesNotIn(subjects)
        .forEach(subject -> err.println("WARN level override for unknown subject " + subject));
    Set<String> orphans = new TreeSet<>(local.history.subjects());
    orphans.removeAll(subjects);
    orphans.forEach(subject -> err.println("WARN " + subject + " was released but has no current schema"));
  }

  private static Map<String, String> options(String[] args) {
    if (args.length == 0 || !List.of("check", "release").contains(args[0])) {
      throw new IllegalArgumentException(args.length == 0 ? "no command given" : "unknown command: " + args[0]);
    }
    Map<String, String> options = new HashMap<>(DEFAULTS);
    for (int i = 1; i < args.length; i += 2) {
      String name = args[i];
      boolean known = DEFAULTS.containsKey(name) || (name.equals("--registry-url") && args[0].equals("check"));
      if (!known) {
        throw new IllegalArgumentException("unknown option for " + args[0] + ": " + name);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + name);
      }
      options.put(name, args[i + 1]);
    }
    return options;
  }

  /** Everything the offline commands read. */
  private record Local(SubjectCatalog catalog, ReleasedHistory history, CompatibilityPolicy policy) {
    static Local load(Map<String, String> options) throws IOException {
      return new Local(
          SubjectCatalog.load(Path.of(options.get("--schemas-dir"))),
          ReleasedHistory.load(Path.of(options.get("--released-dir"))),
          CompatibilityPolicy.load(Path.of(options.get("--levels"))));
    }
  }
}
