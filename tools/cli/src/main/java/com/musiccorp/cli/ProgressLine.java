package com.musiccorp.cli;

import java.io.Console;
import java.io.PrintWriter;

/**
 * A progress line on stderr that a watcher reads: rewritten in place on a terminal (so a long wait
 * stays one line), one line per update everywhere else (pipes, CI logs, tests), where carriage
 * returns would pile up as noise. Unlike {@link Progress} it shows every update: the caller already
 * paces them.
 */
final class ProgressLine {
    private static final String CLEAR_TO_END_OF_LINE = "\u001b[K";

    private final PrintWriter err;
    private final boolean terminal;
    private boolean open;

    ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    void show(String line) {
        if (terminal) {
            err.print("\r" + line + CLEAR_TO_END_OF_LINE);
            open = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the line being rewritten, so what comes next starts on its own line. */
    void end() {
        if (open) {
            err.println();
            err.flush();
            open = false;
        }
    }

    /**
     * Whether this process talks to a terminal. Java cannot ask about stderr alone: a console exists
     * when stdin and stdout are terminals, so with stdout piped (into jq) progress falls back to plain
     * lines, which is still correct, only longer. From JDK 22 a console may exist without a terminal,
     * hence {@code isTerminal()}, looked up reflectively because the build targets 21.
     */
    static boolean stdioIsTerminal() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) return false; // dumb: no escape codes
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true; // up to JDK 21 a console exists only on a terminal
        }
    }
}
