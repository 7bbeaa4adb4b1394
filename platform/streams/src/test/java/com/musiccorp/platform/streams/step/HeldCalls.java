package com.musiccorp.platform.streams.step;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * Callers for a test that makes the calls when it says so ({@link #runAll}): after the commit of the
 * input that decided them, unlike {@code Runnable::run}, which makes them while the input is decided.
 */
public final class HeldCalls implements Executor {

    public final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable call) {
        waiting.add(call);
    }

    public void runAll() {
        for (Runnable call = waiting.poll(); call != null; call = waiting.poll()) {
            call.run();
        }
    }
}
