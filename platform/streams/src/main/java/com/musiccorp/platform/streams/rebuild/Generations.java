package com.musiccorp.platform.streams.rebuild;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Which generation of a context's state serves, kept in {@code <state dir>/generation.properties}.
 * A generation is one application id, so one consumer group, one set of changelog and repartition
 * topics and one local state directory ({@code <state dir>/<application id>}): generation 0 is
 * {@code musiccorp-<context>} (every install starts there), generation N is
 * {@code musiccorp-<context>-gN}. A rebuild takes a number never used before, so it never meets a
 * half-deleted topic or a stale local directory of an abandoned attempt.
 *
 * <p>Every change is written to a {@link GenerationLog} in Kafka first, then to the file; a start
 * that finds no file (a wiped or recreated state directory) reads the record back from the log
 * ({@link #syncWithLog}) before it picks its application id.
 */
public final class Generations {

    private static final String FILE = "generation.properties";

    private final Path stateDir;
    private final String baseApplicationId;
    private final GenerationLog log;

    public Generations(Path stateDir, String baseApplicationId, GenerationLog log) {
        this.stateDir = stateDir;
        this.baseApplicationId = baseApplicationId;
        this.log = log;
    }

    /**
     * Called once when a context that can switch generations starts, before it picks its
     * application id: without a file (a wiped or recreated state directory) the record comes back
     * from the log; a file the log does not have yet (written before the log existed) is copied to it.
     */
    public synchronized void syncWithLog() {
        Optional<Properties> logged = log.latest();
        if (!Files.exists(stateDir.resolve(FILE))) {
            logged.ifPresent(this::writeFile);
            return;
        }
        Properties local = read();
        if (!logged.map(local::equals).orElse(false)) log.append(local);
    }

    /** The generation that serves; 0 when no rebuild ever switched. */
    public int active() {
        return Integer.parseInt(read().getProperty("active", "0"));
    }

    public String applicationId(int generation) {
        return generation == 0 ? baseApplicationId : baseApplicationId + "-g" + generation;
    }

    public String activeApplicationId() {
        return applicationId(active());
    }

    /** Reserves the next unused generation number for a rebuild, and records that it was used. */
    public synchronized int reserveNext() {
        Properties p = read();
        int last = Math.max(Integer.parseInt(p.getProperty("active", "0")), Integer.parseInt(p.getProperty("last", "0")));
        int next = last + 1;
        p.setProperty("last", Integer.toString(next));
        write(p);
        return next;
    }

    /** Makes {@code generation} the one that serves, from the next start of the service on too. */
    public synchronized void activate(int generation) {
        Properties p = read();
        p.setProperty("active", Integer.toString(generation));
        write(p);
    }

    private Properties read() {
        Properties p = new Properties();
        Path file = stateDir.resolve(FILE);
        if (!Files.exists(file)) {
            return p;
        }
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return p;
    }

    private void write(Properties p) {
        log.append(p); // first: a crash between the two leaves the file behind the log, which a wipe repairs
        writeFile(p);
    }

    private void writeFile(Properties p) {
        try {
            Files.createDirectories(stateDir);
            Path tmp = Files.createTempFile(stateDir, FILE, ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "the generation of this context's state that serves; see Generations");
            }
            // Atomic: a crash leaves the old file or the new one, never half of one.
            Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateDir.resolve(FILE), e);
        }
    }
}
