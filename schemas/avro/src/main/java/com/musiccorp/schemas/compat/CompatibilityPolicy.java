package com.musiccorp.schemas.compat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which compatibility level applies to which subject, read from {@code compatibility.properties}:
 * {@code default=BACKWARD_TRANSITIVE} plus optional {@code <subject>=<LEVEL>} overrides.
 */
public record CompatibilityPolicy(CompatibilityLevel defaultLevel, Map<String, CompatibilityLevel> overrides) {

  public static final String DEFAULT_KEY = "default";

  public CompatibilityPolicy {
    overrides = Map.copyOf(overrides);
  }

  /** Where the build puts compatibility.properties, so a running service can apply the same levels. */
  public static final String CLASSPATH_RESOURCE = "/com/musiccorp/schemas/compatibility.properties";

  public static CompatibilityPolicy load(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return load(reader, file.toString());
    }
  }

  /** The policy packaged with the schemas (what the registry bootstrap applies). */
  public static CompatibilityPolicy fromClasspath() {
    try (var in = CompatibilityPolicy.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing from the schemas jar");
      }
      return load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), CLASSPATH_RESOURCE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CompatibilityPolicy load(Reader reader, String source) throws IOException {
    Properties properties = new Properties();
    properties.load(reader);
    Path file = Path.of(source);
    String defaultName = properties.getProperty(DEFAULT_KEY);
    if (defaultName == null) {
      // No silent fallback: the file exists to make the level an explicit decision.
      throw new IllegalArgumentException(file + ": missing '" + DEFAULT_KEY + "=<LEVEL>'");
    }
    Map<String, CompatibilityLevel> overrides = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (!key.equals(DEFAULT_KEY)) {
        overrides.put(key, parse(file, key, properties.getProperty(key)));
      }
    }
    return new CompatibilityPolicy(parse(file, DEFAULT_KEY, defaultName), overrides);
  }

  public CompatibilityLevel levelFor(String subject) {
    return overrides.getOrDefault(subject, defaultLevel);
  }

  /** Overrides naming none of the given subjects: most likely a typo. */
  public Set<String> overridesNotIn(Set<String> subjects) {
    return overrides.keySet().stream().filter(subject -> !subjects.contains(subject))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static CompatibilityLevel parse(Path file, String key, String value) {
    try {
      return CompatibilityLevel.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + key + ": " + e.getMessage(), e);
    }
  }
}
