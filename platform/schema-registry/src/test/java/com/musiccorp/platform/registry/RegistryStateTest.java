package com.musiccorp.platform.registry;

import com.musiccorp.platform.registry.LogRecord.ConfigKey;
import com.musiccorp.platform.registry.LogRecord.ConfigValue;
import com.musiccorp.platform.registry.LogRecord.Key;
import com.musiccorp.platform.registry.LogRecord.MaxIdKey;
import com.musiccorp.platform.registry.LogRecord.MaxIdValue;
import com.musiccorp.platform.registry.LogRecord.SchemaKey;
import com.musiccorp.platform.registry.LogRecord.SchemaValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.musiccorp.platform.registry.RegistryHttp.record;
import static org.assertj.core.api.Assertions.assertThat;

class RegistryStateTest {
    private static final String A = record("A", "x:int");
    private static final String B = record("B", "y:int");
    private static final String B_REFORMATTED = B.replace(",", " ,\n  ");

    /**
     * The fold's central promise: replaying what compaction keeps (the last record of every key, at its
     * offset) gives the state that replaying everything gives. The history below overwrites and deletes
     * every kind of key, including a level that allowed a registration and was changed afterwards.
     */
    @Test
    void compactedLogFoldsToTheSameState() {
        List<LogRecord> log = List.of(
                schema("s", 1, 1, A, false),
                config("s", "NONE"),
                schema("s", 2, 2, B, false),           // incompatible with A, allowed by NONE
                config("s", "BACKWARD"),               // replaces NONE: compaction drops NONE
                schema("t", 1, 2, B_REFORMATTED, false),
                schema("s", 1, 1, A, true),            // soft delete
                maxId(3),
                schema("u", 1, 3, record("C"), false),
                schema("u", 1, 3, record("C"), true),
                LogRecord.tombstone(new SchemaKey("u", 1)),
                config(null, "FULL"),
                LogRecord.tombstone(new ConfigKey(null)));

        RegistryState full = fold(log);
        RegistryState compacted = fold(compact(log));

        assertThat(describe(compacted)).isEqualTo(describe(full));
        assertThat(full.versions("s", false)).extracting(RegistryState.Version::version).containsExactly(2);
        assertThat(full.versions("s", true)).extracting(RegistryState.Version::version).containsExactly(1, 2);
        assertThat(full.subjects(false)).containsExactly("s", "t");
        assertThat(full.schema(3)).isEmpty();
        assertThat(full.maxId()).isEqualTo(3);
        assertThat(full.effectiveLevel("s")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(full.globalLevel()).isEqualTo(CompatibilityLevel.DEFAULT);
        assertThat(full.idHolder(AvroSchemas.parse(B_REFORMATTED).canonical())).map(RegistryState.Version::id).contains(2);
    }

    @Test
    void anIdServesTheSchemaOfItsEarliestRecord() {
        RegistryState state = fold(List.of(
                schema("t", 1, 7, B_REFORMATTED, false),
                schema("s", 1, 7, B, false)));
        assertThat(state.schema(7)).map(RegistryState.Version::schema).contains(B_REFORMATTED);
        assertThat(state.usages(7)).extracting(RegistryState.Version::subject).containsExactly("s", "t");
    }

    @Test
    void hardDeletedIdsStayReservedThroughTheWatermark() {
        RegistryState state = fold(List.of(maxId(5), schema("s", 1, 5, A, false), LogRecord.tombstone(new SchemaKey("s", 1))));
        assertThat(state.schema(5)).isEmpty();
        assertThat(state.maxId()).isEqualTo(5);
        assertThat(state.nextVersion("s")).isEqualTo(1);
    }

    @Test
    void versionsContinueAfterSoftDeletes() {
        RegistryState state = fold(List.of(schema("s", 1, 1, A, true), schema("s", 2, 2, B, true)));
        assertThat(state.hasSubject("s", false)).isFalse();
        assertThat(state.hasSubject("s", true)).isTrue();
        assertThat(state.nextVersion("s")).isEqualTo(3);
        assertThat(state.find("s", AvroSchemas.parse(A).canonical(), false)).isEmpty();
        assertThat(state.find("s", AvroSchemas.parse(A).canonical(), true)).map(RegistryState.Version::version).contains(1);
    }

    private static RegistryState fold(List<LogRecord> records) {
        Map<Long, LogRecord> withOffsets = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) withOffsets.put((long) i * 2, records.get(i)); // gaps like commit markers
        return fold(withOffsets);
    }

    private static RegistryState fold(Map<Long, LogRecord> recordsByOffset) {
        RegistryState state = new RegistryState();
        recordsByOffset.forEach((offset, record) -> state.apply(record, offset));
        return state;
    }

    /** What the log cleaner keeps: the last record of each key at its original offset, tombstones gone. */
    private static Map<Long, LogRecord> compact(List<LogRecord> records) {
        Map<Key, Long> last = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) last.put(records.get(i).key(), (long) i * 2);
        Map<Long, LogRecord> kept = new TreeMap<>();
        last.values().forEach(offset -> {
            LogRecord record = records.get((int) (offset / 2));
            if (record.value() != null) kept.put(offset, record);
        });
        return kept;
    }

    private static List<String> describe(RegistryState state) {
        List<String> out = new ArrayList<>();
        for (String subject : state.subjects(true)) {
            state.versions(subject, true).forEach(v -> out.add(subject + "/" + v.version() + " id=" + v.id()
                    + " deleted=" + v.deleted() + " " + v.schema()));
            out.add(subject + " level=" + state.subjectLevel(subject) + " mode=" + state.subjectMode(subject));
        }
        for (int id = 1; id <= state.maxId(); id++) {
            out.add("id " + id + " -> " + state.schema(id).map(RegistryState.Version::schema).orElse("none"));
        }
        out.add("global=" + state.globalLevelSet() + " maxId=" + state.maxId());
        return out;
    }

    private static LogRecord schema(String subject, int version, int id, String text, boolean deleted) {
        return new LogRecord(new SchemaKey(subject, version), new SchemaValue(subject, version, id, "AVRO", text, deleted));
    }

    private static LogRecord config(String subject, String level) {
        return new LogRecord(new ConfigKey(subject), new ConfigValue(level));
    }

    private static LogRecord maxId(int id) {
        return new LogRecord(new MaxIdKey(), new MaxIdValue(id));
    }
}
