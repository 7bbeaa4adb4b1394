package com.musiccorp.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run measured on: cores, memory, JDK, OS, and how busy it was. */
final class Machine {
    private Machine() {
    }

    static ObjectNode describe() {
        ObjectNode m = SagaLoad.JSON.createObjectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryMb", memTotalKb() / 1024);
        m.put("jdk", System.getProperty("java.vm.vendor") + " " + Runtime.version());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.set("loadAverageBefore", loadAverage());
        return m;
    }

    /** /proc/loadavg's 1, 5 and 15 minute figures: other work on the machine shows here. */
    static ObjectNode loadAverage() {
        ObjectNode l = SagaLoad.JSON.createObjectNode();
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            l.put("1m", Double.parseDouble(f[0]));
            l.put("5m", Double.parseDouble(f[1]));
            l.put("15m", Double.parseDouble(f[2]));
        } catch (Exception ignored) {
            // not Linux
        }
        return l;
    }

    private static long memTotalKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return Runtime.getRuntime().maxMemory() / 1024;
    }
}
