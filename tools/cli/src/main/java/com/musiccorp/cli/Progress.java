package com.musiccorp.cli;

import java.io.PrintWriter;

/** Progress of a long read on stderr, at most every two seconds, so stdout stays pipeable. */
final class Progress {
    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final String what;
    private long last = System.nanoTime();

    Progress(PrintWriter err, String what) {
        this.err = err;
        this.what = what;
    }

    void report(long done, long total) {
        long now = System.nanoTime();
        if (now - last < EVERY_NANOS) return;
        last = now;
        err.printf("%s: %d of %d records read%n", what, done, total);
        err.flush();
    }
}
