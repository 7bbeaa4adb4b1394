package com.musiccorp.bench;

import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.launcher.FreePorts;
import com.musiccorp.platform.launcher.SystemLauncher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The system measured: started here as {@code ./musiccorp start} starts it (every service its own
 * process, on free loopback ports, state under benchmarks/target), or one already running that the
 * options point at. Knows each service's process id when it can, for the /proc figures.
 */
final class SystemUnderTest implements AutoCloseable {
    static final List<String> ALL_SERVICES = List.of("kafka", "schema-registry", "payment-gateway", "orders",
            "warehouse", "payments", "loyalty", "notifications", "saga-status", "api");

    private final Path root;
    private final SystemLauncher launcher;
    private final String api;
    private final String sagaStatus;
    private final String bootstrap;
    private final String registry;
    /** The registry's basic-auth credentials ({@code user:password}), or null when it requires none. */
    private final String registryUserInfo;
    private final Map<String, String> settings;
    /** Stops the started services when the benchmark is interrupted (Ctrl-C), so none is left behind. */
    private final Thread stopOnExit;

    private SystemUnderTest(Path root, SystemLauncher launcher, Thread stopOnExit, String api, String sagaStatus,
                            String bootstrap, String registry, String registryUserInfo, Map<String, String> settings) {
        this.root = root;
        this.launcher = launcher;
        this.api = api;
        this.sagaStatus = sagaStatus;
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.registryUserInfo = registryUserInfo;
        this.settings = settings;
        this.stopOnExit = stopOnExit;
    }

    /** The settings the embedded system runs with, beside the free ports. */
    static Map<String, String> embeddedSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        // One refusal of the carrier is retried after a second, not the minute of the default, so the
        // "dispatch delayed" share of the mix comes to rest within a rate step.
        s.put("WAREHOUSE_DISPATCH_BACKOFF", "PT1S");
        return s;
    }

    static SystemUnderTest start(Path root, Path stateDir, List<String> services, Map<String, String> extra,
                                 PrintStream console) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(extra);
        settings.put("MUSICCORP_SERVICES", String.join(",", services));
        FreePorts.forEach(List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "REGISTRY_PORT", "GATEWAY_HTTP_PORT",
                "ORDERS_HTTP_PORT", "WAREHOUSE_HTTP_PORT", "PAYMENTS_HTTP_PORT", "LOYALTY_HTTP_PORT",
                "NOTIFICATIONS_HTTP_PORT", "SAGA_STATUS_HTTP_PORT", "API_HTTP_PORT"))
                .forEach((port, free) -> settings.putIfAbsent(port, String.valueOf(free)));
        settings.putIfAbsent("PAYMENT_GATEWAY_URL", "http://localhost:" + settings.get("GATEWAY_HTTP_PORT"));
        Files.createDirectories(stateDir);
        SystemLauncher launcher = new SystemLauncher(root, stateDir, settings, console, false);
        Thread stopOnExit = new Thread(launcher::stopAll, "stop-benchmarked-services");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            launcher.startAll();
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            launcher.stopAll();
            throw new IllegalStateException("the system did not start; logs in " + stateDir.resolve("logs"), e);
        }
        Map<String, String> env = launcher.commonEnvironment();
        ApiCaller.callAs(launcher.credentials().adminToken());
        return new SystemUnderTest(root, launcher, stopOnExit, services.contains("api") ? launcher.url("api") : null,
                services.contains("saga-status") ? launcher.url("saga-status") : null,
                env.get("KAFKA_BOOTSTRAP_SERVERS"), env.get("SCHEMA_REGISTRY_URL"), env.get("REGISTRY_USER_INFO"), settings);
    }

    static SystemUnderTest running(Path root, BenchOptions o) {
        String sagaStatus = o.sagaStatusUrl() != null ? o.sagaStatusUrl() : "http://localhost:8087";
        com.musiccorp.platform.launcher.DevelopmentCredentials.callerToken(System.getenv()).ifPresent(ApiCaller::callAs);
        return new SystemUnderTest(root, null, null, o.apiUrl(), sagaStatus, o.bootstrapServers(), o.registryUrl(),
                System.getenv("REGISTRY_USER_INFO"), Map.of());
    }

    boolean embedded() {
        return launcher != null;
    }

    String api() {
        return api;
    }

    String sagaStatus() {
        return sagaStatus;
    }

    String bootstrapServers() {
        return bootstrap;
    }

    String registryUrl() {
        return registry;
    }

    String registryUserInfo() {
        return registryUserInfo;
    }

    /** Serde settings that reach the registry, with its credentials when it has them. */
    Map<String, Object> registryConfig() {
        return AvroSerdeConfig.registryConfig(registry, registryUserInfo);
    }

    Map<String, String> settings() {
        return settings;
    }

    /**
     * Each process's statistics, by service name: the launcher's child processes when started here,
     * else any process on this machine running a service's main class (only when exactly one does). A
     * process hosting several services (the start command's shared {@code app} JVM, whose
     * arguments are {@code name=main.Class}) is reported once, under its {@code process=} name.
     */
    Map<String, ProcStats> processStats() throws IOException {
        Map<String, String> mains = serviceMains();
        Map<Long, List<String>> servicesByPid = new LinkedHashMap<>();
        mains.forEach((name, main) -> {
            Stream<ProcessHandle> candidates = embedded() ? ProcessHandle.current().children() : ProcessHandle.allProcesses();
            List<ProcessHandle> matching = candidates.filter(p -> {
                List<String> args = commandLine(p.pid());
                return args.contains(main) || args.contains(name + "=" + main);
            }).toList();
            if (matching.size() == 1) {
                servicesByPid.computeIfAbsent(matching.get(0).pid(), pid -> new java.util.ArrayList<>()).add(name);
            }
        });
        Map<String, ProcStats> stats = new LinkedHashMap<>();
        servicesByPid.forEach((pid, names) -> {
            ProcStats s = ProcStats.of(pid);
            if (s != null) stats.put(names.size() == 1 ? names.get(0) : sharedProcesses.getOrDefault(names.get(0), "shared"), s);
        });
        return stats;
    }

    /** Service → the {@code process=} it shares in the start command's default process model. */
    private final Map<String, String> sharedProcesses = new LinkedHashMap<>();

    /** The process's arguments as /proc has them (ProcessHandle.Info truncates long class paths). */
    private static List<String> commandLine(long pid) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private Map<String, String> serviceMains() throws IOException {
        Map<String, String> mains = new LinkedHashMap<>();
        for (String dir : List.of("platform", "simulators", "processors", "projections")) {
            Path base = root.resolve(dir);
            if (!Files.isDirectory(base)) continue;
            try (Stream<Path> modules = Files.list(base)) {
                for (Path m : modules.sorted().toList()) {
                    Path f = m.resolve("service.properties");
                    if (!Files.exists(f)) continue;
                    Properties p = new Properties();
                    try (var in = Files.newInputStream(f)) {
                        p.load(in);
                    }
                    mains.put(p.getProperty("name"), p.getProperty("main"));
                    String shared = p.getProperty("process", "").strip();
                    if (!shared.isEmpty()) sharedProcesses.put(p.getProperty("name"), shared);
                }
            }
        }
        return mains;
    }

    @Override
    public void close() {
        if (launcher == null) return;
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or about to: it stops them
        }
        launcher.stopAll();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A console that drops everything: the launcher's chatter goes to a file instead. */
    static PrintStream fileConsole(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        OutputStream out = Files.newOutputStream(file);
        return new PrintStream(out, true);
    }
}
