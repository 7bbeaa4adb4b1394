package com.musiccorp.schemas.compat;

import java.util.List;
import java.util.Locale;

/**
 * Confluent's compatibility levels, with their meaning spelled out as which way data must be
 * readable and against which released versions.
 *
 * <ul>
 *   <li>BACKWARD: the new schema can read data written with the old one (consumers upgrade first,
 *       and an event-sourced service can replay its history).
 *   <li>FORWARD: the old schema can read data written with the new one (producers upgrade first).
 *   <li>FULL: both.
 *   <li>*_TRANSITIVE: against every released version, not only the latest.
 * </ul>
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean newReadsOld;
  private final boolean oldReadsNew;
  private final boolean transitive;

  CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
    this.newReadsOld = newReadsOld;
    this.oldReadsNew = oldReadsNew;
    this.transitive = transitive;
  }

  /** Whether the current schema, as reader, must read data written with released versions. */
  public boolean newReadsOld() {
    return newReadsOld;
  }

  /** Whether released versions, as readers, must read data written with the current schema. */
  public boolean oldReadsNew() {
    return oldReadsNew;
  }

  /**
   * The released versions this level compares against, newest first. Newest first matters: it is
   * the order Avro's own {@code SchemaValidator} expects, whose "latest" is the first element.
   *
   * @param history released versions, oldest first
   */
  public <T> List<T> versionsToCheck(List<T> history) {
    if (this == NONE || history.isEmpty()) {
      return List.of();
    }
    List<T> newestFirst = history.reversed();
    return transitive ? newestFirst : newestFirst.subList(0, 1);
  }

  /** Parses a level name as Confluent spells it (case-insensitive, surrounding blanks ignored). */
  public static CompatibilityLevel parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown compatibility level '" + name.trim() + "'; expected one of "
          + List.of(values()));
    }
  }
}
