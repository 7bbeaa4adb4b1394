package com.musiccorp.sagastatus.stream;

import com.musiccorp.platform.streams.step.Inputs;
import com.musiccorp.platform.streams.step.Output;
import com.musiccorp.platform.streams.step.StateWatcher;
import com.musiccorp.platform.streams.step.Step;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaDecider;
import com.musiccorp.sagastatus.domain.SagaFact;
import com.musiccorp.sagastatus.domain.SagaInput;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The saga fold (key: order id), run by the platform's step processor: each event is decided
 * by {@link SagaDecider} against its saga in {@code sagas-store}; {@link SagaIndexes} keeps the
 * correlation, status and stall indexes and the counts beside it (not logged: rebuilt from the sagas when a task starts),
 * {@link StallChecks} flags stalled sagas through the same step, {@link SagaMeters} counts what the sagas did, and the facts kept beside the saga (transitions, omitted steps) are forwarded to
 * {@link TransitionsAndOmittedSteps}. A projection publishes nothing: nothing leaves the task.
 */
final class FoldSagaStep {

    private FoldSagaStep() {
    }

    /** A new step per task: its decider, watcher and punctuation hold the task's own stores. */
    static ProcessorSupplier<String, SagaInput, String, SagaFact> perTask(Duration stallAfter, Duration stallCheck,
            SagaUpdates updates, SagaMeters meters) {
        return Step.perTask(() -> of(stallAfter, stallCheck, updates, meters));
    }

    static Step<SagaInput, SagaInput, SagaFact, Saga, SagaFact> of(Duration stallAfter, Duration stallCheck,
            SagaUpdates updates, SagaMeters meters) {
        StoreOmittedSteps omitted = new StoreOmittedSteps();
        SagaIndexes indexes = new SagaIndexes(updates, stallAfter);
        return Step.of(SagaStatusTopology.SAGAS_STORE, new SagaDecider(stallAfter, omitted), INPUTS,
                        FoldSagaStep::keptBeside)
                .watchedBy(new StateWatcher<>() {
                    @Override
                    public void init(ProcessingContext context) {
                        omitted.open(context); // the step's one per-task start: the decider's omitted steps too
                        indexes.init(context); // after the task's logged stores are restored: rebuilds the indexes
                    }

                    @Override
                    public void changed(String orderId, Saga before, Saga after) {
                        indexes.changed(orderId, before, after);
                        meters.changed(before, after);
                    }
                })
                .scheduling(new StallChecks(stallAfter, stallCheck, indexes));
    }

    /** Every input is already a saga's: keyed by its order id (every event topic's key). */
    private static final Inputs<SagaInput, SagaInput> INPUTS = Inputs.of(Optional::of, SagaInput::orderId);

    /**
     * The facts kept beside the saga, for {@link TransitionsAndOmittedSteps}: transitions and omitted
     * steps. The others are in the saga (its correlation id is indexed by {@link SagaIndexes}).
     */
    private static List<Output<SagaFact>> keptBeside(String orderId, SagaFact fact) {
        return switch (fact) {
            case SagaFact.StepOmitted o -> List.of(Output.record(orderId, fact));
            case SagaFact.TransitionCompleted t -> List.of(Output.record(orderId, fact));
            default -> List.of();
        };
    }
}
