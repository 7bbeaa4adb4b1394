package com.musiccorp.schemas;

import com.musiccorp.events.DispatchDelayed;
import com.musiccorp.events.DispatchFailed;
import com.musiccorp.events.EventRejected;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockReceived;
import com.musiccorp.events.StockReleased;
import com.musiccorp.events.StockReserved;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/**
 * Every event subject and its current, fully resolved schema. A subject is the record's full name
 * (record-name strategy), e.g. {@code com.musiccorp.events.OrderPlaced}.
 *
 * <p>Two sources: {@link #load(Path)} reads the {@code .avsc} files (what the compatibility gate
 * checks and releases) and {@link #fromGeneratedClasses()} reads the classes built from them (what
 * a registry bootstrapper or serde at runtime sees). The two differ only in the
 * {@code "avro.java.string":"String"} hints the Avro compiler adds for {@code stringType=String};
 * Avro's compatibility rules ignore them, a registry's byte-for-byte lookup does not, so register
 * the variant your serializer writes with.
 */
public final class SubjectCatalog {

  /** Sub-directory of the schemas directory holding the shared named types, not events. */
  public static final String SHARED_DIR = "shared";

  /** Full name of the envelope every event carries as its first field. */
  public static final String METADATA_TYPE = "com.musiccorp.events.EventMetadata";

  private final SortedMap<String, Schema> schemas;

  private SubjectCatalog(SortedMap<String, Schema> schemas) {
    this.schemas = Collections.unmodifiableSortedMap(schemas);
  }

  /**
   * Parses a schemas directory the way the avro-maven-plugin does: the shared types first, then
   * every other {@code .avsc} file (one event per file), all with one parser so events can refer
   * to shared types by name.
   */
  public static SubjectCatalog load(Path schemasDir) throws IOException {
    if (!Files.isDirectory(schemasDir)) {
      // A mistyped path must not look like "no schemas, nothing to check".
      throw new NoSuchFileException(schemasDir.toString(), null, "schemas directory not found");
    }
    Path sharedDir = schemasDir.resolve(SHARED_DIR);
    // Same parser class the plugin uses (Avro 1.12), so what we check is what gets generated.
    SchemaParser parser = new SchemaParser();
    for (Path shared : avscFiles(sharedDir, null)) {
      parser.parse(shared);
    }
    Map<Path, Schema> parsedEvents = new LinkedHashMap<>();
    for (Path eventFile : avscFiles(schemasDir, sharedDir)) {
      parsedEvents.put(eventFile, parser.parse(eventFile).mainSchema());
    }
    // Resolving at the end, as the plugin does, lets a file refer to a type defined in a later one.
    Map<String, Schema> resolved = new HashMap<>();
    parser.getParsedNamedSchemas().forEach(schema -> resolved.put(schema.getFullName(), schema));
    SortedMap<String, Schema> bySubject = new TreeMap<>();
    parsedEvents.forEach((file, parsed) -> {
      Schema event = parsed.getType() == Schema.Type.RECORD ? resolved.get(parsed.getFullName()) : parsed;
      requireEvent(event, file);
      bySubject.put(event.getFullName(), event);
    });
    return new SubjectCatalog(bySubject);
  }

  /**
   * The schemas compiled into this jar, for modules that have no access to the source files.
   * The list is checked against the {@code .avsc} files by a test, so it cannot silently drift.
   */
  public static SubjectCatalog fromGeneratedClasses() {
    List<Schema> events = List.of(
        OrderPlaced.getClassSchema(),
        StockReserved.getClassSchema(),
        StockInsufficient.getClassSchema(),
        StockReleased.getClassSchema(),
        StockReceived.getClassSchema(),
        StockAdjusted.getClassSchema(),
        PaymentTaken.getClassSchema(),
        PaymentFailed.getClassSchema(),
        PaymentRefunded.getClassSchema(),
        OrderPackaged.getClassSchema(),
        ItemNotFound.getClassSchema(),
        DispatchDelayed.getClassSchema(),
        DispatchFailed.getClassSchema(),
        OrderDispatched.getClassSchema(),
        PointsAwarded.getClassSchema(),
        OrderCompleted.getClassSchema(),
        OrderCancelled.getClassSchema(),
        NotificationSent.getClassSchema(),
        EventRejected.getClassSchema());
    SortedMap<String, Schema> bySubject = new TreeMap<>();
    events.forEach(event -> bySubject.put(event.getFullName(), event));
    return new SubjectCatalog(bySubject);
  }

  /** Subject to schema, sorted by subject. */
  public Map<String, Schema> schemas() {
    return schemas;
  }

  public Optional<Schema> schema(String subject) {
    return Optional.ofNullable(schemas.get(subject));
  }

  /** An event file must hold one record whose first field is the envelope; anything else is a mistake. */
  private static void requireEvent(Schema schema, Path file) {
    boolean isEvent = schema.getType() == Schema.Type.RECORD
        && !schema.getFields().isEmpty()
        && schema.getFields().getFirst().name().equals("metadata")
        && schema.getFields().getFirst().schema().getFullName().equals(METADATA_TYPE);
    if (!isEvent) {
      throw new IllegalArgumentException(file + ": an event schema must be a record whose first field is"
          + " 'metadata' of type " + METADATA_TYPE + "; shared types belong in " + SHARED_DIR + "/");
    }
  }

  /** The .avsc files under dir, sorted for a stable order, skipping the excluded sub-tree. */
  private static List<Path> avscFiles(Path dir, Path excluded) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".avsc"))
          .filter(file -> excluded == null || !file.startsWith(excluded))
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
