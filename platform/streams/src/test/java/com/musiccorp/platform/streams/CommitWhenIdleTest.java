package com.musiccorp.platform.streams;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CommitWhenIdleTest {

    private final MockProcessorContext<String, String> context = new MockProcessorContext<>();
    private final Processor<String, String, String, String> processor = CommitWhenIdle.<String>after(Duration.ofSeconds(1)).get();
    private long now = 1_000_000;

    @BeforeEach
    void start() {
        context.setCurrentSystemTimeMs(now);
        processor.init(context);
    }

    @Test
    void everyRecordGoesOnAsItCame() {
        processor.process(new Record<>("k", "v", 42));

        assertThat(context.forwarded()).singleElement()
                .satisfies(f -> assertThat(f.record()).isEqualTo(new Record<>("k", "v", 42)));
    }

    @Test
    void aCommitIsAskedForOnceTheInputPausedForTheQuietTimeAndOnlyOnce() {
        processor.process(new Record<>("k", "v", 1));
        tick(Duration.ofMillis(750));
        assertThat(context.committed()).as("still within the quiet time").isFalse();
        tick(Duration.ofMillis(250));
        assertThat(context.committed()).isTrue();

        context.resetCommit();
        tick(Duration.ofSeconds(5));
        assertThat(context.committed()).as("nothing processed since").isFalse();
    }

    @Test
    void noCommitIsAskedForWhileRecordsKeepComing() {
        for (int i = 0; i < 20; i++) {
            processor.process(new Record<>("k", "v" + i, i));
            tick(Duration.ofMillis(500));
        }
        assertThat(context.committed()).as("the commit interval decides under load").isFalse();
    }

    @Test
    void anIdleTaskThatProcessedNothingAsksForNothing() {
        tick(Duration.ofMinutes(1));
        assertThat(context.committed()).isFalse();
    }

    /** The wall clock moves on by {@code by}; the punctuation runs as Streams would run it. */
    private void tick(Duration by) {
        now += by.toMillis();
        context.setCurrentSystemTimeMs(now);
        context.scheduledPunctuators().getFirst().getPunctuator().punctuate(now);
    }
}
