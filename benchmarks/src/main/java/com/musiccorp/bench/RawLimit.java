package com.musiccorp.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own limit on this broker: ProducerPerformance then ConsumerPerformance (kafka-tools, each
 * as a child JVM on this module's classpath) on a scratch topic of 6 partitions, records the
 * average size of a saga event, acks=all; the topic is deleted afterwards.
 */
final class RawLimit {
    private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private RawLimit() {
    }

    static ObjectNode run(Admin admin, String bootstrap, String topic, long records, int recordSize) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        ObjectNode result = SagaLoad.JSON.createObjectNode();
        result.put("topic", topic);
        result.put("partitions", 6);
        result.put("records", records);
        result.put("recordSize", recordSize);
        try {
            List<String> producerOut = tool("org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
                    "--num-records", String.valueOf(records), "--record-size", String.valueOf(recordSize),
                    "--throughput", "-1", "--bootstrap-server", bootstrap, "--command-property", "acks=all");
            Matcher m = null;
            for (String line : producerOut) {
                Matcher candidate = PRODUCER_SUMMARY.matcher(line);
                if (candidate.find()) m = candidate; // the last one is the summary of the whole run
            }
            if (m == null) throw new IllegalStateException("ProducerPerformance printed no summary: " + producerOut);
            result.put("producerRecordsPerSec", Double.parseDouble(m.group(2)));
            result.put("producerMBPerSec", Double.parseDouble(m.group(3)));
            result.put("producerAvgLatencyMs", Double.parseDouble(m.group(4)));
            result.put("producerP99LatencyMs", Double.parseDouble(m.group(8)));
            List<String> consumerOut = tool("org.apache.kafka.tools.ConsumerPerformance", "--topic", topic,
                    "--num-records", String.valueOf(records), "--bootstrap-server", bootstrap, "--timeout", "60000",
                    "--group", topic + "-consumer");
            // A header line, then one CSV line: start, end, MB, MB/s, records, records/s, rebalance ms, ...
            String data = consumerOut.stream().filter(l -> l.matches("^\\d{4}-.*")).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("ConsumerPerformance printed no figures: " + consumerOut));
            String[] f = data.split(",\\s*");
            result.put("consumerRecordsPerSec", Double.parseDouble(f[5]));
            result.put("consumerMBPerSec", Double.parseDouble(f[3]));
            if (f.length > 9) result.put("consumerFetchRecordsPerSec", Double.parseDouble(f[9]));
        } finally {
            admin.deleteTopics(Set.of(topic)).all().get();
            try {
                admin.deleteConsumerGroups(Set.of(topic + "-consumer")).all().get();
            } catch (java.util.concurrent.ExecutionException groupAlreadyGone) {
                // nothing to clean up
            }
        }
        return result;
    }

    private static List<String> tool(String main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) lines.add(line);
        }
        int code = p.waitFor();
        if (code != 0) throw new IllegalStateException(main + " exited with " + code + ": " + lines);
        return lines;
    }
}
