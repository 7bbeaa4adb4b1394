package com.musiccorp.platform.streams;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness rule for replaced stream threads, on a clock the test moves. */
class ThreadFailuresTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ThreadFailures failures = new ThreadFailures(now::get);

    @Test
    void noFailureIsReady() {
        assertThat(failures.notReadyBecause()).isNull();
    }

    @Test
    void oneFailureIsNotReadyForThirtySecondsWithItsReason() {
        failures.failed("registry unreachable");
        after(Duration.ofSeconds(29));
        assertThat(failures.notReadyBecause()).contains("stream thread failed 29 s ago", "registry unreachable");
        after(Duration.ofSeconds(1));
        assertThat(failures.notReadyBecause()).isNull();
    }

    @Test
    void aThreadThatFailsEvery45SecondsIsNeverReadyAgainUntilItHasRunTwiceThatLongWithoutFailing() {
        failures.failed("poison");
        after(Duration.ofSeconds(45));
        failures.failed("poison"); // a second failure: from here on it is a loop, not a hiccup
        for (int i = 3; i <= 10; i++) {
            for (int s = 0; s < 45; s += 5) {
                after(Duration.ofSeconds(5));
                assertThat(failures.notReadyBecause()).as("%d s after failure %d", s + 5, i - 1).isNotNull();
            }
            failures.failed("poison");
        }
        assertThat(failures.notReadyBecause())
                .contains("stream thread failed 10 times in 405 s, at most 45 s apart", "poison", "none has failed for 90 s");

        after(Duration.ofSeconds(89));
        assertThat(failures.notReadyBecause()).isNotNull();
        after(Duration.ofSeconds(1));
        assertThat(failures.notReadyBecause()).as("90 s without a failure").isNull();
    }

    @Test
    void failuresFarApartAreEachOneShortFailure() {
        failures.failed("first");
        after(ThreadFailures.REPEAT_WINDOW);
        failures.failed("second");
        assertThat(failures.notReadyBecause()).contains("failed 0 s ago: second");
        after(ThreadFailures.FAILING_WINDOW);
        assertThat(failures.notReadyBecause()).isNull();
    }

    @Test
    void failuresMinutesApartAreStillOneStreakThatAsksForTwiceTheGap() {
        failures.failed("slow loop");
        after(Duration.ofMinutes(4));
        failures.failed("slow loop");
        after(Duration.ofMinutes(8).minusSeconds(1));
        assertThat(failures.notReadyBecause()).contains("none has failed for 480 s");
        after(Duration.ofSeconds(1));
        assertThat(failures.notReadyBecause()).isNull();
    }

    private void after(Duration d) {
        now.addAndGet(d.toNanos());
    }
}
