package com.musiccorp.sagastatus.stream;

import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.platform.streams.compact.CompactSerde;
import com.musiccorp.sagastatus.domain.OmittedStep;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.TransitionStats;
import org.apache.kafka.common.serialization.Serde;

/**
 * The formats of the projection's stores. A saga and a transition's statistics are written on every
 * event folded: compact binary ({@link CompactSerde}), still reading the JSON (Smile) they had
 * before. The omitted steps, written only for sagas longer than their bounded timeline, stay JSON.
 */
public final class SagaStateSerde {

    private SagaStateSerde() {
    }

    public static Serde<Saga> saga() {
        return new CompactSerde<>(new SagaCodec(), new JsonSerde<>(Saga.class));
    }

    public static Serde<OmittedStep> omittedStep() {
        return new JsonSerde<>(OmittedStep.class);
    }

    public static Serde<TransitionStats> transitionStats() {
        return new CompactSerde<>(new TransitionStatsCodec(), new JsonSerde<>(TransitionStats.class));
    }
}
