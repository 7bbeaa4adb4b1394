package com.musiccorp.schemas.compat;

import java.util.List;

/**
 * The verdict for one subject.
 *
 * @param checked what the current schema was compared with, e.g. "BACKWARD_TRANSITIVE against v2, v1"
 * @param problems empty unless INCOMPATIBLE or ERROR
 */
public record SubjectReport(String subject, Status status, String checked, List<Problem> problems) {

  public enum Status {
    /** Compatible with every version its level asks for. */
    OK,
    /** Never released: there is nothing to be compatible with yet. */
    NEW,
    /** Breaks at least one released version. */
    INCOMPATIBLE,
    /** Could not be checked, e.g. the registry did not answer. */
    ERROR
  }

  /**
   * One reason the subject fails.
   *
   * @param against the released version broken, e.g. "v1", or "latest" for a registry
   * @param reason Avro's (or the registry's) own words
   */
  public record Problem(String against, String reason) {}

  public SubjectReport {
    problems = List.copyOf(problems);
  }

  public boolean failed() {
    return status == Status.INCOMPATIBLE || status == Status.ERROR;
  }
}
