package com.musiccorp.platform.registry;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static com.musiccorp.platform.registry.RegistryHttp.record;
import static org.assertj.core.api.Assertions.assertThat;

class CompatibilityCheckerTest {
    private final CompatibilityChecker checker = new CompatibilityChecker();

    private static final String BASE = record("Track", "title:string");
    private static final String ADD_WITH_DEFAULT = record("Track", "title:string", "seconds:int=0");
    private static final String ADD_WITHOUT_DEFAULT = record("Track", "title:string", "seconds:int");
    private static final String REMOVE_FIELD = record("Track");
    private static final String RETYPE = record("Track", "title:int");

    /** Adding a field without a default breaks BACKWARD, removing a field without a default breaks FORWARD. */
    @ParameterizedTest(name = "{0} after {1}: {2}")
    @CsvSource({
            "NONE,     ADD_WITHOUT_DEFAULT, true",
            "NONE,     RETYPE,              true",
            "BACKWARD, ADD_WITH_DEFAULT,    true",
            "BACKWARD, ADD_WITHOUT_DEFAULT, false",
            "BACKWARD, REMOVE_FIELD,        true",
            "BACKWARD, RETYPE,              false",
            "FORWARD,  ADD_WITHOUT_DEFAULT, true",
            "FORWARD,  REMOVE_FIELD,        false",
            "FORWARD,  ADD_WITH_DEFAULT,    true",
            "FULL,     ADD_WITH_DEFAULT,    true",
            "FULL,     ADD_WITHOUT_DEFAULT, false",
            "FULL,     REMOVE_FIELD,        false",
    })
    void levelsFollowAvroRules(CompatibilityLevel level, String candidate, boolean compatible) {
        List<String> messages = checker.check(level, parse(schema(candidate)), history(BASE));
        assertThat(messages.isEmpty()).as("%s", messages).isEqualTo(compatible);
    }

    /**
     * v1 {title}, v2 {title, seconds=0}; the candidate drops title. Non-transitive levels look at v2
     * only (Avro's validateLatest checks the first schema given: the history must be newest first).
     */
    @Test
    void transitiveLevelsCheckEveryVersionAndOthersOnlyTheLatest() {
        String v1 = record("Track", "title:string");
        String v2 = record("Track", "title:string=\"\"", "seconds:int=0");
        String candidate = record("Track", "seconds:int=0");
        // FORWARD: v2 reads candidate data (its title has a default); v1 cannot (title has none).
        assertThat(checker.check(CompatibilityLevel.FORWARD, parse(candidate), history(v1, v2))).isEmpty();
        assertThat(checker.check(CompatibilityLevel.FORWARD_TRANSITIVE, parse(candidate), history(v1, v2)))
                .anySatisfy(m -> assertThat(m).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("title"))
                .contains("{oldSchemaVersion: 1}", "{compatibility: 'FORWARD_TRANSITIVE'}");
    }

    @Test
    void nonTransitiveLevelIgnoresOlderVersions() {
        String v1 = record("Track", "title:string");
        String v2 = record("Track", "isrc:string=\"\"");
        String candidate = record("Track", "isrc:string=\"\"", "seconds:int=0");
        assertThat(checker.check(CompatibilityLevel.BACKWARD, parse(candidate), history(v1, v2))).isEmpty();
        assertThat(checker.check(CompatibilityLevel.FORWARD, parse(candidate), history(v1, v2))).isEmpty();
        assertThat(checker.check(CompatibilityLevel.FORWARD_TRANSITIVE, parse(candidate), history(v1, v2))).isNotEmpty();
    }

    @Test
    void explainsLikeConfluent() {
        List<String> messages = checker.check(CompatibilityLevel.BACKWARD, parse(ADD_WITHOUT_DEFAULT), history(BASE));
        assertThat(messages).containsExactly(
                "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'seconds' at path '/fields/1' "
                        + "in the new schema has no default value and is missing in the old schema', additionalInfo:'seconds'}",
                "{oldSchemaVersion: 1}",
                "{oldSchema: '" + BASE + "'}",
                "{compatibility: 'BACKWARD'}");
    }

    @Test
    void emptyHistoryIsCompatible() {
        assertThat(checker.check(CompatibilityLevel.FULL_TRANSITIVE, parse(BASE), List.of())).isEmpty();
    }

    @Test
    void levelsParseCaseInsensitively() {
        assertThat(CompatibilityLevel.parse("full_transitive")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse("SIDEWAYS")).isEmpty();
        assertThat(CompatibilityLevel.parse(null)).isEmpty();
    }

    private static String schema(String constant) {
        return switch (constant) {
            case "ADD_WITH_DEFAULT" -> ADD_WITH_DEFAULT;
            case "ADD_WITHOUT_DEFAULT" -> ADD_WITHOUT_DEFAULT;
            case "REMOVE_FIELD" -> REMOVE_FIELD;
            case "RETYPE" -> RETYPE;
            default -> throw new IllegalArgumentException(constant);
        };
    }

    private static Schema parse(String text) {
        return AvroSchemas.parse(text).schema();
    }

    /** Versions 1..n, oldest first. */
    private static List<CompatibilityChecker.Previous> history(String... texts) {
        List<CompatibilityChecker.Previous> history = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) history.add(new CompatibilityChecker.Previous(i + 1, parse(texts[i]), texts[i]));
        return history;
    }
}
