package com.musiccorp.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A poor man's profiler without async-profiler: {@code jcmd <pid> Thread.print} every interval,
 * counting where each Kafka Streams thread is (its top frames of our code or of a library), so a
 * figure below target comes with where the time went.
 */
final class StackSampler implements AutoCloseable {
    /** A stream thread itself, not its producer's or consumer's network threads. */
    private static final java.util.regex.Pattern STREAM_THREAD = java.util.regex.Pattern.compile("\"[^\"]*-StreamThread-\\d+\"");
    private final long pid;
    private final Thread thread;
    private final Map<String, Integer> counts = new HashMap<>();
    private int samples;
    private volatile boolean running = true;

    StackSampler(long pid, long intervalMillis) {
        this.pid = pid;
        thread = Thread.ofPlatform().daemon().name("stack-sampler").start(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void sample() {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) lines.add(line);
            }
            p.waitFor();
            synchronized (counts) {
                samples++;
                for (int i = 0; i < lines.size(); i++) {
                    if (!STREAM_THREAD.matcher(lines.get(i)).lookingAt()) continue;
                    // The top two frames of the stream thread say what it was doing.
                    List<String> frames = new ArrayList<>();
                    for (int j = i + 1; j < lines.size() && !lines.get(j).isBlank() && frames.size() < 2; j++) {
                        String f = lines.get(j).strip();
                        if (f.startsWith("at ")) frames.add(f.substring(3).replaceAll("\\(.*", ""));
                    }
                    counts.merge(String.join(" <- ", frames), 1, Integer::sum);
                }
            }
        } catch (Exception e) {
            running = false; // no jcmd here: no profile
        }
    }

    /** The most frequent stream-thread tops, with their share of samples. */
    ObjectNode summary(int top) {
        ObjectNode n = SagaLoad.JSON.createObjectNode();
        synchronized (counts) {
            n.put("samples", samples);
            ObjectNode tops = n.putObject("streamThreadTopFrames");
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                    .forEach(e -> tops.put(e.getKey(), SagaLoad.round(100.0 * e.getValue() / Math.max(1, samples))));
        }
        return n;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
