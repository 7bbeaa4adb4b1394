package com.musiccorp.notifications.domain;

import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.notifications.domain.NotificationFact.Sent;

import java.util.ArrayList;
import java.util.List;

/** The live path for one order: decide, then evolve, keeping every fact recorded. */
final class Saga {

    final NotificationDecider decider = new NotificationDecider();
    final List<NotificationFact> log = new ArrayList<>();
    OrderNotifications state = decider.initialState();

    /** Reads {@code inputs} in order; returns the facts they decided. */
    List<NotificationFact> given(NotificationInput... inputs) {
        List<NotificationFact> decided = new ArrayList<>();
        for (NotificationInput input : inputs) {
            List<NotificationFact> facts = decider.decide(input, state);
            state = decider.evolveAll(state, facts);
            decided.addAll(facts);
        }
        log.addAll(decided);
        return decided;
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
