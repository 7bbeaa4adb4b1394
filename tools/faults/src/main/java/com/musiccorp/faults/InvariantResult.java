package com.musiccorp.faults;

import java.util.ArrayList;
import java.util.List;

/** One invariant as checked: how many cases it was checked on, and every case that broke it (the first few shown). */
record InvariantResult(String name, long checked, long violations, List<String> examples) {
    static final int EXAMPLES = 8;

    boolean holds() {
        return violations == 0;
    }

    /** Collects the cases of one invariant. */
    static final class Tally {
        private final String name;
        private long checked;
        private long violations;
        private final List<String> examples = new ArrayList<>();

        Tally(String name) {
            this.name = name;
        }

        /** One case: holds, or is a violation described by {@code what}. */
        Tally check(boolean holds, String what) {
            checked++;
            if (!holds) {
                violations++;
                if (examples.size() < EXAMPLES) examples.add(what);
            }
            return this;
        }

        InvariantResult result() {
            return new InvariantResult(name, checked, violations, List.copyOf(examples));
        }
    }
}
