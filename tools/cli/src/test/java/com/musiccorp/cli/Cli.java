package com.musiccorp.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in this JVM as a user would type it, capturing what it prints and its exit code. */
final class Cli {
    private Cli() {
    }

    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (String line : out.split("\n")) if (!line.isBlank()) lines.add(line);
            return lines;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run run(String... args) {
        return runWithInput("", args);
    }

    static Run runWithInput(String stdin, String... args) {
        return run(stdin, new StringWriter(), args);
    }

    /** With the caller's stderr buffer, to watch a long-running command's progress from another thread. */
    static Run run(String stdin, StringWriter err, String... args) {
        StringWriter out = new StringWriter();
        int code = MusicCorpCli.run(new MusicCorpCli.Io(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))), args);
        return new Run(code, out.toString(), err.toString());
    }
}
