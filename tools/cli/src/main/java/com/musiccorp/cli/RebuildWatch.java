package com.musiccorp.cli;

/**
 * Follows a started rebuild: asks for its status every {@code pollMillis} until it leaves REBUILDING,
 * showing each answer as one progress line. The interval is a parameter so tests poll without waiting.
 */
final class RebuildWatch {
    private final AdminApi admin;
    private final long pollMillis;
    private final ProgressLine line;

    RebuildWatch(AdminApi admin, long pollMillis, ProgressLine line) {
        this.admin = admin;
        this.pollMillis = pollMillis;
        this.line = line;
    }

    /** The first finished status, starting from the one the POST answered. */
    RebuildReport until(RebuildReport started) {
        RebuildReport report = started;
        try {
            line.show(report.progressLine());
            while (!report.finished()) {
                pause();
                report = new RebuildReport(admin.rebuildStatus());
                line.show(report.progressLine());
            }
            return report;
        } finally {
            line.end(); // an error, too, must start on its own line
        }
    }

    private void pause() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted; the rebuild goes on in the service");
        }
    }
}
