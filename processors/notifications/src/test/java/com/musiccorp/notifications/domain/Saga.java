package com.musiccorp.notifications.domain;

import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.notifications.domain.NotificationFact.Sent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The live path for one order: decide, then evolve, keeping every fact recorded. By default the
 * mailer takes every message at once (each pending delivery is answered {@code Accepted} right after
 * the input that queued it), so the policy tests read as "what is sent"; {@link #handingOverByHand()}
 * leaves the answers to the test.
 */
final class Saga {

    final NotificationDecider decider;
    final List<NotificationFact> log = new ArrayList<>();
    private final boolean mailerTakesEverything;
    OrderNotifications state;

    Saga() {
        this(new NotificationDecider(), true);
    }

    private Saga(NotificationDecider decider, boolean mailerTakesEverything) {
        this.decider = decider;
        this.mailerTakesEverything = mailerTakesEverything;
        this.state = decider.initialState();
    }

    /** A saga whose deliveries stay pending until the test answers them ({@link #answer}). */
    static Saga handingOverByHand(RetryPolicy policy) {
        return new Saga(new NotificationDecider(policy), false);
    }

    /** Reads {@code inputs} in order; returns the facts they decided. */
    List<NotificationFact> given(NotificationInput... inputs) {
        List<NotificationFact> decided = new ArrayList<>();
        for (NotificationInput input : inputs) {
            decided.addAll(handle(input));
            if (mailerTakesEverything) {
                for (Delivery delivery : state.dueAt(Instant.MAX)) {
                    decided.addAll(handle(NotificationInput.Answered.to(delivery, new SendOutcome.Accepted(),
                            delivery.notBefore())));
                }
            }
        }
        log.addAll(decided);
        return decided;
    }

    /** The mailer's answer to the pending delivery of {@code template}, observed at {@code at}. */
    List<NotificationFact> answer(NotificationTemplate template, SendOutcome outcome, Instant at) {
        List<NotificationFact> facts = handle(NotificationInput.Answered.to(pending(template), outcome, at));
        log.addAll(facts);
        return facts;
    }

    Delivery pending(NotificationTemplate template) {
        Delivery delivery = state.pending().get(template);
        if (delivery == null) {
            throw new AssertionError(template + " is not pending in " + state);
        }
        return delivery;
    }

    private List<NotificationFact> handle(NotificationInput input) {
        List<NotificationFact> facts = decider.decide(input, state, Events.DECIDED_AT);
        state = decider.evolveAll(state, facts);
        return facts;
    }

    List<Sent> sent() {
        return sent(log);
    }

    static List<Sent> sent(List<NotificationFact> facts) {
        return facts.stream().filter(Sent.class::isInstance).map(Sent.class::cast).toList();
    }

    static List<NotificationTemplate> templates(List<NotificationFact> facts) {
        return sent(facts).stream().map(Sent::template).toList();
    }

    List<NotificationTemplate> templates() {
        return templates(log);
    }

    NotificationSent only(NotificationTemplate template) {
        List<NotificationSent> matching = sent().stream().map(Sent::event)
                .filter(e -> e.getTemplate() == template).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + template + ", got " + matching);
        }
        return matching.get(0);
    }
}
