package com.musiccorp.schemas.compat;

import com.musiccorp.schemas.SubjectCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throw-away copy of the module's schema layout in a temp directory: the real shared types,
 * chosen fixture (or real) event files, a released directory and a levels file.
 */
final class SchemaWorkspace {

  static final Path MODULE_SCHEMAS = Path.of("src/main/avro");
  static final Path MODULE_RELEASED = Path.of("src/main/released");
  static final Path MODULE_LEVELS = Path.of("compatibility.properties");
  static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  static final String GIFT_WRAP = "com.musiccorp.events.GiftWrapRequested";

  final Path schemasDir;
  final Path releasedDir;
  final Path levelsFile;

  private SchemaWorkspace(Path root) {
    this.schemasDir = root.resolve("avro");
    this.releasedDir = root.resolve("released");
    this.levelsFile = root.resolve("compatibility.properties");
  }

  static SchemaWorkspace create(Path root) throws IOException {
    SchemaWorkspace workspace = new SchemaWorkspace(root);
    Path shared = workspace.schemasDir.resolve(SubjectCatalog.SHARED_DIR);
    Files.createDirectories(shared);
    try (Stream<Path> files = Files.list(MODULE_SCHEMAS.resolve(SubjectCatalog.SHARED_DIR))) {
      for (Path file : files.toList()) {
        Files.copy(file, shared.resolve(file.getFileName()));
      }
    }
    return workspace.levels("default=BACKWARD_TRANSITIVE");
  }

  /** Makes a fixture the current schema, e.g. "GiftWrapRequested/v2-message-with-default". */
  SchemaWorkspace current(String fixture) throws IOException {
    Path source = FIXTURES.resolve(fixture + ".avsc");
    Path target = schemasDir.resolve(source.getParent().getFileName() + ".avsc");
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    return this;
  }

  /** Adds one of the module's real event files, e.g. "OrderCompleted". */
  SchemaWorkspace realEvent(String name) throws IOException {
    Files.copy(MODULE_SCHEMAS.resolve(name + ".avsc"), schemasDir.resolve(name + ".avsc"));
    return this;
  }

  /** Makes each fixture current in turn and releases it: builds a history v1, v2, ... */
  SchemaWorkspace released(String... fixtures) throws IOException {
    for (String fixture : fixtures) {
      current(fixture);
      new SchemaReleaser().release(catalog(), history());
    }
    return this;
  }

  SchemaWorkspace levels(String... lines) throws IOException {
    Files.write(levelsFile, List.of(lines), StandardCharsets.UTF_8);
    return this;
  }

  SubjectCatalog catalog() throws IOException {
    return SubjectCatalog.load(schemasDir);
  }

  ReleasedHistory history() throws IOException {
    return ReleasedHistory.load(releasedDir);
  }

  SubjectReport check(String subject) throws IOException {
    return new CompatibilityChecker().check(catalog(), history(), CompatibilityPolicy.load(levelsFile)).stream()
        .filter(report -> report.subject().equals(subject))
        .findFirst()
        .orElseThrow();
  }

  Path releasedFile(String subject, int version) {
    return releasedDir.resolve(subject).resolve("v" + version + ".avsc");
  }

  /** Runs the CLI against this workspace; returns its exit code and what it printed. */
  CliRun cli(String command, String... extraArgs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = Stream.concat(
        Stream.of(command, "--schemas-dir", schemasDir.toString(), "--released-dir", releasedDir.toString(),
            "--levels", levelsFile.toString()),
        Stream.of(extraArgs)).toArray(String[]::new);
    int exitCode = new SchemaCompatibilityCli(utf8(out), utf8(err)).run(args);
    return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  record CliRun(int exitCode, String out, String err) {}

  private static PrintStream utf8(ByteArrayOutputStream buffer) {
    return new PrintStream(buffer, true, StandardCharsets.UTF_8);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
