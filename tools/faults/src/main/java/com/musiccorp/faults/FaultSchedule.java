package com.musiccorp.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The faults of a run, each due at an offset from the start of the load. */
record FaultSchedule(List<Scheduled> faults) {
    record Scheduled(Duration at, Fault fault) {
    }

    FaultSchedule {
        faults = List.copyOf(faults);
    }

    private static final Duration FREEZE = Duration.ofSeconds(5);
    private static final Duration SCALED_FOR = Duration.ofSeconds(60);

    /**
     * The small configuration the test suite runs: a context scaled to two instances and back, one
     * freeze of another, one SIGKILL of a third and one of the payment gateway within the load (the
     * slow gateway is part of the order mix).
     */
    static FaultSchedule smoke(Duration load) {
        return new FaultSchedule(List.of(
                new Scheduled(fraction(load, 0.05), new Fault.ScaleOut("loyalty", Duration.ofSeconds(10))),
                new Scheduled(fraction(load, 0.2), new Fault.Freeze("warehouse", Duration.ofSeconds(4))),
                new Scheduled(fraction(load, 0.4), new Fault.Kill("payment-gateway")),
                new Scheduled(fraction(load, 0.6), new Fault.Kill("payments"))));
    }

    /**
     * Every fault once, spread over the load: SIGKILL and SIGSTOP/SIGCONT of each context, of the
     * registry and of the payment gateway (its ledger is journaled), a broker restart, a saga-status
     * rebuild, and the warehouse scaled to two instances for a minute and back.
     */
    static FaultSchedule full(Duration load) {
        List<Fault> all = new ArrayList<>();
        for (String context : SystemUnderFaults.CONTEXTS) {
            all.add(new Fault.Kill(context));
            all.add(new Fault.Freeze(context, FREEZE));
        }
        all.add(new Fault.Kill("schema-registry"));
        all.add(new Fault.Freeze("schema-registry", FREEZE));
        all.add(new Fault.Kill("payment-gateway"));
        all.add(new Fault.Freeze("payment-gateway", FREEZE));
        all.add(new Fault.SagaStatusRebuild());
        all.add(new Fault.BrokerRestart());
        all.add(new Fault.ScaleOut("warehouse", SCALED_FOR));
        // interleave so that consecutive faults hit different services
        List<Fault> ordered = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 2) ordered.add(all.get(i));
        for (int i = 1; i < all.size(); i += 2) ordered.add(all.get(i));
        List<Scheduled> scheduled = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            scheduled.add(new Scheduled(fraction(load, 0.05 + 0.85 * i / ordered.size()), ordered.get(i)));
        }
        return new FaultSchedule(scheduled);
    }

    private static Duration fraction(Duration load, double f) {
        return Duration.ofMillis(Math.round(load.toMillis() * f));
    }
}
