package com.musiccorp.platform.http.deadletters;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of {@code /admin/<context>/dead-letters}. Micronaut leaves out null and empty
 * values; the list, its cursor and a letter's headers are written even when empty or null.
 */
final class DeadLetterViews {

    private DeadLetterViews() {
    }

    /**
     * One dead letter. {@code partition}/{@code offset} are its place in the dead-letter topic (what
     * re-drive names); {@code source} is where the original was read.
     */
    @Serdeable
    record Letter(int partition, long offset, Instant deadLetteredAt, @Nullable String exception,
                  @Nullable String reason, @Nullable Source source, @Nullable String key,
                  int valueBytes, @Nullable String valueText, @Nullable String valueHex,
                  @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, String> headers, @Nullable ReDriven reDriven) {
    }

    @Serdeable
    record Source(@Nullable String topic, @Nullable Integer partition, @Nullable Long offset) {
    }

    /** A re-drive that happened: where the copy went ({@code topic:partition:offset}) and when. */
    @Serdeable
    record ReDriven(String to, Instant at) {
    }

    /**
     * A page, newest first; {@code next} is the {@code after} of the following page, null on the last.
     * {@code olderNotScanned}: records older than the scanned window ({@link DeadLetterQueue#SCAN_WINDOW}).
     */
    @Serdeable
    record Page(String context, String topic, @JsonInclude(JsonInclude.Include.ALWAYS) List<Letter> deadLetters,
                @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next, long olderNotScanned) {
    }

    /** The outcome of a re-drive: {@code written} is false when an earlier re-drive had already written it. */
    @Serdeable
    record ReDrive(String context, int partition, long offset, boolean written, ReDriven reDriven) {
    }

    @Serdeable
    record Problem(String message, @Nullable String field) {
    }
}
