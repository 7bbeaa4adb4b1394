package com.musiccorp.platform.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps the started services running. A service that has been READY once and then dies, other than
 * by {@link ServiceProcess#close} or {@link ServiceProcess#kill} (a stop or restart on purpose), is
 * reported on the console and in {@code logs/supervisor.log}, then started again after a back-off:
 * {@link #FIRST_DELAY}, doubling up to {@link #MAX_DELAY} while it keeps dying, and back to the first
 * once it has stayed READY for {@link #STABLE_AFTER}. Every change of state is written to
 * {@link StatusFile}, which {@code ./musiccorp status} reads.
 */
final class Supervisor {

    enum State {
        /** Started (first, or restarted on purpose), not READY yet. */
        STARTING,
        READY,
        /** Died; a restart is due after the back-off. */
        DOWN,
        /** Started again after dying, not READY yet. */
        RESTARTING,
        /** Stopped on purpose. */
        STOPPED
    }

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);
    static final Duration STABLE_AFTER = Duration.ofMinutes(1);

    /** Starts a service's process again, with the same definition and environment as before. */
    interface Launch {
        ServiceProcess start() throws IOException;
    }

    private static final class Service {
        final String name;
        final Launch launch;
        ServiceProcess process;
        State state;
        Instant since;
        String readyLine;
        /** Each service's own READY line: one, or each member's of a shared process. */
        Map<String, String> serviceLines = Map.of();
        Instant readyAt;
        boolean everReady;
        int restarts;
        Duration nextDelay = FIRST_DELAY;

        Service(String name, Launch launch) {
            this.name = name;
            this.launch = launch;
        }
    }

    private final Path stateDir;
    private final PrintStream out;
    private final Duration readyTimeout;
    /** When this JVM started, as the operating system says: tells the launcher's pid from a reused one. */
    private final Instant startedAt = ProcessHandle.current().info().startInstant().orElse(null);
    /** In start order, which {@link #processesInStartOrder} keeps. */
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "supervisor");
        t.setDaemon(true);
        return t;
    });
    private boolean stopping;

    Supervisor(Path stateDir, PrintStream out, Duration readyTimeout) {
        this.stateDir = stateDir;
        this.out = out;
        this.readyTimeout = readyTimeout;
    }

    /** A process just started by the launcher (the first start, or a restart on purpose): watched from now on. */
    synchronized void started(String name, ServiceProcess p, Launch launch) {
        Service s = services.computeIfAbsent(name, n -> new Service(n, launch));
        s.process = p;
        enter(s, State.STARTING);
        p.exited().thenAccept(code -> exited(s, p, code));
    }

    /** {@code p} printed its READY line; false when it no longer runs the service (replaced, or stopping). */
    synchronized boolean ready(String name, ServiceProcess p, String line) {
        Service s = services.get(name);
        if (s == null || s.process != p || stopping || !p.isAlive()) return false;
        s.readyLine = line;
        Map<String, String> lines = new LinkedHashMap<>();
        p.services().forEach(service -> lines.put(service, p.readyLine(service) != null ? p.readyLine(service) : line));
        s.serviceLines = lines;
        s.readyAt = Instant.now();
        s.everReady = true;
        enter(s, State.READY);
        return true;
    }

    /**
     * The last READY line of a service, kept while it is down (its address does not change), or null:
     * a process's, or that of one service of a shared process.
     */
    synchronized String readyLine(String name) {
        Service s = services.get(name);
        if (s != null) return s.readyLine;
        return services.values().stream().map(u -> u.serviceLines.get(name)).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    /** Every service that has been READY, those of shared processes one by one. */
    synchronized List<String> readyServices() {
        return services.values().stream().filter(s -> s.readyLine != null)
                .flatMap(s -> s.serviceLines.keySet().stream()).toList();
    }

    /** The process that runs a service now (or last ran it, while it is down): its own, or the shared one. */
    synchronized ServiceProcess process(String name) {
        Service s = services.get(name);
        if (s == null) {
            s = services.values().stream().filter(u -> u.process != null && u.process.services().contains(name))
                    .findFirst().orElse(null);
        }
        if (s == null || s.process == null) throw new IllegalArgumentException("no running service " + name);
        return s.process;
    }

    /** Stops restarting anything, and hands over every service's process, in start order, to be stopped. */
    synchronized List<ServiceProcess> stopSupervising() {
        stopping = true;
        restarts.shutdownNow();
        List<ServiceProcess> processes = new ArrayList<>();
        services.values().forEach(s -> processes.add(s.process));
        return processes;
    }

    /** After every process was stopped: the file says so, so that {@code status} shows nothing running. */
    synchronized void stopped() {
        services.values().forEach(s -> {
            if (s.state != State.STOPPED) enter(s, State.STOPPED);
        });
        writeStatus();
    }

    private synchronized void exited(Service s, ServiceProcess p, int code) {
        if (s.process != p) return; // already replaced: a restart on purpose started another
        if (stopping || p.stoppedOnPurpose()) {
            // Once stopped() has recorded it, a late exit writes nothing: the status file (and its
            // directory) belongs to whoever stopped the launcher from then on.
            if (s.state != State.STOPPED) enter(s, State.STOPPED);
            return;
        }
        boolean printedReady = p.ready().isDone() && !p.ready().isCompletedExceptionally();
        if (!s.everReady && !printedReady) {
            // The first start failed: the launcher reports it and gives up, as a restart would fail alike.
            enter(s, State.DOWN);
            return;
        }
        restartLater(s, s.name + " (pid " + p.pid() + ") died with exit " + code);
    }

    private void restartLater(Service s, String what) {
        Duration upFor = s.state == State.READY ? Duration.between(s.readyAt, Instant.now()) : Duration.ZERO;
        if (upFor.compareTo(STABLE_AFTER) >= 0) s.nextDelay = FIRST_DELAY;
        Duration delay = s.nextDelay;
        s.nextDelay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
        s.restarts++;
        enter(s, State.DOWN);
        report(what + "; restarting in " + delay.toSeconds() + " s (restart " + s.restarts + ")");
        ServiceProcess dead = s.process;
        restarts.schedule(() -> restart(s, dead), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restart(Service s, ServiceProcess dead) {
        if (stopping || s.process != dead) return; // stopping, or restarted on purpose meanwhile
        ServiceProcess p;
        try {
            logMarker(s, "=== restarted by the start command: restart " + s.restarts + " ===");
            p = s.launch.start();
        } catch (IOException | RuntimeException e) {
            restartLater(s, s.name + " could not be started again: " + e.getMessage());
            return;
        }
        s.process = p;
        enter(s, State.RESTARTING);
        p.exited().thenAccept(code -> exited(s, p, code));
        p.ready().copy().orTimeout(readyTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((line, failed) -> {
            if (failed == null) {
                if (ready(s.name, p, line)) report("restarted " + s.name + " (pid " + p.pid() + "): " + line.substring("READY".length()).strip());
            } else if (failed instanceof TimeoutException) {
                report(s.name + " (pid " + p.pid() + ") did not print READY within " + readyTimeout.toSeconds() + " s; killing it");
                p.abort(); // its exit restarts it
            }
        });
    }

    private void enter(Service s, State state) {
        s.state = state;
        s.since = Instant.now();
        writeStatus();
    }

    private void writeStatus() {
        // One row per service: the services of a shared process share its pid, state and restarts.
        List<StatusFile.Row> rows = services.values().stream().flatMap(s -> {
            boolean running = s.process != null && s.state != State.DOWN && s.state != State.STOPPED;
            List<String> names = s.process == null ? List.of(s.name) : s.process.services();
            return names.stream().map(name -> new StatusFile.Row(name, s.state, running ? s.process.pid() : 0,
                    running ? s.process.startedAt().orElse(null) : null,
                    address(s.serviceLines.getOrDefault(name, s.readyLine)), s.restarts, s.since));
        }).toList();
        try {
            new StatusFile(ProcessHandle.current().pid(), startedAt, rows).writeTo(stateDir);
        } catch (RuntimeException e) {
            out.println("could not write the status file: " + e.getMessage());
        }
    }

    /** Where a READY line says the service listens: {@code http=}, {@code url=} or the broker's {@code bootstrap.servers=}. */
    static String address(String readyLine) {
        if (readyLine == null) return null;
        for (String key : List.of("http=", "url=", "bootstrap.servers=")) {
            for (String part : readyLine.split(" ")) {
                if (part.startsWith(key)) return part.substring(key.length());
            }
        }
        return null;
    }

    /** On the console and, with the time, in {@code logs/supervisor.log}. */
    private void report(String line) {
        out.println(line);
        try {
            Path log = stateDir.resolve("logs");
            Files.createDirectories(log);
            Files.writeString(log.resolve("supervisor.log"), Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            out.println("could not write logs/supervisor.log: " + e.getMessage());
        }
    }

    /** A line in the service's own log between the life that ended and the next. */
    private void logMarker(Service s, String line) {
        try {
            Files.writeString(stateDir.resolve("logs").resolve(s.name + ".log"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is a convenience; the restart matters more
        }
    }
}
