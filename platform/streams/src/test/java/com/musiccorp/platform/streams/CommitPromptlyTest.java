package com.musiccorp.platform.streams;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class CommitPromptlyTest {

    private final ProcessorSupplier<String, String, String, String> supplier =
            CommitPromptly.when(v -> v.startsWith("awaited"), Duration.ofMillis(50));
    private static final long START = 1_000_000;
    private long now = START;

    @Test
    void everyRecordGoesOnAsItCame() {
        MockProcessorContext<String, String> context = task();
        Processor<String, String, String, String> processor = started(context);

        processor.process(new Record<>("k", "awaited", 42));
        processor.process(new Record<>("k", "other", 43));

        assertThat(context.forwarded().stream().map(f -> (Object) f.record()))
                .containsExactly(new Record<>("k", "awaited", 42), new Record<>("k", "other", 43));
    }

    @Test
    void anAwaitedRecordAsksForACommitAndAnyOtherDoesNot() {
        MockProcessorContext<String, String> context = task();
        Processor<String, String, String, String> processor = started(context);

        processor.process(new Record<>("k", "other", 1));
        assertThat(context.committed()).isFalse();

        processor.process(new Record<>("k", "awaited", 2));
        assertThat(context.committed()).isTrue();
    }

    @Test
    void aThreadAsksAtMostOncePerGapWhicheverOfItsTasksTheRecordsComeThrough() {
        MockProcessorContext<String, String> first = task();
        MockProcessorContext<String, String> second = task();
        Processor<String, String, String, String> one = started(first);
        Processor<String, String, String, String> other = started(second);

        one.process(new Record<>("k", "awaited", 1));
        assertThat(first.committed()).isTrue();

        at(START + 49, first, second);
        other.process(new Record<>("k", "awaited", 2));
        one.process(new Record<>("k", "awaited", 3));
        assertThat(second.committed()).as("the first request committed every task of the thread").isFalse();

        first.resetCommit();
        at(START + 50, first, second);
        other.process(new Record<>("k", "awaited", 4));
        assertThat(second.committed()).as("a gap later").isTrue();
        assertThat(first.committed()).isFalse();
    }

    @Test
    void anotherStreamThreadKeepsItsOwnGap() throws Exception {
        MockProcessorContext<String, String> here = task();
        started(here).process(new Record<>("k", "awaited", 1));
        assertThat(here.committed()).isTrue();

        MockProcessorContext<String, String> there = task();
        CompletableFuture.runAsync(() -> started(there).process(new Record<>("k", "awaited", 2))).get();

        assertThat(there.committed()).isTrue();
    }

    private MockProcessorContext<String, String> task() {
        MockProcessorContext<String, String> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(now);
        return context;
    }

    private Processor<String, String, String, String> started(MockProcessorContext<String, String> context) {
        Processor<String, String, String, String> processor = supplier.get();
        processor.init(context);
        return processor;
    }

    private void at(long time, MockProcessorContext<?, ?>... contexts) {
        now = time;
        for (MockProcessorContext<?, ?> c : contexts) c.setCurrentSystemTimeMs(time);
    }
}
