package com.musiccorp.faults;

import java.time.Duration;
import java.util.List;

/**
 * What a run does: how many sagas at what rate, which schedule of faults, and how long it may wait
 * for the system to come to rest.
 *
 * @param sagas          orders placed (one saga each)
 * @param ratePerSecond  the open-loop rate they are due at
 * @param smoke          the small configuration (the test suite's): few faults, shorter waits
 */
public record FaultOptions(int sagas, double ratePerSecond, boolean smoke) {
    static final String USAGE = "usage: ./musiccorp faults [--sagas N] [--rate R] [--smoke]";

    public static FaultOptions parse(String... args) {
        List<String> a = List.of(args);
        boolean smoke = a.contains("--smoke");
        int sagas = smoke ? 240 : 10_000;
        double rate = smoke ? 12 : 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> {
                }
                case "--sagas" -> sagas = Integer.parseInt(value(args, ++i));
                case "--rate" -> rate = Double.parseDouble(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        if (sagas < 1 || rate <= 0) throw new IllegalArgumentException("--sagas and --rate must be positive; " + USAGE);
        return new FaultOptions(sagas, rate, smoke);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
        return args[i];
    }

    Duration loadDuration() {
        return Duration.ofMillis(Math.round(sagas * 1000 / ratePerSecond));
    }

    FaultSchedule schedule() {
        return smoke ? FaultSchedule.smoke(loadDuration()) : FaultSchedule.full(loadDuration());
    }

    Duration restLimit() {
        return smoke ? Duration.ofMinutes(2) : Duration.ofMinutes(10);
    }
}
