package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;

/**
 * A rebuild's status JSON (platform/streams' RebuildStatus, as GET /admin/<context>/rebuild answers
 * it) read for `replay`: is it finished, did it succeed, and the progress line and summary a person
 * reads. Numbers are formatted with {@link Locale#ROOT} so output is the same on every machine.
 */
final class RebuildReport {
    static final String REBUILDING = "REBUILDING";
    // SWITCHED serves the rebuilt state; CAUGHT_UP keeps it beside the live one (as-of): both did their job.
    private static final Set<String> SUCCEEDED = Set.of("SWITCHED", "CAUGHT_UP");

    private final JsonNode status;

    RebuildReport(JsonNode status) {
        this.status = status;
    }

    JsonNode json() {
        return status;
    }

    String phase() {
        return status.path("phase").asText("?");
    }

    /** Anything but REBUILDING is final, including phases newer than this CLI. */
    boolean finished() {
        return !REBUILDING.equals(phase());
    }

    boolean succeeded() {
        return SUCCEEDED.contains(phase());
    }

    String message() {
        return text("message", "");
    }

    /** e.g. {@code saga-status generation 3 REBUILDING: 12,000 events, 4,000.0 events/s, lag 3,400}. */
    String progressLine() {
        return String.format(Locale.ROOT, "%s generation %s %s: %,d events, %,.1f events/s, lag %s",
                text("context", "?"), text("generation", "?"), phase(), status.path("eventsDone").asLong(),
                status.path("eventsPerSecond").asDouble(), lag());
    }

    void printSummary(PrintWriter out) {
        out.printf(Locale.ROOT, "%s rebuild, generation %s: %s%n", text("context", "?"), text("generation", "?"), phase());
        out.printf(Locale.ROOT, "  application id  %s%n", text("applicationId", "?"));
        out.printf(Locale.ROOT, "  serving now     %s%n", text("serving", "?"));
        out.printf(Locale.ROOT, "  as of           %s%n", text("asOf", "every event"));
        out.printf(Locale.ROOT, "  events          %,d (%,.1f events/s), lag %s%n", status.path("eventsDone").asLong(),
                status.path("eventsPerSecond").asDouble(), lag());
        long deadLetters = status.path("deadLetters").asLong(0);
        out.printf(Locale.ROOT, "  not folded      %s%n", deadLetters == 0 ? "none"
                : String.format(Locale.ROOT, "%,d record(s), in %s-dead-letters", deadLetters, text("applicationId", "?")));
        JsonNode digest = status.path("digest");
        if (digest.isObject()) {
            out.println("  digest");
            DigestTable.print(out, digest, "    ");
        } else {
            out.println("  digest          none (the rebuild did not catch up)");
        }
        out.printf(Locale.ROOT, "  message         %s%n", message().isEmpty() ? "-" : message());
    }

    /** The server reports -1 until it has measured the lag once. */
    private String lag() {
        long lag = status.path("remainingLag").asLong(-1);
        return lag < 0 ? "not measured yet" : String.format(Locale.ROOT, "%,d", lag);
    }

    private String text(String field, String absent) {
        JsonNode value = status.path(field);
        return value.isMissingNode() || value.isNull() ? absent : value.asText();
    }
}
