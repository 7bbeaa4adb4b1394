package com.musiccorp.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The ids of the latest inputs a per-order state has handled, for de-duplication, at most
 * {@link #KEPT}. A state must not grow with whatever a producer sends for one key; a duplicate of an
 * event arrives close to its original (a producer's retry, a re-published batch), and one that
 * arrives later still meets the state machine, which refuses a transition it has already made.
 */
public final class SeenInputs {
    public static final int KEPT = 64;

    private SeenInputs() {
    }

    /** {@code seen} with {@code id} added as the latest, the oldest dropped past {@link #KEPT}. */
    public static List<UUID> with(List<UUID> seen, UUID id) {
        if (seen.contains(id)) {
            return seen;
        }
        List<UUID> more = new ArrayList<>(seen.size() + 1);
        more.addAll(seen.size() >= KEPT ? seen.subList(seen.size() - KEPT + 1, seen.size()) : seen);
        more.add(id);
        return List.copyOf(more);
    }
}
