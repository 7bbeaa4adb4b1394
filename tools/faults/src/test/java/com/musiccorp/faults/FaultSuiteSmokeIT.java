package com.musiccorp.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's small configuration, so it cannot rot: a few hundred sagas through a SIGKILL of
 * payments and of the payment gateway, a freeze of the warehouse and a slow gateway, on the whole system started as processes;
 * every invariant must hold and a fault must have hit sagas in flight.
 */
class FaultSuiteSmokeIT {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES) // a guard; the run takes ~3 min on a quiet 2-core machine
    void aSmokeRunThroughFaultsKeepsEveryInvariant() throws Exception {
        FaultReport report = FaultSuite.run(FaultOptions.parse("--smoke"), ROOT,
                ROOT.resolve("tools/faults/target/smoke-results"), System.out);

        assertThat(report.faultCounts()).containsEntry("sigkill", 2).containsEntry("scale-out", 1)
                .containsKey("sigstop");
        assertThat(report.faultCounts().get("slow-gateway-orders")).isPositive();
        assertThat(report.inFlight().values()).as("sagas in flight when each fault hit").anyMatch(n -> n > 0);
        assertThat(report.invariants()).as("failing invariants: %s", report.invariants().stream()
                .filter(r -> !r.holds()).toList()).allMatch(InvariantResult::holds);
        assertThat(report.headline()).isEqualTo(new Invariants.Headline(0, 0, 0, 0, 0));
        assertThat(report.invariants()).as("the clients' reads were checked, not only allowed")
                .filteredOn(r -> r.name().startsWith("read-your-writes") || r.name().startsWith("monotonic saga reads"))
                .hasSize(2).allMatch(r -> r.checked() > 0);
    }
}
