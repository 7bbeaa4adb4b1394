package com.musiccorp.platform.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What the start command runs as one process: a service (the module it is built from, its main
 * class, the environment it is configured with), or several services sharing one JVM
 * ({@link #sharing}, run by {@link ServicesHost}). Processors and projections describe themselves in
 * a {@code service.properties} beside their pom, so adding a module adds a service.
 *
 * @param routes     the HTTP paths the service owns ({@code routes=/orders,/stock}), which the one base
 *                   URL ({@code platform/api-gateway}) sends to it
 * @param sharedWith the shared process ({@code process=app}) that hosts it in the default process
 *                   model, or empty for a service that always runs alone
 * @param members    for a shared process, the services it hosts; empty for a service
 */
public record ServiceDefinition(String name, Path moduleDir, String mainClass, int order, Map<String, String> env,
                                List<String> routes, String sharedWith, List<ServiceDefinition> members) {

    public ServiceDefinition {
        env = Map.copyOf(env);
        routes = List.copyOf(routes);
        members = List.copyOf(members);
    }

    public ServiceDefinition(String name, Path moduleDir, String mainClass, int order, Map<String, String> env,
                             List<String> routes) {
        this(name, moduleDir, mainClass, order, env, routes, "", List.of());
    }

    /**
     * One process for {@code members}, run by {@link ServicesHost}: started when the first of them
     * would be, with every member's environment (each service reads its own variables) and routes.
     *
     * @param launcherDir this module, whose classes hold the host
     */
    public static ServiceDefinition sharing(String name, Path launcherDir, List<ServiceDefinition> members) {
        Map<String, String> env = new LinkedHashMap<>();
        for (ServiceDefinition m : members) {
            m.env().forEach((k, v) -> {
                String before = env.putIfAbsent(k, v);
                if (before != null && !before.equals(v)) {
                    throw new IllegalArgumentException(name + ": " + k + " is " + before + " for one service and "
                            + v + " for " + m.name() + "; services sharing a process must agree");
                }
            });
        }
        return new ServiceDefinition(name, launcherDir, ServicesHost.class.getName(),
                members.stream().mapToInt(ServiceDefinition::order).min().orElse(100), env,
                members.stream().flatMap(m -> m.routes().stream()).toList(), "", members);
    }

    /** The same process with another environment. */
    public ServiceDefinition withEnv(Map<String, String> otherEnv) {
        return new ServiceDefinition(name, moduleDir, mainClass, order, otherEnv, routes, sharedWith, members);
    }

    public boolean isShared() {
        return !members.isEmpty();
    }

    /** The services this process runs: its members, or itself. */
    public List<String> services() {
        return isShared() ? members.stream().map(ServiceDefinition::name).toList() : List.of(name);
    }

    /** The main's arguments: for a shared process, {@code name=main.Class} per member. */
    public List<String> mainArgs() {
        return members.stream().map(m -> m.name() + "=" + m.mainClass()).toList();
    }

    /** Reads {@code service.properties}: name, main, order, routes, process, and {@code env.X=value} entries. */
    public static ServiceDefinition fromProperties(Path moduleDir) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(moduleDir.resolve("service.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("env."))
                .sorted().forEach(k -> env.put(k.substring(4), p.getProperty(k)));
        return new ServiceDefinition(
                require(p, "name", moduleDir), moduleDir, require(p, "main", moduleDir),
                Integer.parseInt(p.getProperty("order", "100")), env,
                Stream.of(p.getProperty("routes", "").split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList(),
                p.getProperty("process", "").strip(), List.of());
    }

    /**
     * The module's runtime classpath, written by the build into {@code target/classpath.txt}; for a
     * shared process, the host's followed by every member's, each entry once (one build, one version
     * of every jar).
     */
    public String classpath() {
        if (isShared()) {
            java.util.LinkedHashSet<String> entries = new java.util.LinkedHashSet<>();
            entries.addAll(List.of(moduleClasspath().split(java.io.File.pathSeparator)));
            members.forEach(m -> entries.addAll(List.of(m.classpath().split(java.io.File.pathSeparator))));
            return String.join(java.io.File.pathSeparator, entries);
        }
        return moduleClasspath();
    }

    private String moduleClasspath() {
        Path file = moduleDir.resolve("target/classpath.txt");
        if (!Files.exists(file)) {
            throw new IllegalStateException(name + " is not built (no " + file + "): run ./musiccorp build");
        }
        try {
            String deps = Files.readString(file).strip();
            String classes = moduleDir.resolve("target/classes").toAbsolutePath().toString();
            return deps.isEmpty() ? classes : classes + java.io.File.pathSeparator + deps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String require(Properties p, String key, Path dir) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) throw new IllegalArgumentException(dir + "/service.properties lacks '" + key + "'");
        return v.strip();
    }
}
