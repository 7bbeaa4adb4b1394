package com.musiccorp.sagastatus.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Orders a saga's steps whatever order the topics delivered them in: by event time; within equal
 * times (a reaction inherits its cause's time) causes before their effects; then by event id, so
 * the result depends only on the set of steps.
 *
 * <p>Every event has at most one cause, so the steps form a forest: a step becomes eligible once
 * its cause is placed (or when its cause is not in the saga), and the eligible step with the
 * smallest (time, event id) goes next. For consistent data (no effect earlier than its cause) that
 * is exactly "time, then causes first".
 */
final class TimelineOrder {

    private static final Comparator<Step> BY_TIME_THEN_ID =
            Comparator.comparing(Step::occurredAt).thenComparing(Step::eventId);

    private TimelineOrder() {
    }

    /** The steps in timeline order, each with its time since the previous one. */
    static List<Step> sort(List<Step> steps) {
        Set<String> ids = new HashSet<>();
        steps.forEach(s -> ids.add(s.eventId()));
        Map<String, List<Step>> effectsOf = new HashMap<>();
        PriorityQueue<Step> eligible = new PriorityQueue<>(BY_TIME_THEN_ID);
        for (Step s : steps) {
            if (s.causationId() != null && ids.contains(s.causationId()) && !s.causationId().equals(s.eventId())) {
                effectsOf.computeIfAbsent(s.causationId(), k -> new ArrayList<>()).add(s);
            } else {
                eligible.add(s);
            }
        }
        List<Step> ordered = new ArrayList<>(steps.size());
        while (!eligible.isEmpty()) {
            Step next = eligible.poll();
            ordered.add(next);
            eligible.addAll(effectsOf.getOrDefault(next.eventId(), List.of()));
        }
        if (ordered.size() < steps.size()) { // a causation cycle (corrupt data): keep every step anyway
            steps.stream().filter(s -> !ordered.contains(s)).sorted(BY_TIME_THEN_ID).forEach(ordered::add);
        }
        List<Step> timed = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            long since = i == 0 ? 0 : ordered.get(i).occurredAt().toEpochMilli()
                    - ordered.get(i - 1).occurredAt().toEpochMilli();
            timed.add(ordered.get(i).withSincePrevious(since));
        }
        return List.copyOf(timed);
    }
}
