package com.musiccorp.platform.streams;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Passes every record on, and asks for a commit as soon as this round of processing is done when a
 * record another step of the same context waits for goes by: a hop inside one context (an order's step
 * asking its SKU's step, through the context's own repartition topic). The next step can read such a
 * record only once it is committed, and the commit is the same thread's, so without a request the hop
 * waits for the thread's next commit, after the round in which the record was read: up to a whole
 * commit interval, where a hop between contexts waits about half of one.
 *
 * <p>Kafka Streams commits every task of the thread on a request, and a request does not move its
 * next regular commit. So requests are spaced at least {@code gap} apart per stream thread: at most
 * one more transaction per {@code gap}, however many records ask, and under a backlog the rounds still
 * batch what they read.
 */
public final class CommitPromptly<V> implements Processor<String, V, String, V> {

    private static final long EXACTLY_ONCE_DEFAULT_INTERVAL_MS = 100;

    private final Predicate<? super V> awaited;
    private final long gapMs;
    private final ThreadLocal<long[]> lastRequestAt;
    private ProcessorContext<String, V> context;

    private CommitPromptly(Predicate<? super V> awaited, long gapMs, ThreadLocal<long[]> lastRequestAt) {
        this.awaited = awaited;
        this.gapMs = gapMs;
        this.lastRequestAt = lastRequestAt;
    }

    /**
     * @param awaited the records another step of this context waits for
     * @param gap     the least time between two requests of one stream thread (the commit interval:
     *                at most twice as many transactions)
     */
    public static <V> ProcessorSupplier<String, V, String, V> when(Predicate<? super V> awaited, Duration gap) {
        // One clock per stream thread, shared by its tasks: a request commits them all.
        ThreadLocal<long[]> lastRequestAt = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});
        return () -> new CommitPromptly<>(awaited, gap.toMillis(), lastRequestAt);
    }

    /** Spaced by the application's commit interval ({@code streamsProperties}; Streams' 100 ms under exactly-once when unset). */
    public static <V> ProcessorSupplier<String, V, String, V> when(Predicate<? super V> awaited,
            Properties streamsProperties) {
        Object interval = streamsProperties.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        return when(awaited, Duration.ofMillis(interval == null ? EXACTLY_ONCE_DEFAULT_INTERVAL_MS
                : Long.parseLong(interval.toString().strip())));
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, V> record) {
        context.forward(record);
        if (!awaited.test(record.value())) return;
        long now = context.currentSystemTimeMs();
        long[] last = lastRequestAt.get();
        if (last[0] != Long.MIN_VALUE && now - last[0] < gapMs) return;
        last[0] = now;
        context.commit();
    }
}
