package com.musiccorp.platform.streams.rebuild;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void with_nothing_arriving_only_no_lag_at_all_is_caught_up() {
        CatchUp catchUp = new CatchUp(Duration.ofMillis(2_500));
        assertThat(catchUp.caughtUp(1)).as("before any rate is known").isFalse();
        catchUp.ends(1_000, 0);
        catchUp.ends(1_000, SECOND);

        assertThat(catchUp.acceptableLag()).isZero();
        assertThat(catchUp.caughtUp(1)).isFalse();
        assertThat(catchUp.caughtUp(0)).isTrue();
        assertThat(catchUp.caughtUp(-1)).as("a lag not measured yet").isFalse();
    }

    @Test
    void under_load_a_lag_within_what_arrives_in_one_window_is_caught_up() {
        CatchUp catchUp = new CatchUp(Duration.ofMillis(2_500));
        catchUp.ends(1_000, 0);
        catchUp.ends(1_200, SECOND / 2); // 400 records a second

        assertThat(catchUp.acceptableLag()).isEqualTo(1_000);
        assertThat(catchUp.caughtUp(1_000)).isTrue();
        assertThat(catchUp.caughtUp(1_001)).isFalse();

        catchUp.ends(1_200, SECOND); // the load stopped
        assertThat(catchUp.caughtUp(1)).isFalse();
    }
}
