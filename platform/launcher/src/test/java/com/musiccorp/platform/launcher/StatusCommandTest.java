package com.musiccorp.platform.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./musiccorp status} reads what the start command last wrote and believes no pid it has not
 * checked: a file left behind by a start command that was killed must not claim anything runs.
 */
class StatusCommandTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void aStaleFileOfADeadStartCommandClaimsNothingRuns(@TempDir Path home) throws Exception {
        long gone = finishedPid();
        Instant at = Instant.parse("2026-12-05T10:00:00Z");
        new StatusFile(gone, at, List.of(
                new StatusFile.Row("kafka", Supervisor.State.READY, gone, null, "localhost:9092", 0, at),
                new StatusFile.Row("payments", Supervisor.State.RESTARTING, gone, null, null, 3, at),
                new StatusFile.Row("orders", Supervisor.State.STOPPED, 0, null, "http://localhost:8082", 0, at)))
                .writeTo(home);

        assertThat(status(home)).as("exit code").isEqualTo(1);
        assertThat(text()).contains("(pid " + gone + ") is not running", "Nothing runs.")
                .containsPattern("kafka +DOWN +" + gone + " +localhost:9092 +0 .*\\(was READY; pid " + gone + " is not running\\)")
                .containsPattern("payments +DOWN +" + gone + " +- +3 ")
                .containsPattern("orders +STOPPED +- +http://localhost:8082 +0 ");
    }

    @Test
    void aLiveProcessIsShownInTheStateTheFileGivesAndTheExitCodeIsZero(@TempDir Path home) throws Exception {
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElse(null);
        new StatusFile(self.pid(), started, List.of(
                new StatusFile.Row("payment-gateway", Supervisor.State.READY, self.pid(), started, "http://localhost:8090", 2,
                        Instant.now()))).writeTo(home);

        assertThat(status(home)).isZero();
        assertThat(text()).contains("The start command runs (pid " + self.pid())
                .containsPattern("payment-gateway +READY +" + self.pid() + " +http://localhost:8090 +2 ");
    }

    @Test
    void aPidNowHeldByAnotherProcessIsNotTheService(@TempDir Path home) throws Exception {
        ProcessHandle self = ProcessHandle.current();
        Instant otherStart = Instant.parse("2001-01-01T00:00:00Z"); // the recorded process started long ago
        new StatusFile(self.pid(), otherStart, List.of(
                new StatusFile.Row("loyalty", Supervisor.State.READY, self.pid(), otherStart, null, 0, otherStart)))
                .writeTo(home);

        assertThat(status(home)).isEqualTo(1);
        assertThat(text()).containsPattern("loyalty +DOWN ");
    }

    @Test
    void noFileMeansNothingWasStarted(@TempDir Path home) throws Exception {
        assertThat(status(home)).isEqualTo(1);
        assertThat(text()).contains("Nothing was started", "./musiccorp start");
    }

    private int status(Path home) throws Exception {
        return StatusCommand.print(home, new PrintStream(printed, true, StandardCharsets.UTF_8), Instant.now());
    }

    private String text() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** The pid of a process that has ended (pids are not reused that soon). */
    private static long finishedPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
