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
 * One service the start command runs as its own process: the module it is built from, its main
 * class, and the environment it is configured with. Processors and projections describe
 * themselves in a {@code service.properties} beside their pom, so adding a module adds a service.
 *
 * @param routes the HTTP paths the service owns ({@code routes=/orders,/stock}), which the one base
 *               URL ({@code platform/api-gateway}) sends to it
 */
public record ServiceDefinition(String name, Path moduleDir, String mainClass, int order, Map<String, String> env,
                                List<String> routes) {

    public ServiceDefinition {
        env = Map.copyOf(env);
        routes = List.copyOf(routes);
    }

    /** The same service with another environment. */
    public ServiceDefinition withEnv(Map<String, String> otherEnv) {
        return new ServiceDefinition(name, moduleDir, mainClass, order, otherEnv, routes);
    }

    /** Reads {@code service.properties}: name, main, order, routes, and {@code env.X=value} entries. */
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
                Stream.of(p.getProperty("routes", "").split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList());
    }

    /** The module's runtime classpath, written by the build into {@code target/classpath.txt}. */
    public String classpath() {
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
