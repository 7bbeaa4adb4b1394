package com.musiccorp.faults;

import java.time.Duration;

/** One thing done to the running system. */
sealed interface Fault {
    /**
     * The kind as reported: {@code sigkill}, {@code sigstop}, {@code broker-restart}, {@code saga-status-rebuild},
     * {@code scale-out}.
     */
    String kind();

    /** The service it is done to. */
    String target();

    /** SIGKILL of a service's process, from outside: the launcher's supervisor restarts it. */
    record Kill(String target) implements Fault {
        public String kind() {
            return "sigkill";
        }
    }

    /** SIGSTOP of a service's process for a while, then SIGCONT: a process that hangs (GC, swap, a VM pause). */
    record Freeze(String target, Duration forHowLong) implements Fault {
        public String kind() {
            return "sigstop";
        }
    }

    /** The embedded broker stopped cleanly and started again on its data. */
    record BrokerRestart() implements Fault {
        public String kind() {
            return "broker-restart";
        }

        public String target() {
            return "kafka";
        }
    }

    /** POST /admin/saga-status/rebuild while the load runs: a blue/green rebuild that switches when caught up. */
    record SagaStatusRebuild() implements Fault {
        public String kind() {
            return "saga-status-rebuild";
        }

        public String target() {
            return "saga-status";
        }
    }

    /**
     * A second instance of a context started beside the first (a rebalance hands it partitions),
     * kept for a while, then stopped (its partitions move back, onto the standbys the first kept).
     */
    record ScaleOut(String target, Duration holdFor) implements Fault {
        public String kind() {
            return "scale-out";
        }
    }
}
