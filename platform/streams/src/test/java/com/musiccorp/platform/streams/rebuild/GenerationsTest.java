package com.musiccorp.platform.streams.rebuild;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationsTest {

    @TempDir
    Path stateDir;

    @Test
    void a_new_install_serves_generation_zero_under_the_context_s_own_application_id() {
        Generations generations = new Generations(stateDir, "musiccorp-saga-status", GenerationLog.LOCAL_ONLY);
        assertThat(generations.active()).isZero();
        assertThat(generations.activeApplicationId()).isEqualTo("musiccorp-saga-status");
        assertThat(generations.applicationId(3)).isEqualTo("musiccorp-saga-status-g3");
    }

    @Test
    void a_rebuild_never_reuses_a_number_even_one_that_was_abandoned_and_the_switch_survives_a_restart() {
        Generations generations = new Generations(stateDir, "musiccorp-orders", GenerationLog.LOCAL_ONLY);
        assertThat(generations.reserveNext()).isEqualTo(1);
        assertThat(generations.reserveNext()).as("1 was abandoned").isEqualTo(2);
        generations.activate(2);

        Generations afterRestart = new Generations(stateDir, "musiccorp-orders", GenerationLog.LOCAL_ONLY);
        assertThat(afterRestart.active()).isEqualTo(2);
        assertThat(afterRestart.activeApplicationId()).isEqualTo("musiccorp-orders-g2");
        assertThat(afterRestart.reserveNext()).isEqualTo(3);
    }
}
