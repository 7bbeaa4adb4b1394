package com.musiccorp.platform.streams.rebuild;

import java.util.Optional;
import java.util.Properties;

/**
 * Where a context's generation record outlives its state directory: a wiped or recreated directory
 * must not send a context that switched to generation N back to generation 0, whose group and
 * topics a switch deleted (a processor would then decide every input again from the start).
 */
public interface GenerationLog {

    /** The last record written, if any was. */
    Optional<Properties> latest();

    /** Writes {@code record} durably; returns once it is. */
    void append(Properties record);

    /** No copy beyond the state directory (unit tests of the local file only). */
    GenerationLog LOCAL_ONLY = new GenerationLog() {
        @Override
        public Optional<Properties> latest() {
            return Optional.empty();
        }

        @Override
        public void append(Properties record) {
        }
    };
}
