package com.musiccorp.platform.registry;

import com.musiccorp.platform.registry.LogRecord.ConfigKey;
import com.musiccorp.platform.registry.LogRecord.ConfigValue;
import com.musiccorp.platform.registry.LogRecord.MaxIdKey;
import com.musiccorp.platform.registry.LogRecord.MaxIdValue;
import com.musiccorp.platform.registry.LogRecord.ModeKey;
import com.musiccorp.platform.registry.LogRecord.ModeValue;
import com.musiccorp.platform.registry.LogRecord.SchemaKey;
import com.musiccorp.platform.registry.LogRecord.SchemaValue;
import com.musiccorp.platform.registry.RegistryLog.Plan;
import com.musiccorp.platform.registry.RegistryState.Version;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry's operations with Confluent's semantics: what is checked, in which order, which error
 * each case gives, and which records a write puts in the log. Reads answer from {@link RegistryState};
 * writes go through {@link RegistryLog#write}, which runs their checks against caught-up state.
 */
@Singleton
final class Registry {
    /** Confluent's sentinel for "latest" in a version path. */
    static final int LATEST = -1;

    private final RegistryState state;
    private final RegistryLog log;
    private final CompatibilityChecker checker;

    Registry(RegistryState state, RegistryLog log, CompatibilityChecker checker) {
        this.state = state;
        this.log = log;
        this.checker = checker;
    }

    // ---- registering and looking up

    /** Registers a schema under a subject and answers its global id; an already live schema keeps its id and version. */
    int register(String subject, String schemaText, String schemaType, boolean hasReferences) {
        AvroSchemas.requireAvro(schemaType);
        if (hasReferences) throw RegistryException.invalidSchema("Schema references are not supported by this registry");
        AvroSchemas.Parsed candidate = AvroSchemas.parse(schemaText);
        return log.write(s -> {
            if (s.effectiveMode(subject) == RegistryMode.READONLY) throw RegistryException.readOnly(subject);
            Optional<Version> existing = s.find(subject, candidate.canonical(), false);
            if (existing.isPresent()) return Plan.answer(existing.get().id());
            CompatibilityLevel level = s.effectiveLevel(subject);
            List<String> problems = checker.check(level, candidate.schema(), history(s.versions(subject, false)));
            if (!problems.isEmpty()) throw RegistryException.incompatible(subject, problems);

            List<LogRecord> records = new ArrayList<>();
            Optional<Version> holder = s.idHolder(candidate.canonical());
            int id;
            String text;
            if (holder.isPresent()) { // same schema as in another subject or an earlier version: same id, same text
                id = holder.get().id();
                text = holder.get().schema();
            } else {
                id = s.maxId() + 1;
                text = candidate.text();
                records.add(new LogRecord(new MaxIdKey(), new MaxIdValue(id)));
            }
            int version = s.nextVersion(subject);
            records.add(new LogRecord(new SchemaKey(subject, version),
                    new SchemaValue(subject, version, id, AvroSchemas.AVRO, text, false)));
            return new Plan<>(records, id);
        });
    }

    /** The version of a subject that has this schema (POST /subjects/{subject}). */
    Version lookup(String subject, String schemaText, String schemaType, boolean includeDeleted) {
        if (!state.hasSubject(subject, includeDeleted)) throw RegistryException.subjectNotFound(subject);
        AvroSchemas.requireAvro(schemaType);
        AvroSchemas.Parsed candidate = AvroSchemas.parse(schemaText);
        return state.find(subject, candidate.canonical(), includeDeleted).orElseThrow(RegistryException::schemaNotFound);
    }

    // ---- reading

    List<String> subjects(boolean includeDeleted, String prefix) {
        return state.subjects(includeDeleted).stream().filter(s -> prefix == null || s.startsWith(prefix)).toList();
    }

    List<Integer> versions(String subject, boolean includeDeleted) {
        List<Version> versions = state.versions(subject, includeDeleted);
        if (versions.isEmpty()) throw RegistryException.subjectNotFound(subject);
        return versions.stream().map(Version::version).toList();
    }

    /** GET /subjects/{subject}/versions/{version}; "latest" and -1 are the latest live version. */
    Version version(String subject, String versionText, boolean includeDeleted) {
        int version = parseVersion(versionText);
        return state.read(s -> {
            Optional<Version> found = version == LATEST ? s.latest(subject, includeDeleted)
                    : s.version(subject, version).filter(v -> includeDeleted || !v.deleted());
            if (found.isPresent()) return found.get();
            if (!s.hasSubject(subject, includeDeleted)) throw RegistryException.subjectNotFound(subject);
            throw RegistryException.versionNotFound(version);
        });
    }

    Version schema(String idText) {
        int id;
        try {
            id = Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound(idText);
        }
        return state.schema(id).orElseThrow(() -> RegistryException.schemaNotFound(idText));
    }

    /** The subject-versions that use an id; soft-deleted ones only with {@code includeDeleted}. */
    List<Version> usages(String idText, boolean includeDeleted) {
        Version any = schema(idText);
        return state.usages(any.id()).stream().filter(v -> includeDeleted || !v.deleted()).toList();
    }

    int maxId() {
        return state.maxId();
    }

    List<Version> allVersions() {
        return state.allVersions();
    }

    // ---- compatibility

    /**
     * Tests a schema against one version ({@code versionText} set; "latest" of a subject without
     * versions is compatible) or against every live version ({@code versionText} null), under the
     * subject's level. Returns the messages, empty when compatible.
     */
    List<String> testCompatibility(String subject, String versionText, String schemaText, String schemaType) {
        Integer version = versionText == null ? null : parseVersion(versionText);
        List<Version> against = state.read(s -> {
            if (version == null) return s.versions(subject, false);
            Optional<Version> found = version == LATEST ? s.latest(subject, false)
                    : s.version(subject, version).filter(v -> !v.deleted());
            if (found.isPresent()) return List.of(found.get());
            if (version == LATEST) return List.of();
            if (s.hasSubject(subject, false)) throw RegistryException.versionNotFound(version);
            throw RegistryException.subjectNotFound(subject);
        });
        AvroSchemas.requireAvro(schemaType);
        AvroSchemas.Parsed candidate = AvroSchemas.parse(schemaText);
        return checker.check(state.effectiveLevel(subject), candidate.schema(), history(against));
    }

    // ---- deleting

    /** DELETE /subjects/{subject}: soft deletes every live version, or hard deletes a soft-deleted subject. */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        return log.write(s -> {
            List<Version> all = s.versions(subject, true);
            if (all.isEmpty()) throw RegistryException.subjectNotFound(subject);
            List<Version> live = s.versions(subject, false);
            if (s.effectiveMode(subject) == RegistryMode.READONLY) throw RegistryException.readOnly(subject);
            List<LogRecord> records = new ArrayList<>();
            List<Integer> deleted;
            if (permanent) {
                if (!live.isEmpty()) throw RegistryException.subjectNotSoftDeleted(subject);
                all.forEach(v -> records.add(LogRecord.tombstone(new SchemaKey(subject, v.version()))));
                deleted = all.stream().map(Version::version).toList();
            } else {
                if (live.isEmpty()) throw RegistryException.subjectSoftDeleted(subject);
                live.forEach(v -> records.add(new LogRecord(new SchemaKey(subject, v.version()), v.value().withDeleted(true))));
                deleted = live.stream().map(Version::version).toList();
            }
            dropSubjectSettings(s, subject, records);
            return new Plan<>(records, deleted);
        });
    }

    /** DELETE /subjects/{subject}/versions/{version}: soft, or hard after soft. "latest" is the newest version, deleted or not. */
    int deleteVersion(String subject, String versionText, boolean permanent) {
        int version = parseVersion(versionText);
        return log.write(s -> {
            if (!s.hasSubject(subject, true)) throw RegistryException.subjectNotFound(subject);
            Version target = (version == LATEST ? s.latest(subject, true) : s.version(subject, version))
                    .orElseThrow(() -> RegistryException.versionNotFound(version));
            if (s.effectiveMode(subject) == RegistryMode.READONLY) throw RegistryException.readOnly(subject);
            SchemaKey key = new SchemaKey(subject, target.version());
            List<LogRecord> records = new ArrayList<>();
            if (permanent) {
                if (!target.deleted()) throw RegistryException.versionNotSoftDeleted(subject, target.version());
                records.add(LogRecord.tombstone(key));
            } else {
                if (target.deleted()) throw RegistryException.versionSoftDeleted(subject, target.version());
                records.add(new LogRecord(key, target.value().withDeleted(true)));
                boolean lastLive = s.versions(subject, false).size() == 1;
                if (lastLive) dropSubjectSettings(s, subject, records);
            }
            return new Plan<>(records, target.version());
        });
    }

    /** Like Confluent, a subject without live versions loses its own compatibility level and mode. */
    private static void dropSubjectSettings(RegistryState s, String subject, List<LogRecord> records) {
        if (s.subjectLevel(subject).isPresent()) records.add(LogRecord.tombstone(new ConfigKey(subject)));
        if (s.subjectMode(subject).isPresent()) records.add(LogRecord.tombstone(new ModeKey(subject)));
    }

    // ---- compatibility levels and modes

    CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    /** GET /config/{subject}: 40408 when the subject has no level of its own, unless {@code defaultToGlobal}. */
    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        return state.read(s -> s.subjectLevel(subject).orElseGet(() -> {
            if (defaultToGlobal) return s.globalLevel();
            throw RegistryException.subjectLevelNotConfigured(subject);
        }));
    }

    /** PUT /config or /config/{subject} (subject null = global). */
    CompatibilityLevel setLevel(String subject, String levelName) {
        CompatibilityLevel level = CompatibilityLevel.parseOrThrow(levelName);
        return log.write(s -> {
            boolean unchanged = subject == null ? s.globalLevelSet().equals(Optional.of(level))
                    : s.subjectLevel(subject).equals(Optional.of(level));
            if (unchanged) return Plan.answer(level);
            return new Plan<>(List.of(new LogRecord(new ConfigKey(subject), new ConfigValue(level.name()))), level);
        });
    }

    /** DELETE /config (back to the default) or /config/{subject} (40401 when it has no level). Answers the level removed. */
    CompatibilityLevel deleteLevel(String subject) {
        return log.write(s -> {
            Optional<CompatibilityLevel> current = subject == null ? s.globalLevelSet() : s.subjectLevel(subject);
            if (current.isEmpty()) {
                if (subject != null) throw RegistryException.subjectNotFound(subject);
                return Plan.answer(CompatibilityLevel.DEFAULT);
            }
            return new Plan<>(List.of(LogRecord.tombstone(new ConfigKey(subject))), current.get());
        });
    }

    RegistryMode globalMode() {
        return state.globalMode();
    }

    RegistryMode subjectMode(String subject, boolean defaultToGlobal) {
        return state.read(s -> s.subjectMode(subject).orElseGet(() -> {
            if (defaultToGlobal) return s.globalMode();
            throw RegistryException.subjectModeNotConfigured(subject);
        }));
    }

    RegistryMode setMode(String subject, String modeName) {
        RegistryMode mode = RegistryMode.parse(modeName).orElseThrow(() -> RegistryException.invalidMode(modeName));
        return log.write(s -> new Plan<>(List.of(new LogRecord(new ModeKey(subject), new ModeValue(mode.name()))), mode));
    }

    RegistryMode deleteMode(String subject) {
        return log.write(s -> {
            Optional<RegistryMode> current = s.subjectMode(subject);
            if (current.isEmpty()) throw RegistryException.subjectNotFound(subject);
            return new Plan<>(List.of(LogRecord.tombstone(new ModeKey(subject))), current.get());
        });
    }

    // ---- helpers

    /** "latest", -1 or 1..2^31-1, else 42202. */
    static int parseVersion(String text) {
        if ("latest".equalsIgnoreCase(text)) return LATEST;
        try {
            int version = Integer.parseInt(text);
            if (version >= 1 || version == LATEST) return version;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw RegistryException.invalidVersion(text);
    }

    private static List<CompatibilityChecker.Previous> history(List<Version> versions) {
        return versions.stream().filter(v -> v.parsed() != null).map(Version::previous).toList();
    }
}
