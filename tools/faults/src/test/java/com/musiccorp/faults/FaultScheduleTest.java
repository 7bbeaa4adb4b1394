package com.musiccorp.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FaultScheduleTest {
    @Test
    void theFullScheduleKillsAndFreezesEveryContextAndTheRegistryWithinTheLoad() {
        Duration load = Duration.ofMinutes(8);
        FaultSchedule s = FaultSchedule.full(load);
        List<Fault> faults = s.faults().stream().map(FaultSchedule.Scheduled::fault).toList();
        for (String context : SystemUnderFaults.CONTEXTS) {
            assertThat(faults).contains(new Fault.Kill(context));
            assertThat(faults).anyMatch(f -> f instanceof Fault.Freeze fr && fr.target().equals(context));
        }
        assertThat(faults).contains(new Fault.Kill("schema-registry"), new Fault.BrokerRestart(), new Fault.SagaStatusRebuild());
        assertThat(faults).anyMatch(f -> f instanceof Fault.Freeze fr && fr.target().equals("payment-gateway"));
        assertThat(faults).contains(new Fault.Kill("payment-gateway"));
        assertThat(faults).contains(new Fault.ScaleOut("warehouse", Duration.ofSeconds(60)));
        assertThat(s.faults()).allMatch(f -> f.at().compareTo(load) < 0);
        assertThat(s.faults()).isSortedAccordingTo(java.util.Comparator.comparing(FaultSchedule.Scheduled::at));
        for (int i = 1; i < faults.size(); i++) {
            assertThat(faults.get(i).target()).as("consecutive faults hit different services").isNotEqualTo(faults.get(i - 1).target());
        }
    }

    @Test
    void theSmokeScheduleScalesOneContextFreezesAnotherThenKillsTheGatewayAndAThird() {
        FaultSchedule s = FaultSchedule.smoke(Duration.ofSeconds(20));
        assertThat(s.faults()).extracting(f -> f.fault().kind()).containsExactly("scale-out", "sigstop", "sigkill", "sigkill");
        assertThat(s.faults()).extracting(f -> f.fault().target())
                .containsExactly("loyalty", "warehouse", "payment-gateway", "payments");
    }
}
