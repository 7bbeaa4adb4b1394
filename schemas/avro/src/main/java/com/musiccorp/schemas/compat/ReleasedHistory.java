package com.musiccorp.schemas.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/**
 * The released versions of every subject, kept in git as {@code <released-dir>/<subject>/v<N>.avsc}.
 * Each file is the fully resolved schema (shared types inlined), so a released version never
 * changes when a shared type is edited later.
 */
public final class ReleasedHistory {

  private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

  private final Path releasedDir;
  private final Map<String, List<ReleasedVersion>> bySubject;

  private ReleasedHistory(Path releasedDir, Map<String, List<ReleasedVersion>> bySubject) {
    this.releasedDir = releasedDir;
    this.bySubject = bySubject;
  }

  /** Reads every released version; a missing directory is an empty history (nothing released yet). */
  public static ReleasedHistory load(Path releasedDir) throws IOException {
    Map<String, List<ReleasedVersion>> bySubject = new TreeMap<>();
    if (Files.isDirectory(releasedDir)) {
      try (Stream<Path> subjectDirs = Files.list(releasedDir)) {
        for (Path subjectDir : subjectDirs.filter(Files::isDirectory).toList()) {
          String subject = subjectDir.getFileName().toString();
          List<ReleasedVersion> versions = loadVersions(subject, subjectDir);
          if (!versions.isEmpty()) {
            bySubject.put(subject, versions);
          }
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return new ReleasedHistory(releasedDir, bySubject);
  }

  /** Released versions of the subject, oldest first; empty if it was never released. */
  public List<ReleasedVersion> versions(String subject) {
    return bySubject.getOrDefault(subject, List.of());
  }

  public Optional<ReleasedVersion> latest(String subject) {
    List<ReleasedVersion> versions = versions(subject);
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
  }

  public Set<String> subjects() {
    return bySubject.keySet();
  }

  /** Writes the schema as the subject's next version, v(N+1), and returns it. */
  public ReleasedVersion record(String subject, Schema schema) throws IOException {
    int next = latest(subject).map(ReleasedVersion::version).orElse(0) + 1;
    Path file = releasedDir.resolve(subject).resolve("v" + next + ".avsc");
    Files.createDirectories(file.getParent());
    // toString(true) of a resolved schema inlines every named type at its first use.
    Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
    ReleasedVersion released = new ReleasedVersion(subject, next, schema);
    bySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(released);
    return released;
  }

  private static List<ReleasedVersion> loadVersions(String subject, Path subjectDir) throws IOException {
    List<ReleasedVersion> versions = new ArrayList<>();
    try (Stream<Path> files = Files.list(subjectDir)) {
      for (Path file : files.toList()) {
        Matcher name = VERSION_FILE.matcher(file.getFileName().toString());
        if (name.matches()) {
          // One parser per file: released files are self-contained and must not see each other's types.
          Schema schema = new SchemaParser().parse(file).mainSchema();
          if (!schema.getFullName().equals(subject)) {
            throw new IllegalArgumentException(file + ": holds " + schema.getFullName() + ", not " + subject);
          }
          versions.add(new ReleasedVersion(subject, Integer.parseInt(name.group(1)), schema));
        }
      }
    }
    // Numeric order, so v10 comes after v9.
    versions.sort(Comparator.comparingInt(ReleasedVersion::version));
    return new ArrayList<>(versions);
  }
}
