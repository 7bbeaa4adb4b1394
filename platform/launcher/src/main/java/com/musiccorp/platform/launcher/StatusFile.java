package com.musiccorp.platform.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code $MUSICCORP_HOME/services.tsv}: what the start command last knew of each service, rewritten
 * whole (write, then rename) on every change of state, and read by {@code ./musiccorp status}.
 * A comment line names the start command's own pid; then one tab-separated row a service:
 * name, state, pid, when that pid started, address, restarts, since when in that state.
 */
record StatusFile(long launcherPid, Instant launcherStartedAt, List<Row> rows) {

    static final String NAME = "services.tsv";
    private static final String LAUNCHER = "# launcher";
    private static final String HEADER = "# service\tstate\tpid\tpid-started\taddress\trestarts\tsince";
    private static final String NONE = "-";

    /**
     * @param pid        0 while no process runs for it
     * @param pidStarted when the operating system started that pid, if known
     * @param address    what it serves on (its READY line's URL, or the broker's bootstrap servers), if known
     */
    record Row(String service, Supervisor.State state, long pid, Instant pidStarted, String address, int restarts,
               Instant since) {
    }

    StatusFile {
        rows = List.copyOf(rows);
    }

    static Path in(Path stateDir) {
        return stateDir.resolve(NAME);
    }

    void writeTo(Path stateDir) {
        Path file = in(stateDir);
        StringBuilder text = new StringBuilder(LAUNCHER).append('\t').append(launcherPid).append('\t')
                .append(orNone(launcherStartedAt)).append('\n').append(HEADER).append('\n');
        for (Row r : rows) {
            text.append(String.join("\t", r.service(), r.state().name(), r.pid() == 0 ? NONE : String.valueOf(r.pid()),
                    orNone(r.pidStarted()), r.address() == null ? NONE : r.address(), String.valueOf(r.restarts()),
                    orNone(r.since()))).append('\n');
        }
        try {
            Files.createDirectories(stateDir);
            Path tmp = stateDir.resolve(NAME + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** The file of {@code stateDir}, or null when there is none (nothing was ever started there). */
    static StatusFile readFrom(Path stateDir) throws IOException {
        Path file = in(stateDir);
        if (!Files.exists(file)) {
            return null;
        }
        long launcherPid = 0;
        Instant launcherStartedAt = null;
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (line.startsWith(LAUNCHER) && f.length >= 3) {
                launcherPid = Long.parseLong(f[1]);
                launcherStartedAt = instant(f[2]);
            } else if (!line.startsWith("#") && f.length == 7) {
                rows.add(new Row(f[0], Supervisor.State.valueOf(f[1]), f[2].equals(NONE) ? 0 : Long.parseLong(f[2]),
                        instant(f[3]), f[4].equals(NONE) ? null : f[4], Integer.parseInt(f[5]), instant(f[6])));
            }
        }
        return new StatusFile(launcherPid, launcherStartedAt, rows);
    }

    private static String orNone(Instant t) {
        return t == null ? NONE : t.toString();
    }

    private static Instant instant(String s) {
        return s.equals(NONE) ? null : Instant.parse(s);
    }
}
