package com.musiccorp.platform.avro;

import org.apache.avro.Schema;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes every call to a real client and counts them per method. Not a mock: the real registry answers. */
final class CountingRegistryClient implements SchemaRegistryClient {
    private final SchemaRegistryClient real;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    CountingRegistryClient(SchemaRegistryClient real) {
        this.real = real;
    }

    int calls(String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void count(String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public int register(String subject, Schema schema) {
        count("register");
        return real.register(subject, schema);
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        count("lookupId");
        return real.lookupId(subject, schema);
    }

    @Override
    public Schema getById(int id) {
        count("getById");
        return real.getById(id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        count("latest");
        return real.latest(subject);
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        count("testCompatibility");
        return real.testCompatibility(subject, schema);
    }

    @Override
    public String setCompatibility(String subject, String level) {
        count("setCompatibility");
        return real.setCompatibility(subject, level);
    }

    @Override
    public String getCompatibility(String subject) {
        count("getCompatibility");
        return real.getCompatibility(subject);
    }

    @Override
    public List<String> listSubjects() {
        count("listSubjects");
        return real.listSubjects();
    }

    @Override
    public void close() {
        real.close();
    }
}
