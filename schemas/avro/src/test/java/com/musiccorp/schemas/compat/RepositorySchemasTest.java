package com.musiccorp.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.schemas.SubjectCatalog;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The module's own schemas, released history and levels file, as committed. */
class RepositorySchemasTest {

  @Test
  void currentSchemasAreCompatibleWithTheirReleasedHistory() throws Exception {
    List<SubjectReport> reports = new CompatibilityChecker().check(
        SubjectCatalog.load(SchemaWorkspace.MODULE_SCHEMAS),
        ReleasedHistory.load(SchemaWorkspace.MODULE_RELEASED),
        CompatibilityPolicy.load(SchemaWorkspace.MODULE_LEVELS));

    assertThat(reports).isNotEmpty();
    assertThat(reports).filteredOn(SubjectReport::failed).isEmpty();
  }

  @Test
  void everyEventCarriesMetadataFirstAndTheRightKey() throws Exception {
    SubjectCatalog catalog = SubjectCatalog.load(SchemaWorkspace.MODULE_SCHEMAS);

    assertThat(catalog.schemas()).allSatisfy((subject, schema) -> {
      assertThat(subject).startsWith("com.musiccorp.events.");
      assertThat(schema.getFields().getFirst().name()).isEqualTo("metadata");
      // Stock arrivals and adjustments are keyed by sku; everything else belongs to an order.
      String key = subject.matches(".*\\.Stock(Received|Adjusted)") ? "sku" : "orderId";
      assertThat(schema.getFields().get(1).name()).as(subject).isEqualTo(key);
    });
  }

  @Test
  void generatedClassesCoverExactlyTheSchemaFiles() throws Exception {
    SubjectCatalog files = SubjectCatalog.load(SchemaWorkspace.MODULE_SCHEMAS);
    SubjectCatalog classes = SubjectCatalog.fromGeneratedClasses();

    assertThat(classes.schemas().keySet()).containsExactlyElementsOf(files.schemas().keySet());
    files.schemas().forEach((subject, schema) ->
        assertThat(withoutJavaStringHints(classes.schema(subject).orElseThrow()))
            .as(subject).isEqualTo(schema.toString()));
  }

  /** The Avro compiler adds {"avro.java.string":"String"} for stringType=String; nothing else differs. */
  private static String withoutJavaStringHints(Schema schema) {
    return schema.toString().replace("{\"type\":\"string\",\"avro.java.string\":\"String\"}", "\"string\"");
  }
}
