package com.musiccorp.schemas.compat;

import com.musiccorp.schemas.SubjectCatalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Records the current schemas as released versions: a new or changed subject gets v(N+1), an
 * unchanged one is left alone, so re-running a release is a no-op. Compatibility is not checked
 * here; the CLI checks before it releases.
 */
public final class SchemaReleaser {

  /** Returns the versions written, in subject order. */
  public List<ReleasedVersion> release(SubjectCatalog catalog, ReleasedHistory history) throws IOException {
    List<ReleasedVersion> written = new ArrayList<>();
    for (Map.Entry<String, Schema> subject : catalog.schemas().entrySet()) {
      Optional<ReleasedVersion> latest = history.latest(subject.getKey());
      if (latest.isEmpty() || !latest.get().sameAs(subject.getValue())) {
        written.add(history.record(subject.getKey(), subject.getValue()));
      }
    }
    return written;
  }
}
