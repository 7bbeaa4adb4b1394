package com.musiccorp.platform.streams;

import com.musiccorp.platform.metrics.ProcessMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Map;

/**
 * What one Kafka Streams application of a context measures, and whether it counts: only the
 * application that serves the context does. A rebuild runs the same topology under another
 * application id over every event again; what it decides must not be counted a second time, until
 * it takes over serving ({@link #startServing()}, at the switch) and from then on counts what is new.
 * Like {@link DeadLetterRoute} it reaches what Kafka instantiates (the dead-letter handlers) and the
 * topology through the Streams configuration, as an object under {@link #CONFIG}.
 *
 * <p>Meters are counted where a step decides, never where a store is restored: restoring writes the
 * stores directly and runs no processor, so neither a restart nor a standby counts anything again.
 * They are not transactional: a task that fails before its commit and processes the same records
 * again counts them again.
 */
public final class ContextMeters {
    public static final String CONFIG = "musiccorp.context.meters";

    /** {@code musiccorp_dead_letters_total{context, stage}}; stage: {@code read}, {@code process} or {@code write}. */
    public static final String DEAD_LETTERS = "musiccorp.dead.letters";

    private final String context;
    private final MeterRegistry registry;
    private volatile boolean serving;

    private ContextMeters(String context, MeterRegistry registry, boolean serving) {
        this.context = context;
        this.registry = registry;
        this.serving = serving;
    }

    /** The live application of {@code context}: counts into the process's registry. */
    public static ContextMeters serving(String context) {
        return new ContextMeters(context, ProcessMeters.meters(), true);
    }

    /** A rebuild of {@code context}: counts nothing until {@link #startServing()}. */
    public static ContextMeters rebuilding(String context) {
        return new ContextMeters(context, ProcessMeters.meters(), false);
    }

    /** The meters in a configuration; without any, a serving one named by its application id. */
    public static ContextMeters in(Map<?, ?> configs) {
        if (configs.get(CONFIG) instanceof ContextMeters meters) {
            return meters;
        }
        Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        return serving(applicationId == null ? "unknown" : applicationId.toString());
    }

    public String context() {
        return context;
    }

    /** Whether this application serves the context, so what it decides is counted. */
    public boolean isServing() {
        return serving;
    }

    /** A rebuild took over: from now on it counts. */
    public void startServing() {
        serving = true;
    }

    /** Where the context's meters are; record into it only while {@link #isServing()}. */
    public MeterRegistry registry() {
        return registry;
    }

    /** A dead letter written at {@code stage} ({@code read}, {@code process}, {@code write}), if serving. */
    void deadLetter(String stage) {
        if (!serving) {
            return;
        }
        Counter.builder(DEAD_LETTERS)
                .description("Records a context sent to its dead-letter topic, by the stage that could not handle them")
                .tag("context", context)
                .tag("stage", stage)
                .register(registry)
                .increment();
    }
}
