package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"Print the digest of a context's state: its SHA-256 and each store's entries and SHA-256.",
                "The SHA-256 is taken over every store's keys and values (canonical JSON). Two states hold the same "
                + "facts exactly when their "
                + "digests are equal, whichever instance, generation or replay produced them.",
                "GETs /admin/<context>/digest under the one base URL; --of-rebuild digests the caught-up rebuild "
                        + "instead of the serving state."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:digest printed",
                "1:an error answer (404 no such context, 409 no caught-up rebuild, 503 state not ready yet) or no answer",
                "2:bad usage"},
        footerHeading = "%nExamples:%n",
        footer = {"  musiccorp cli digest saga-status",
                "  musiccorp cli digest orders",
                "  musiccorp cli digest saga-status --of-rebuild",
                "  musiccorp cli digest saga-status --json | jq -r .sha256"})
final class DigestCommand implements Callable<Integer> {
    private final MusicCorpCli.Io io;

    @Parameters(paramLabel = "CONTEXT", description = "The context whose state to digest, e.g. saga-status or orders.")
    String context;
    @Option(names = "--of-rebuild", description = "Digest the context's caught-up rebuild, not the serving state.")
    boolean ofRebuild;
    @Mixin
    Options.Api api;
    @Mixin
    Options.Output output;

    DigestCommand(MusicCorpCli.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        JsonNode digest = new AdminApi(api, context).digest(ofRebuild);
        if (output.json) {
            io.out().println(Json.pretty(digest));
        } else {
            DigestTable.print(io.out(), digest, "");
        }
        return MusicCorpCli.OK;
    }
}
