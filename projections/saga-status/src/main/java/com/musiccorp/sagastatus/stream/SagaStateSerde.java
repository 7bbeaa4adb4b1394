package com.musiccorp.sagastatus.stream;

import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.sagastatus.domain.OmittedStep;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.TransitionStats;
import org.apache.kafka.common.serialization.Serde;

/** The formats of the projection's stores: plain records as JSON. */
public final class SagaStateSerde {

    private SagaStateSerde() {
    }

    public static Serde<Saga> saga() {
        return new JsonSerde<>(Saga.class);
    }

    public static Serde<OmittedStep> omittedStep() {
        return new JsonSerde<>(OmittedStep.class);
    }

    public static Serde<TransitionStats> transitionStats() {
        return new JsonSerde<>(TransitionStats.class);
    }
}
