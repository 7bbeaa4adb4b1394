package com.musiccorp.platform.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * {@code ./musiccorp status}: every service of the last {@code ./musiccorp start} with its state,
 * pid, address and restarts, from {@link StatusFile}. Each pid is checked: the file of a start
 * command that was itself killed is stale, and a service it calls READY whose process is gone (or
 * whose pid now belongs to another process) is shown DOWN. Exits 0 while at least one service runs,
 * 1 otherwise.
 */
public final class StatusCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private StatusCommand() {
    }

    public static void main(String[] args) throws IOException {
        String home = System.getenv("MUSICCORP_HOME");
        Path stateDir = home == null || home.isBlank() ? Path.of(".musiccorp") : Path.of(home);
        System.exit(print(stateDir, System.out, Instant.now()));
    }

    /** Prints the table; returns the exit code: 0 when at least one service's process is alive. */
    static int print(Path stateDir, PrintStream out, Instant now) throws IOException {
        StatusFile file = StatusFile.readFrom(stateDir);
        if (file == null) {
            out.println("Nothing was started with MUSICCORP_HOME=" + stateDir + " (no " + StatusFile.in(stateDir)
                    + "): ./musiccorp start");
            return 1;
        }
        boolean launcherAlive = alive(file.launcherPid(), file.launcherStartedAt());
        out.println(launcherAlive
                ? "The start command runs (pid " + file.launcherPid() + ", since " + when(file.launcherStartedAt(), now) + ")."
                : "The start command (pid " + file.launcherPid() + ") is not running: what follows is what it last"
                        + " wrote, each pid checked now.");
        out.printf("%-16s %-10s %-8s %-28s %-8s %s%n", "SERVICE", "STATE", "PID", "ADDRESS", "RESTARTS", "SINCE");
        int running = 0;
        for (StatusFile.Row r : file.rows()) {
            boolean claimsToRun = r.pid() != 0;
            boolean isAlive = claimsToRun && alive(r.pid(), r.pidStarted());
            String state = r.state().name();
            String note = "";
            if (isAlive) {
                running++;
                if (!launcherAlive) note = "  (unsupervised: its start command is gone)";
            } else if (claimsToRun) {
                state = Supervisor.State.DOWN.name();
                note = "  (was " + r.state() + "; pid " + r.pid() + " is not running)";
            }
            out.printf("%-16s %-10s %-8s %-28s %-8d %s%s%n", r.service(), state, claimsToRun ? r.pid() : "-",
                    r.address() == null ? "-" : r.address(), r.restarts(), when(r.since(), now), note);
        }
        if (running == 0) out.println("Nothing runs.");
        return running > 0 ? 0 : 1;
    }

    /** The pid is alive and, when both start times are known, is the same process that was recorded. */
    static boolean alive(long pid, Instant startedAt) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive() || zombie(pid)) return false;
        Optional<Instant> actual = p.get().info().startInstant();
        return startedAt == null || actual.isEmpty()
                || Duration.between(actual.get(), startedAt).abs().compareTo(Duration.ofSeconds(1)) <= 0;
    }

    /** Killed but not yet reaped by its parent: Java calls such a process alive. Linux only; elsewhere false. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            int afterName = stat.lastIndexOf(')'); // the name may hold spaces and parentheses
            return afterName > 0 && stat.length() > afterName + 2 && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String when(Instant t, Instant now) {
        if (t == null) return "-";
        Duration ago = Duration.between(t, now);
        if (ago.isNegative()) ago = Duration.ZERO;
        String age = ago.toHours() > 0 ? ago.toHours() + "h" + ago.toMinutesPart() + "m"
                : ago.toMinutes() > 0 ? ago.toMinutes() + "m" + ago.toSecondsPart() + "s" : ago.toSeconds() + "s";
        return TIME.format(t) + " (" + age + " ago)";
    }
}
