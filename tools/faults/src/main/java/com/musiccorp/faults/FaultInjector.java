package com.musiccorp.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a {@link FaultSchedule} against the running system while the load runs: each fault is
 * injected when due, and how long the system took to serve again is measured.
 */
final class FaultInjector {
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);
    /** A rebuild reads every event again beside the live load: on a busy 2-core machine that takes minutes. */
    static final Duration REBUILD_LIMIT = Duration.ofMinutes(15);
    private static final Duration POLL = Duration.ofMillis(100);

    /**
     * What happened to one fault.
     *
     * @param injectedAt    wall clock, ms
     * @param endedAt       wall clock, ms: when the fault itself was over (SIGCONT sent, kill done, restart returned)
     * @param recoveredAt   wall clock, ms: when the service (and every context) served again; 0 if it never did
     */
    record Outcome(String kind, String target, long injectedAt, long endedAt, long recoveredAt, String note) {
        boolean recovered() {
            return recoveredAt > 0;
        }

        long recoveryMillis() {
            return recovered() ? recoveredAt - injectedAt : -1;
        }
    }

    private final SystemUnderFaults system;
    private final PrintStream out;
    private final List<Outcome> outcomes = new ArrayList<>();

    FaultInjector(SystemUnderFaults system, PrintStream out) {
        this.system = system;
        this.out = out;
    }

    /**
     * Injects each fault when it is due, on its own thread, so faults of different services may
     * overlap (a restart that takes longer than the gap to the next fault does not postpone it);
     * faults of the same service wait for each other. Completes once every fault has recovered or
     * given up.
     */
    CompletableFuture<List<Outcome>> runInBackground(FaultSchedule schedule, long loadStartNanos) {
        List<CompletableFuture<Void>> each = new ArrayList<>();
        for (FaultSchedule.Scheduled s : schedule.faults()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    long wait = loadStartNanos + s.at().toNanos() - System.nanoTime();
                    if (wait > 0) Waits.pause(Duration.ofNanos(wait));
                    Outcome o;
                    synchronized (lockOf(s.fault().target())) {
                        o = inject(s.fault());
                    }
                    synchronized (outcomes) {
                        outcomes.add(o);
                    }
                    out.printf("  fault %-20s %-16s recovered in %s%s%n", o.kind(), o.target(),
                            o.recovered() ? o.recoveryMillis() + " ms" : "NEVER", o.note().isEmpty() ? "" : " (" + o.note() + ")");
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "fault-" + s.fault().kind() + "-" + s.fault().target());
            t.setDaemon(true);
            t.start();
            each.add(done);
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(v -> outcomes());
    }

    private final java.util.Map<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    private Object lockOf(String service) {
        return locks.computeIfAbsent(service, s -> new Object());
    }

    /** The outcomes so far, in the order the faults were injected. */
    List<Outcome> outcomes() {
        synchronized (outcomes) {
            return outcomes.stream().sorted(java.util.Comparator.comparingLong(Outcome::injectedAt)).toList();
        }
    }

    Outcome inject(Fault fault) throws Exception {
        long injectedAt = System.currentTimeMillis();
        String note = "";
        switch (fault) {
            case Fault.Kill kill -> {
                long old = system.kill(kill.target());
                long endedAt = System.currentTimeMillis();
                boolean back = Waits.until(RECOVERY_LIMIT, POLL, () -> system.readyWithPidOtherThan(kill.target(), old))
                        && serving(kill.target());
                return new Outcome(fault.kind(), fault.target(), injectedAt, endedAt, back ? System.currentTimeMillis() : 0,
                        "pid " + old + " -> " + system.pid(kill.target()));
            }
            case Fault.Freeze freeze -> {
                system.freeze(freeze.target());
                Waits.pause(freeze.forHowLong()); // the fault's own length, not a wait for the system
                system.thaw(freeze.target());
                long endedAt = System.currentTimeMillis();
                boolean back = serving(freeze.target());
                return new Outcome(fault.kind(), fault.target(), injectedAt, endedAt, back ? System.currentTimeMillis() : 0,
                        "frozen " + freeze.forHowLong().toSeconds() + " s");
            }
            case Fault.BrokerRestart restart -> {
                system.restartBroker();
                long endedAt = System.currentTimeMillis();
                boolean back = SystemUnderFaults.CONTEXTS.stream().allMatch(this::serving);
                return new Outcome(fault.kind(), fault.target(), injectedAt, endedAt, back ? System.currentTimeMillis() : 0,
                        "broker back after " + (endedAt - injectedAt) + " ms");
            }
            case Fault.ScaleOut scale -> {
                return scaleOut(scale, injectedAt);
            }
            case Fault.SagaStatusRebuild rebuild -> {
                Http.Answer started = Http.post(system.api() + "/admin/saga-status/rebuild", "{}", null);
                if (started.status() != 202) {
                    return new Outcome(fault.kind(), fault.target(), injectedAt, injectedAt, 0,
                            "refused: " + started.status() + " " + started.raw());
                }
                String[] phase = {"REBUILDING"};
                boolean finished = Waits.until(REBUILD_LIMIT, Duration.ofMillis(500), () -> {
                    Http.Answer a = Http.get(system.api() + "/admin/saga-status/rebuild");
                    if (a.status() == 200) phase[0] = a.body().path("phase").asText();
                    return !phase[0].equals("REBUILDING");
                });
                long endedAt = System.currentTimeMillis();
                note = "generation " + started.body().path("generation").asText() + " " + phase[0];
                return new Outcome(fault.kind(), fault.target(), injectedAt, endedAt,
                        finished && phase[0].equals("SWITCHED") ? endedAt : 0, note);
            }
        }
    }

    /**
     * Two instances, then one again. Recovered = the second owned partitions of its own while it ran
     * and, after it stopped, the first owns every partition again (one member in a stable group) and
     * serves. The note says whether the second
     * was given partitions of its own while it ran (Streams keeps a stateful task where its state
     * is caught up and warms the newcomer up first, so it may hold only standbys at first).
     */
    private Outcome scaleOut(Fault.ScaleOut scale, long injectedAt) throws Exception {
        String context = scale.target();
        String second = system.startSecondInstance(context);
        long joinedAt = System.currentTimeMillis();
        boolean spread = Waits.until(scale.holdFor(), Duration.ofMillis(500),
                () -> GroupMembers.of(system, context).spreadOver(2) && Http.get(second + "/health/ready").status() == 200);
        long spreadAt = System.currentTimeMillis();
        GroupMembers both = GroupMembers.of(system, context);
        long rest = scale.holdFor().toMillis() - (spreadAt - joinedAt);
        if (rest > 0) Waits.pause(Duration.ofMillis(rest)); // the fault's own length: load served by two
        system.stopSecondInstance(context);
        long endedAt = System.currentTimeMillis();
        boolean back = Waits.until(RECOVERY_LIMIT, POLL, () -> GroupMembers.of(system, context).spreadOver(1))
                && serving(context);
        String note = (spread ? "partitions per instance " + both.partitionsPerMember() + " after "
                + (spreadAt - joinedAt) + " ms" : "the second instance owned no partition within "
                + scale.holdFor().toSeconds() + " s (" + both.partitionsPerMember() + ")")
                + "; one instance again after " + (System.currentTimeMillis() - endedAt) + " ms";
        // A second instance that never owned a partition tested no hand-over: not a recovery.
        return new Outcome(scale.kind(), context, injectedAt, endedAt, spread && back ? System.currentTimeMillis() : 0, note);
    }

    /** Whether a service answers again as it should (a context: ready; the registry and gateway: a plain read). */
    boolean serving(String service) {
        return Waits.until(RECOVERY_LIMIT, POLL, () -> switch (service) {
            case "schema-registry" -> Http.get(system.registryUrl() + "/subjects").status() == 200;
            case "payment-gateway" -> Http.get(system.gateway() + "/ledger?orderId=probe").status() == 200;
            case "kafka" -> true;
            default -> Http.get(system.url(service) + "/health/ready").status() == 200;
        });
    }
}
