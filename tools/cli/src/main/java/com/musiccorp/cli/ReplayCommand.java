package com.musiccorp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rebuild a context's state from its event topics and follow it until it is caught up.",
                "Blue/green: the service reads the context's input topics from the beginning into a new generation "
                        + "while the old state serves, then switches to it once caught up (SWITCHED). With --as-of "
                        + "only events up to that instant are folded and the result is kept beside the live state "
                        + "(CAUGHT_UP, not serving), to look at with --view.",
                "Drives POST/GET/DELETE /admin/<context>/rebuild under the one base URL. Progress (events done, "
                        + "events/s, remaining lag, phase) goes to stderr every poll; the final status (phase, "
                        + "generation, the application id serving now, the state's digest, the message) to stdout.",
                "A rebuild runs in the service: Ctrl-C stops only the waiting. Follow it later with "
                        + "`query /admin/<context>/rebuild`."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:SWITCHED or CAUGHT_UP; started (--no-wait); discarded (--discard); view shown (--view)",
                "1:FAILED or discarded meanwhile (the message on stderr), an error answer (409 already running or "
                        + "several instances serve, 400, 404 no such context or rebuild), or no answer",
                "2:bad usage, e.g. --as-of not an instant (nothing was sent)"},
        footerHeading = "%nExamples:%n",
        footer = {"  musiccorp cli replay saga-status",
                "  musiccorp cli replay saga-status --as-of 2026-11-23T10:02:00Z",
                "  musiccorp cli replay saga-status --view <correlationId>",
                "  musiccorp cli replay orders --no-wait --api-url http://gateway:8080",
                "  musiccorp cli replay saga-status --discard",
                "  musiccorp cli replay saga-status --json | jq .digest.sha256"})
final class ReplayCommand implements Callable<Integer> {
    private final MusicCorpCli.Io io;

    @Parameters(paramLabel = "CONTEXT", description = "The context to rebuild, e.g. saga-status or orders (the service "
            + "that owns it answers 404 for a context it does not own).")
    String context;
    @Option(names = "--as-of", paramLabel = "INSTANT", converter = AsOf.class,
            description = "Fold only events up to this ISO-8601 instant, e.g. 2026-11-23T10:02:00Z; the result is kept "
                    + "beside the live state instead of serving.")
    Instant asOf;
    @Option(names = "--no-wait", description = "Start the rebuild and print its first status without following it.")
    boolean noWait;
    @Option(names = "--discard", description = "Start nothing: discard the context's current rebuild (its state and "
            + "topics are deleted) and print its final status.")
    boolean discard;
    @Option(names = "--view", paramLabel = "KEY", description = "Start nothing: print one key (e.g. a correlation id) "
            + "as the caught-up rebuild knows it.")
    String view;
    @Option(names = "--poll-interval", paramLabel = "MILLIS", defaultValue = "500",
            description = "How often to ask for progress while waiting (default: ${DEFAULT-VALUE} ms).")
    long pollMillis;
    @Mixin
    Options.Api api;
    @Mixin
    Options.Output output;

    ReplayCommand(MusicCorpCli.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        checkCombination();
        AdminApi admin = new AdminApi(api, context);
        if (view != null) {
            io.out().println(Json.pretty(admin.viewInRebuild(view)));
            return MusicCorpCli.OK;
        }
        if (discard) {
            print(new RebuildReport(admin.discardRebuild()));
            return MusicCorpCli.OK;
        }
        RebuildReport report = new RebuildReport(admin.startRebuild(Optional.ofNullable(asOf)));
        if (noWait) {
            print(report);
            io.err().println("started; follow it with: musiccorp cli query /admin/" + context + "/rebuild");
            return MusicCorpCli.OK;
        }
        report = new RebuildWatch(admin, pollMillis, new ProgressLine(io.err(), io.terminal())).until(report);
        print(report);
        if (report.succeeded()) return MusicCorpCli.OK;
        io.err().println("rebuild of " + context + " ended " + report.phase()
                + (report.message().isEmpty() ? "" : ": " + report.message()));
        return MusicCorpCli.FAILED;
    }

    // Checked here rather than with picocli argument groups: the reasons read better than a synopsis.
    private void checkCombination() {
        if (discard && view != null) throw CliException.invalid("--discard and --view are separate actions: give one");
        String action = discard ? "--discard" : view != null ? "--view" : null;
        if (action != null && (asOf != null || noWait)) {
            throw CliException.invalid(action + " starts no rebuild, so " + (asOf != null ? "--as-of" : "--no-wait")
                    + " does not apply");
        }
        if (pollMillis < 0) throw CliException.invalid("--poll-interval must be 0 or more milliseconds");
    }

    private void print(RebuildReport report) {
        if (output.json) {
            io.out().println(Json.pretty(report.json()));
        } else {
            report.printSummary(io.out());
        }
    }

    /** Refuses a bad --as-of while parsing, so nothing is sent and the message names the option. */
    static final class AsOf implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not an ISO-8601 instant such as 2026-11-23T10:02:00Z");
            }
        }
    }
}
