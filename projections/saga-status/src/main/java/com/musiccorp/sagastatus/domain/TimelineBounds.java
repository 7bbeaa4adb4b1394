package com.musiccorp.sagastatus.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * How much of a timeline a saga keeps, so its stored value stays far below Kafka's 1 MiB record
 * limit however many events it gets (an operator may retry a dispatch forever): the first
 * {@link #HEAD} and the last {@link #TAIL} steps, each text at most {@link #MAX_TEXT_LENGTH}
 * characters; the steps between are only counted.
 *
 * <p>"First" and "last" are by (event time, usual stage, event id), a total order on distinct
 * events, so which steps are kept depends only on the set of events, never on delivery order: a
 * rebuild keeps the same steps as the live fold. (The timeline shows the kept steps in
 * {@link TimelineOrder}, which also puts causes first.)
 */
public final class TimelineBounds {

    public static final int HEAD = 20;
    public static final int TAIL = 20;
    public static final int MAX_TEXT_LENGTH = 1_000;

    private TimelineBounds() {
    }

    /** The kept steps and the one step left out, if the steps exceed the bound by one. */
    record Kept(List<Step> steps, Step omitted) {
    }

    /**
     * {@code steps}: the kept steps of a saga plus one new step. Keeping the first HEAD and last
     * TAIL of a set that held the first HEAD and last TAIL of everything seen before keeps exactly
     * those of everything seen now, whatever order the steps came in.
     */
    static Kept keep(List<Step> steps) {
        if (steps.size() <= HEAD + TAIL) {
            return new Kept(steps, null);
        }
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(TimelineOrder.BY_TIME_THEN_ID);
        Step omitted = sorted.remove(HEAD);
        return new Kept(sorted, omitted);
    }

    /** At most MAX_TEXT_LENGTH characters, cut at a code point, marked with an ellipsis. */
    static String text(String value) {
        if (value == null || value.length() <= MAX_TEXT_LENGTH) {
            return value;
        }
        int end = MAX_TEXT_LENGTH - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) end--;
        return value.substring(0, end) + "…";
    }
}
