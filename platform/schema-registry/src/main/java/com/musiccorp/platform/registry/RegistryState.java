package com.musiccorp.platform.registry;

import com.musiccorp.platform.registry.LogRecord.ConfigKey;
import com.musiccorp.platform.registry.LogRecord.ConfigValue;
import com.musiccorp.platform.registry.LogRecord.MaxIdKey;
import com.musiccorp.platform.registry.LogRecord.MaxIdValue;
import com.musiccorp.platform.registry.LogRecord.ModeKey;
import com.musiccorp.platform.registry.LogRecord.ModeValue;
import com.musiccorp.platform.registry.LogRecord.SchemaKey;
import com.musiccorp.platform.registry.LogRecord.SchemaValue;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The registry's whole state: a fold of the compacted topic, record by record, in offset order.
 *
 * <p>The fold is last-writer-wins per key and nothing else, so the state is a function of the latest
 * record of every key and their offsets, which is exactly what compaction keeps: replaying a
 * compacted topic gives the same state as replaying the full one. (A fold that <em>rejected</em>
 * records could not be: compaction keeps a rejected record and drops the earlier accepted one of the
 * same key.) Every rule that needs more than one key (compatibility, versions, id assignment) is
 * enforced by the single fenced writer, see {@link RegistryLog}. Where two keys could still disagree,
 * the earliest offset decides (the schema served for an id, the id of a schema text), which is the
 * same on every instance and survives compaction.
 */
@Singleton
final class RegistryState {
    private static final Logger log = LoggerFactory.getLogger(RegistryState.class);

    /** One registered version of a subject. {@code parsed} is null only for a record whose text does not parse. */
    record Version(String subject, int version, int id, String schema, Schema parsed, String canonical,
                   boolean deleted, long offset) {
        SchemaValue value() {
            return new SchemaValue(subject, version, id, AvroSchemas.AVRO, schema, deleted);
        }

        CompatibilityChecker.Previous previous() {
            return new CompatibilityChecker.Previous(version, parsed, schema);
        }
    }

    private final TreeMap<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
    private final TreeMap<Integer, TreeMap<Long, Version>> byId = new TreeMap<>();
    private final Map<String, TreeMap<Long, Version>> byCanonical = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private final Map<String, RegistryMode> subjectModes = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private RegistryMode globalMode;
    private int maxIdWatermark;

    /** Applies the record at {@code offset}; records must come in offset order. */
    synchronized void apply(LogRecord record, long offset) {
        switch (record.key()) {
            case SchemaKey k -> {
                remove(k);
                if (record.value() instanceof SchemaValue v) add(k, v, offset);
            }
            case ConfigKey k -> {
                if (record.value() instanceof ConfigValue v) {
                    CompatibilityLevel level = CompatibilityLevel.parse(v.compatibilityLevel()).orElse(null);
                    if (level == null) log.warn("Ignoring unknown compatibility level '{}' at offset {}", v.compatibilityLevel(), offset);
                    else if (k.subject() == null) globalLevel = level;
                    else subjectLevels.put(k.subject(), level);
                } else if (k.subject() == null) {
                    globalLevel = null;
                } else {
                    subjectLevels.remove(k.subject());
                }
            }
            case ModeKey k -> {
                RegistryMode mode = record.value() instanceof ModeValue v ? RegistryMode.parse(v.mode()).orElse(null) : null;
                if (k.subject() == null) globalMode = mode;
                else if (mode == null) subjectModes.remove(k.subject());
                else subjectModes.put(k.subject(), mode);
            }
            case MaxIdKey k -> {
                if (record.value() instanceof MaxIdValue v) maxIdWatermark = Math.max(maxIdWatermark, v.maxId());
            }
        }
    }

    private void remove(SchemaKey k) {
        TreeMap<Integer, Version> versions = subjects.get(k.subject());
        Version old = versions == null ? null : versions.remove(k.version());
        if (old == null) return;
        if (versions.isEmpty()) subjects.remove(k.subject());
        removeFrom(byId, old.id(), old.offset());
        removeFrom(byCanonical, old.canonical(), old.offset());
    }

