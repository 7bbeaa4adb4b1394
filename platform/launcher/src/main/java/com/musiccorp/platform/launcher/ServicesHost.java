package com.musiccorp.platform.launcher;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs several services in this one JVM: each service's own {@code main}, on its own thread, exactly
 * as it runs in a process of its own. Each still has its own HTTP port, state directory and READY
 * line, and each context its own Kafka Streams application; what they share is the JVM's fixed cost
 * (heap, metaspace, JIT, GC), which dominated the light services when each had its own.
 *
 * <p>Arguments: {@code name=main.Class} per service. Every thread a service starts inherits its
 * name ({@link #serviceName}), so each log line says which service wrote it. A service whose main
 * fails ends the JVM with 1, as it would end its own process: the start command's supervisor
 * restarts the whole host.
 */
public final class ServicesHost {

    private static final InheritableThreadLocal<String> SERVICE = new InheritableThreadLocal<>();

    private ServicesHost() {
    }

    /** The service the current thread works for, or "-" outside any (the JVM's own threads). */
    public static String serviceName() {
        String name = SERVICE.get();
        return name == null ? "-" : name;
    }

    public static void main(String[] args) throws InterruptedException {
        List<Thread> mains = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected name=main.Class, got " + arg);
            String name = arg.substring(0, eq);
            String mainClass = arg.substring(eq + 1);
            Thread main = new Thread(() -> {
                SERVICE.set(name);
                runMain(name, mainClass);
            }, name + "-main");
            mains.add(main);
            main.start();
        }
        for (Thread main : mains) {
            main.join();
        }
    }

    private static void runMain(String name, String mainClass) {
        try {
            Class.forName(mainClass).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            fail(name, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            fail(name, e);
        }
    }

    private static void fail(String name, Throwable cause) {
        System.err.println(name + " failed: " + cause);
        cause.printStackTrace();
        System.exit(1);
    }
}
