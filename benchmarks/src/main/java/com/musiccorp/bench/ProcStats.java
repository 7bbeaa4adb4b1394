package com.musiccorp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory and CPU time of a process, from Linux's /proc (nothing when not on Linux). */
record ProcStats(long pid, long peakRssKb, double cpuSeconds) {
    /** USER_HZ: the unit of utime/stime; 100 on every Linux this runs on. */
    private static final double CLOCK_TICKS = 100.0;

    static ProcStats of(long pid) {
        try {
            long hwm = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS;
            return new ProcStats(pid, hwm, cpu);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
