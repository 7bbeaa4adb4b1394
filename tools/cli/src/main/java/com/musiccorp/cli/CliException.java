package com.musiccorp.cli;

/** An expected failure: its message is for the user (no stack trace), with the exit code to end with. */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CliException invalid(String message) {
        return new CliException(MusicCorpCli.INVALID, message);
    }

    static CliException failed(String message) {
        return new CliException(MusicCorpCli.FAILED, message);
    }

    int exitCode() {
        return exitCode;
    }
}
