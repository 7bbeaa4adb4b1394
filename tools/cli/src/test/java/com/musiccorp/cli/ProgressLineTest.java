package com.musiccorp.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** On a terminal progress rewrites one line; elsewhere every update is its own line. */
class ProgressLineTest {

    @Test
    void onATerminalOneLineIsRewrittenAndEndedOnce() {
        StringWriter err = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(err), true);
        line.show("1 event");
        line.show("2 events");
        line.end();
        line.end();
        assertThat(err.toString()).isEqualTo("\r1 event\u001b[K\r2 events\u001b[K" + System.lineSeparator());
    }

    @Test
    void elsewhereEachUpdateIsALine() {
        StringWriter err = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(err), false);
        line.show("1 event");
        line.show("2 events");
        line.end();
        assertThat(err.toString().lines()).containsExactly("1 event", "2 events");
    }
}
