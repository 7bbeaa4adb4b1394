package com.musiccorp.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator: each order whose dispatch failed (status NEEDS_ATTENTION) is cancelled with an
 * Idempotency-Key, and the same cancellation is sent again with the same key, as after a lost
 * answer: both must be answered 202 with the same command.
 */
final class OperatorCancellations {
    private final String api;
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new ArrayList<>();

    OperatorCancellations(String api) {
        this.api = api;
    }

    /** Cancels every given order that needs attention now and was not cancelled yet; returns how many still wait. */
    int cancelThoseWaiting(List<String> orderIds) {
        int waiting = 0;
        for (String orderId : orderIds) {
            if (cancelled.contains(orderId)) continue;
            Http.Answer order = Http.get(api + "/orders/" + orderId);
            String status = order.body().path("status").asText("");
            if (!status.equals("NEEDS_ATTENTION")) {
                if (!Invariants.TERMINAL.contains(status)) waiting++;
                continue;
            }
            String key = "cancel-" + orderId;
            String body = "{\"reason\":\"carrier cannot reach the address\"}";
            Http.Answer first = Http.post(api + "/orders/" + orderId + "/cancellation", body, key);
            if (first.status() == 503 || first.status() == 0) {
                waiting++;
                continue;
            }
            Http.Answer again = Http.post(api + "/orders/" + orderId + "/cancellation", body, key);
            if (first.status() != 202 || again.status() != 202
                    || !first.body().path("commandId").equals(again.body().path("commandId"))) {
                synchronized (problems) {
                    problems.add(orderId + ": " + first.status() + " " + first.raw() + " then " + again.status() + " " + again.raw());
                }
            }
            cancelled.add(orderId);
        }
        return waiting;
    }

    /** Keeps cancelling until none of {@code orderIds} is waiting for a person or {@code atMost} ran out. */
    void cancelAll(List<String> orderIds, Duration atMost) {
        Waits.until(atMost, Duration.ofMillis(500), () -> cancelThoseWaiting(orderIds) == 0);
    }

    int cancelledCount() {
        return cancelled.size();
    }

    InvariantResult result(int expected) {
        var t = new InvariantResult.Tally("an operator's cancellation (and its repeat with the same key) is accepted once");
        synchronized (problems) {
            for (String p : problems) t.check(false, p);
        }
        for (int i = problems.size(); i < expected; i++) t.check(i < cancelled.size(), "an order needing attention was never cancelled");
        return t.result();
    }
}