    private void add(SchemaKey k, SchemaValue v, long offset) {
        Schema parsed = null;
        String canonical = v.schema();
        try {
            AvroSchemas.Parsed p = AvroSchemas.parse(v.schema());
            parsed = p.schema();
            canonical = p.canonical();
        } catch (RegistryException e) {
            log.warn("Schema of {} version {} (offset {}) does not parse: {}", k.subject(), k.version(), offset, e.getMessage());
        }
        Version version = new Version(k.subject(), k.version(), v.id(), v.schema(), parsed, canonical, v.deleted(), offset);
        TreeMap<Long, Version> holders = byId.get(v.id());
        if (holders != null && !holders.firstEntry().getValue().canonical().equals(canonical)) {
            log.error("Id {} claimed by {} version {} (offset {}) for another schema than earlier records; "
                    + "the earliest record keeps the id", v.id(), k.subject(), k.version(), offset);
        }
        subjects.computeIfAbsent(k.subject(), s -> new TreeMap<>()).put(k.version(), version);
        byId.computeIfAbsent(v.id(), i -> new TreeMap<>()).put(offset, version);
        byCanonical.computeIfAbsent(canonical, c -> new TreeMap<>()).put(offset, version);
    }

    private static <K> void removeFrom(Map<K, TreeMap<Long, Version>> index, K key, long offset) {
        TreeMap<Long, Version> entries = index.get(key);
        if (entries == null) return;
        entries.remove(offset);
        if (entries.isEmpty()) index.remove(key);
    }

    /** Runs several queries against one consistent state. */
    synchronized <T> T read(Function<RegistryState, T> query) {
        return query.apply(this);
    }

    // ---- subjects and versions

    /** Subjects with a live version; with {@code includeDeleted}, also those whose versions are all soft deleted. */
    synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.keySet().stream().filter(s -> hasSubject(s, includeDeleted)).toList();
    }

    synchronized boolean hasSubject(String subject, boolean includeDeleted) {
        return !versions(subject, includeDeleted).isEmpty();
    }

    /** Versions of a subject, oldest first; soft-deleted ones only with {@code includeDeleted}. */
    synchronized List<Version> versions(String subject, boolean includeDeleted) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) return List.of();
        return versions.values().stream().filter(v -> includeDeleted || !v.deleted()).toList();
    }

    /** A version whether soft deleted or not. */
    synchronized Optional<Version> version(String subject, int version) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        return Optional.ofNullable(versions == null ? null : versions.get(version));
    }

    synchronized Optional<Version> latest(String subject, boolean includeDeleted) {
        List<Version> versions = versions(subject, includeDeleted);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
    }

    /** The newest version of the subject with this schema; a live one wins over a soft-deleted one. */
    synchronized Optional<Version> find(String subject, String canonical, boolean includeDeleted) {
        List<Version> matches = versions(subject, true).stream().filter(v -> v.canonical().equals(canonical)).toList();
        Optional<Version> live = matches.stream().filter(v -> !v.deleted()).reduce((a, b) -> b);
        if (live.isPresent() || !includeDeleted) return live;
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.getLast());
    }

    /** The next version of a subject: soft-deleted versions keep their numbers, as in Confluent. */
    synchronized int nextVersion(String subject) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        return versions == null ? 1 : versions.lastKey() + 1;
    }

    synchronized List<Version> allVersions() {
        return subjects.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    // ---- ids

    /** The schema served for an id (the earliest record holding it), soft-deleted versions included. */
    synchronized Optional<Version> schema(int id) {
        TreeMap<Long, Version> holders = byId.get(id);
        return holders == null ? Optional.empty() : Optional.of(holders.firstEntry().getValue());
    }

    /** Every version registered with this id, in subject then version order. */
    synchronized List<Version> usages(int id) {
        TreeMap<Long, Version> holders = byId.get(id);
        if (holders == null) return List.of();
        List<Version> all = new ArrayList<>(holders.values());
        all.sort((a, b) -> a.subject().equals(b.subject())
                ? Integer.compare(a.version(), b.version()) : a.subject().compareTo(b.subject()));
        return all;
    }

    /** The id a schema already has in any subject (soft-deleted versions included). */
    synchronized Optional<Version> idHolder(String canonical) {
        TreeMap<Long, Version> holders = byCanonical.get(canonical);
        return holders == null ? Optional.empty() : Optional.of(holders.firstEntry().getValue());
    }

    synchronized int maxId() {
        return Math.max(maxIdWatermark, byId.isEmpty() ? 0 : byId.lastKey());
    }

    // ---- configuration

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized Optional<CompatibilityLevel> globalLevelSet() {
        return Optional.ofNullable(globalLevel);
    }

    synchronized CompatibilityLevel globalLevel() {
        return Objects.requireNonNullElse(globalLevel, CompatibilityLevel.DEFAULT);
    }

    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElseGet(this::globalLevel);
    }

    synchronized Optional<RegistryMode> subjectMode(String subject) {
        return Optional.ofNullable(subjectModes.get(subject));
    }

    synchronized RegistryMode globalMode() {
        return Objects.requireNonNullElse(globalMode, RegistryMode.READWRITE);
    }

    synchronized RegistryMode effectiveMode(String subject) {
        return subjectMode(subject).orElseGet(this::globalMode);
    }
}
