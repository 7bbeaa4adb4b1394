package com.musiccorp.schemas.compat;

import org.apache.avro.Schema;

/** One released version of a subject: {@code released/<subject>/v<version>.avsc}. */
public record ReleasedVersion(String subject, int version, Schema schema) {

  /** "v3", as the file is named and as reports name it. */
  public String label() {
    return "v" + version;
  }

  /**
   * Whether the current schema is exactly this version, docs and defaults included: any
   * difference is a change worth a new version, even one that is compatible.
   */
  public boolean sameAs(Schema current) {
    return schema.toString(true).equals(current.toString(true));
  }
}
