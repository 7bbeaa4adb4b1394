package com.musiccorp.platform.streams.step;

import com.musiccorp.platform.metrics.OutsideCallMeters;
import com.musiccorp.platform.streams.BeforeCommitStore;
import com.musiccorp.platform.streams.DueTimeIndex;
import com.musiccorp.platform.streams.trace.TraceContext;
import com.musiccorp.platform.streams.trace.TraceLogging;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one task's {@link OutsideCalls}: a call is made as soon as it is due, on a caller thread, and
 * its answer is decided through the step on the stream thread, in the task's exactly-once
 * transaction. No transaction is held open while a call runs, whatever the outside system does.
 *
 * <ul>
 *   <li><b>When decided.</b> Told of every state the step stores ({@link #changed}), it makes the
 *       state's first due call at once, and keeps the state's key in the due index (the dueStore,
 *       {@link DueTimeIndex}) at its earliest pending call.</li>
 *   <li><b>When a task starts</b>, the index is built from the task's restored states: it is derived
 *       from them and has no changelog of its own ({@link DueTimeIndex#storeBuilder}).</li>
 *   <li><b>Answers</b> are queued by the caller threads and decided before the owner's next record,
 *       every {@link #DRAIN_EVERY} of wall clock, and right before the task commits (the step's store
 *       is a {@link BeforeCommitStore}): a call answered within its commit interval then stores its
 *       intent and its answer as one changelog record, and its events leave with that commit. One
 *       whose call is no longer pending in the state (answered already, given up) is dropped.</li>
 *   <li><b>Later.</b> Every {@code scanEvery}, the index is scanned up to now for calls not due when
 *       decided (back-offs), left from before a restart or rebalance, or that got no answer.</li>
 * </ul>
 * A key has at most one call in flight, so its calls reach the outside system in the order its state
 * lists them; at most {@link #MAX_IN_FLIGHT} are in flight per task, the rest wait for a scan.
 *
 * <p>One per task and due store, shared by every processor of the task that stores the states (a
 * context may decide its states in more than one processor node): the first to start schedules the
 * punctuations and feeds answers through its step, the last to close ends it. After that, answers of
 * calls still running are ignored: their intents are pending in the restored states and are made
 * again, with the same ids, by whoever owns the task next.
 *
 * <p>The trace context a call's answer continues (the span of the input whose decision made the call
 * pending) is kept in the call's due-index entry, after its key. It is not kept in the state: the
 * domain has no business with it, and digests and rebuilds (which compare and rebuild states) must
 * not depend on it. So the answer to a call that was pending across a restart is not traced, like an
 * input that came without trace context; its events still carry the saga's correlation id. Keeping
 * the trace would cost a changelog record per call.
 */
final class DueCalls<I, S, C> {

    private static final Logger log = LoggerFactory.getLogger(DueCalls.class);

    /**
     * How often the answers that came are decided when no record arrives; under load they are decided
     * before each record the owning processor gets ({@link #decideAnswersBefore}). Not shorter: every
     * punctuation halves the records a stream thread processes between two polls (a 5 ms drain cut
     * the warehouse to a few orders a second).
     */
    static final Duration DRAIN_EVERY = Duration.ofMillis(50);

    static final int MAX_IN_FLIGHT = 256;

    private static final Map<String, DueCalls<?, ?, ?>> BY_TASK = new ConcurrentHashMap<>();

    private final String name;
    private final OutsideCalls<I, S, C> calls;
    private final Calling<I, S> calling;
    private final ProcessingContext context;
    private final Function<String, S> states; // the key's state as the store holds it (decoded once)
    private final DueTimeIndex index;
    private final Steps<I, S> steps;
    /** Key → id of its call in flight; touched by the stream thread only. */
    private final Map<String, String> inFlight = new HashMap<>();
    private final Queue<Answer<I>> answers = new ConcurrentLinkedQueue<>();
    private int members;
    private volatile boolean closed;
    /** The processor that started it: answers are decided through its step, so only from its calls. */
    private Object owner;
    /** The owner's node, which forwards what an answer decided at a commit leads to. */
    private ProcessorNode<?, ?, ?, ?> ownerNode;
    private final BeforeCommitStore<?, ?> commits;
    private final Runnable atCommit = this::decideAnswersAtCommit;

    private DueCalls(String name, OutsideCalls<I, S, C> calls, Calling<I, S> calling, ProcessingContext context,
            BeforeCommitStore<?, ?> commits, Function<String, S> states, Steps<I, S> steps) {
        this.name = name;
        this.calls = calls;
        this.calling = calling;
        this.context = context;
        this.commits = commits;
        this.states = states;
        this.index = new DueTimeIndex(context.getStateStore(calling.dueStore()));
        this.steps = steps;
    }

    /**
     * The task's instance for {@code calling}'s due store, started by the first processor that joins:
     * its {@code steps} decide the answers. Each joining processor must {@link #leave} when it closes.
     */
    @SuppressWarnings("unchecked")
    static <I, S> DueCalls<I, S, ?> join(ProcessingContext context, KeyValueStore<String, S> store,
            Function<String, S> states, Calling<I, S> calling, Steps<I, S> steps) {
        String name = context.applicationId() + "/" + context.taskId() + "/" + calling.dueStore();
        DueCalls<I, S, ?> task = (DueCalls<I, S, ?>) BY_TASK.computeIfAbsent(name,
                n -> start(n, calling, context, store, states, steps));
        if (task.members++ == 0) {
            task.owner = steps;
            task.ownerNode = ((InternalProcessorContext<?, ?>) context).currentNode(); // the joining processor's, in its init
        }
        return task;
    }

    private static <I, S, C> DueCalls<I, S, C> start(String name, Calling<I, S> calling, ProcessingContext context,
            KeyValueStore<String, S> store, Function<String, S> states, Steps<I, S> steps) {
        @SuppressWarnings("unchecked")
        OutsideCalls<I, S, C> calls = (OutsideCalls<I, S, C>) calling.calls();
        BeforeCommitStore<?, ?> commits = BeforeCommitStore.of(store).orElseThrow(() -> new IllegalStateException(
                "the store " + store.name() + " of a step that makes calls must be a BeforeCommitStore"));
        DueCalls<I, S, C> task = new DueCalls<>(name, calls, calling, context, commits, states, steps);
        task.indexPendingCalls(store);
        commits.beforeCommit(task.atCommit);
        context.schedule(DRAIN_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> task.decideAnswers(false));
        context.schedule(calling.scanEvery(), PunctuationType.WALL_CLOCK_TIME,
                now -> task.callDue(Instant.ofEpochMilli(now)));
        return task;
    }

    /**
     * Puts every state of {@code store} that waits for a call into the index, at its earliest pending
     * call. The index starts empty (in memory, no changelog), so this is all it holds. Every state is
     * read, so the time (logged) grows with the task's states.
     */
    private void indexPendingCalls(KeyValueStore<String, S> store) {
        long started = System.nanoTime();
        int states = 0;
        int waiting = 0;
        try (KeyValueIterator<String, S> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, S> state = all.next();
                states++;
                Optional<String> entry = entryOf(state.key, pendingOf(state.value));
                if (entry.isPresent()) {
                    index.move(Optional.empty(), entry, state.key);
                    waiting++;
                }
            }
        }
        log.info("{}: {} of {} states wait for a {} call; indexed in {} ms", name, waiting, states, calls.system(),
                (System.nanoTime() - started) / 1_000_000);
    }

    void leave() {
        if (--members == 0) {
            closed = true;
            commits.forget(atCommit);
            BY_TASK.remove(name, this);
            answers.clear();
        }
    }

    /**
     * A stored state change, decided in {@code trace} (or none): the key's index entry follows its
     * earliest pending call, carrying the trace of the decision that moved it, and a due one is made.
     */
    void changed(String key, S before, S after, TraceContext trace) {
        List<PendingCall<C>> pending = pendingOf(after);
        Optional<String> from = entryOf(key, pendingOf(before));
        Optional<String> to = entryOf(key, pending);
        index.move(from, to, key, DueTrace.entryValue(key, trace));
        // An entry that stayed keeps the trace of the decision that made its call pending.
        TraceContext callTrace = from.equals(to) ? to.map(index::valueOf).map(DueTrace::of).orElse(null) : trace;
        callFirstDue(key, pending, Instant.ofEpochMilli(context.currentSystemTimeMs()), callTrace);
    }

    private void callDue(Instant now) {
        for (KeyValue<String, String> entry : index.dueAt(now, MAX_IN_FLIGHT + inFlight.size())) {
            if (inFlight.size() >= MAX_IN_FLIGHT) {
                return;
            }
            String key = DueTimeIndex.idOf(entry.value);
            List<PendingCall<C>> pending = pendingOf(states.apply(key));
            if (!entryOf(key, pending).equals(Optional.of(entry.key))) {
                log.warn("{}: dropping stale due entry {}: {} waits for no call then", name, entry.key, key);
                index.forget(entry.key);
                continue;
            }
            callFirstDue(key, pending, now, DueTrace.of(entry.value));
        }
    }

    private void callFirstDue(String key, List<PendingCall<C>> pending, Instant now, TraceContext trace) {
        if (closed || inFlight.containsKey(key) || inFlight.size() >= MAX_IN_FLIGHT) {
            return;
        }
        pending.stream().filter(call -> call.isDueAt(now)).findFirst().ifPresent(call -> {
            inFlight.put(key, call.id());
            try {
                calling.callers().execute(() -> callAndQueueAnswer(key, call, trace));
            } catch (RejectedExecutionException e) {
                inFlight.remove(key);
                log.warn("{}: {} call {} for {} not started; trying at the next scan", name, calls.system(),
                        call.id(), key, e);
            }
        });
    }

    /**
     * On a caller thread. Whatever happens, the key's call ends, so the key is free for its next one;
     * every call is counted and timed by outcome ({@link OutsideCallMeters}).
     */
    private void callAndQueueAnswer(String key, PendingCall<C> call, TraceContext trace) {
        Optional<I> answer = Optional.empty();
        long started = System.nanoTime();
        String outcome = "failed";
        // What the call logs (the gateway's answer, the mailer's e-mail, a failure) names its saga and trace.
        TraceLogging.enter(calls.correlationIdOf(call.call()), trace);
        try {
            answer = calls.call(key, call.call());
            outcome = answer.map(calls::outcomeOf).orElse("unanswered");
        } catch (RuntimeException e) {
            log.warn("{}: {} call {} for {} failed; trying again at the next scan", name, calls.system(), call.id(),
                    key, e);
        } finally {
            OutsideCallMeters.record(calls.system(), outcome, Duration.ofNanos(System.nanoTime() - started));
            if (!closed) {
                answers.add(new Answer<>(key, call.id(), answer, trace));
            }
            TraceLogging.leave();
        }
    }

    /**
     * Called by a processor before it decides a record: the answers that came are decided first, if
     * {@code steps} are the owner's (a processor forwards only from its own calls).
     */
    void decideAnswersBefore(Steps<I, S> steps) {
        if (steps == owner && !answers.isEmpty()) {
            decideAnswers(true);
        }
    }

    /**
     * Right before the task commits: the answers that came are decided as the owner's step would, at the
     * time of the task's last record or punctuation.
     */
    private void decideAnswersAtCommit() {
        InternalProcessorContext<?, ?> internal = (InternalProcessorContext<?, ?>) context;
        long now = internal.currentSystemTimeMs();
        if (closed || answers.isEmpty() || now < 0) {
            return; // before the task's first record or punctuation there is no time to decide at
        }
        ProcessorNode<?, ?, ?, ?> node = internal.currentNode();
        ProcessorRecordContext record = internal.recordContext();
        internal.setRecordContext(new ProcessorRecordContext(now, -1L, -1, null, new RecordHeaders()));
        internal.setCurrentNode(ownerNode);
        try {
            decideAnswers(true);
        } finally {
            internal.setCurrentNode(node);
            internal.setRecordContext(record);
        }
    }

    /**
     * Decides the answers that came before this drain; one that comes meanwhile waits for the next. With
     * {@code deferFailures} (before a record, before a commit) an answer whose decision throws is left to
     * the drain's punctuation, which hands the failure to the processing exception handler with no record
     * of its own: neither the record about to be decided nor the commit fails for it. A decision throws
     * before its state is stored (the step decides and serializes, then stores, then forwards).
     */
    private void decideAnswers(boolean deferFailures) {
        for (int n = answers.size(); n > 0; n--) {
            Answer<I> answer = answers.poll();
            if (answer == null) {
                return;
            }
            try {
                decide(answer);
            } catch (TaskMigratedException | TaskCorruptedException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!deferFailures) throw e;
                log.warn("{}: the answer to call {} for {} could not be decided; trying again at the next drain",
                        name, answer.callId(), answer.key(), e);
                inFlight.put(answer.key(), answer.callId());
                answers.add(answer);
                return;
            }
        }
    }

    private void decide(Answer<I> answer) {
        inFlight.remove(answer.key(), answer.callId());
        if (answer.input().isEmpty()) {
            return;
        }
        String key = answer.key();
        String callId = answer.callId();
        if (pendingOf(states.apply(key)).stream().noneMatch(call -> call.id().equals(callId))) {
            log.debug("{}: answer to call {} for {} came after the call stopped being pending", name, callId, key);
            return;
        }
        steps.apply(key, answer.input().get(), answer.trace());
    }

    private List<PendingCall<C>> pendingOf(S state) {
        return state == null ? List.of() : calls.pending(state);
    }

    private static <C> Optional<String> entryOf(String key, List<PendingCall<C>> pending) {
        return pending.stream().map(PendingCall::dueAt).min(Instant::compareTo)
                .map(due -> DueTimeIndex.key(due, key));
    }

    private record Answer<I>(String key, String callId, Optional<I> input, TraceContext trace) {
    }
}
