package com.musiccorp.systemtests;

import com.musiccorp.platform.launcher.DevelopmentCredentials;
import com.musiccorp.platform.launcher.SystemLauncher;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as {@code ./musiccorp start} runs it (every service its own process, from its
 * built classpath, on the project's own KRaft broker and registry), on free loopback ports, started
 * once and shared by every test class of this module; stopped when the test run ends.
 */
public final class RunningSystem implements BeforeAllCallback {

    /** Every service, in the launcher's names. */
    static final List<String> SERVICES = List.of("kafka", "schema-registry", "payment-gateway", "orders",
            "warehouse", "payments", "loyalty", "notifications", "saga-status", "api");
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Services system;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (RunningSystem.class) {
            if (system == null) {
                system = new Services();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("musiccorp-system", system);
            }
        }
    }

    public static Services get() {
        if (system == null) throw new IllegalStateException("annotate the test class with @ExtendWith(RunningSystem.class)");
        return system;
    }

    /** The started system: where each service listens, and a way to crash and restart one. */
    public static final class Services implements ExtensionContext.Store.CloseableResource {
        private final SystemLauncher launcher;
        private Path home;
        private final Map<String, String> env;

        Services() throws Exception {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("MUSICCORP_SERVICES", String.join(",", SERVICES));
            for (String port : List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "REGISTRY_PORT", "GATEWAY_HTTP_PORT",
                    "ORDERS_HTTP_PORT", "WAREHOUSE_HTTP_PORT", "PAYMENTS_HTTP_PORT", "LOYALTY_HTTP_PORT",
                    "NOTIFICATIONS_HTTP_PORT", "SAGA_STATUS_HTTP_PORT", "API_HTTP_PORT")) {
                settings.put(port, String.valueOf(freePort()));
            }
            settings.put("PAYMENT_GATEWAY_URL", "http://localhost:" + settings.get("GATEWAY_HTTP_PORT"));
            // A failing dispatch is retried within seconds here, not the minute of the default.
            settings.put("WAREHOUSE_DISPATCH_BACKOFF", "PT1S");
            settings.put("WAREHOUSE_DISPATCH_MAX_ATTEMPTS", "3");
            settings.put("SERVICE_HEAP", "256m");
            // Each context its own process, so a test can crash one of them (the start command shares one JVM).
            settings.put("MUSICCORP_PROCESSES", "per-service");
            home = Files.createTempDirectory(Files.createDirectories(ROOT.resolve("system-tests/target")), "system-");
            PrintStream console = new PrintStream(Files.newOutputStream(home.resolve("console.log")), true);
            launcher = new SystemLauncher(ROOT, home, settings, console, false);
            env = launcher.commonEnvironment();
            try {
                launcher.startAll();
            } catch (Exception e) {
                launcher.stopAll();
                throw new IllegalStateException("the system did not start; logs in " + home.resolve("logs"), e);
            }
            Http.callAs(credentials().adminToken());
        }

        /** The system's state directory ({@code MUSICCORP_HOME}). */
        public Path home() {
            return home;
        }

        /** The tokens the start wrote to its credentials.env, as a user would source them. */
        public DevelopmentCredentials credentials() {
            return launcher.credentials();
        }

        public String url(String service) {
            return launcher.url(service);
        }

        public String bootstrapServers() {
            return env.get("KAFKA_BOOTSTRAP_SERVERS");
        }

        public String registryUrl() {
            return env.get("SCHEMA_REGISTRY_URL");
        }

        /** The registry's basic-auth credentials ({@code user:password}) the launcher set, or null. */
        public String registryUserInfo() {
            return env.get("REGISTRY_USER_INFO");
        }

        /** SIGKILLs the service, as a crash would, and starts it again on the same state. */
        public void crashAndRestart(String service) throws Exception {
            launcher.restart(service, true);
        }

        @Override
        public void close() {
            launcher.stopAll();
        }
    }

    /** Ports handed out in this JVM: a service's port is bound only when it starts, after all are chosen. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A free port below Linux's ephemeral range (32768–60999). A port the OS picks for
     * {@code new ServerSocket(0)} is from that range, where every outgoing connection (Kafka clients,
     * HTTP) also takes its local port: between choosing it and the service binding it, one of those
     * took it once ("already in use", the service exited).
     */
    static int freePort() throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (!HANDED_OUT.add(port)) continue;
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException inUse) {
                // taken: try another
            }
        }
        throw new IOException("no free port between 20000 and 32000 on the loopback address");
    }
}
