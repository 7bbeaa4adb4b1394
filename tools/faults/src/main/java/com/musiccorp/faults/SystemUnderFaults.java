package com.musiccorp.faults;

import com.musiccorp.platform.launcher.FreePorts;
import com.musiccorp.platform.launcher.SystemLauncher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The whole system as {@code ./musiccorp start} runs it, but with every bounded context in its own
 * process ({@code MUSICCORP_PROCESSES=per-service}) so one context can be killed or frozen alone; on
 * free loopback ports, its state under the run's directory. The launcher's supervisor restarts a
 * process killed from outside; {@code services.tsv} says which pid each service has now.
 */
final class SystemUnderFaults implements AutoCloseable {
    static final List<String> CONTEXTS = List.of("orders", "warehouse", "payments", "loyalty", "notifications",
            "saga-status");
    static final List<String> SERVICES = List.of("kafka", "schema-registry", "payment-gateway", "orders", "warehouse",
            "payments", "loyalty", "notifications", "saga-status", "api");
    private static final Map<String, String> PORT_SETTING = Map.of(
            "orders", "ORDERS_HTTP_PORT", "warehouse", "WAREHOUSE_HTTP_PORT", "payments", "PAYMENTS_HTTP_PORT",
            "loyalty", "LOYALTY_HTTP_PORT", "notifications", "NOTIFICATIONS_HTTP_PORT",
            "saga-status", "SAGA_STATUS_HTTP_PORT", "payment-gateway", "GATEWAY_HTTP_PORT", "api", "API_HTTP_PORT",
            "schema-registry", "REGISTRY_PORT");

    private final SystemLauncher launcher;
    private final Path stateDir;
    private final Map<String, String> settings;
    private final Map<String, String> env;
    private final Thread stopOnExit;

    private SystemUnderFaults(SystemLauncher launcher, Path stateDir, Map<String, String> settings, Thread stopOnExit) {
        this.launcher = launcher;
        this.stateDir = stateDir;
        this.settings = settings;
        this.env = launcher.commonEnvironment();
        this.stopOnExit = stopOnExit;
    }

    static SystemUnderFaults start(Path root, Path stateDir, PrintStream console) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("MUSICCORP_SERVICES", String.join(",", SERVICES));
        settings.put("MUSICCORP_PROCESSES", "per-service");
        FreePorts.forEach(List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "REGISTRY_PORT", "GATEWAY_HTTP_PORT",
                "ORDERS_HTTP_PORT", "WAREHOUSE_HTTP_PORT", "PAYMENTS_HTTP_PORT", "LOYALTY_HTTP_PORT",
                "NOTIFICATIONS_HTTP_PORT", "SAGA_STATUS_HTTP_PORT", "API_HTTP_PORT"))
                .forEach((port, free) -> settings.put(port, String.valueOf(free)));
        settings.put("PAYMENT_GATEWAY_URL", "http://localhost:" + settings.get("GATEWAY_HTTP_PORT"));
        // A refused dispatch is retried within seconds, and gives up after 3, so the orders an
        // operator cancels need attention quickly.
        settings.put("WAREHOUSE_DISPATCH_BACKOFF", "PT1S");
        settings.put("WAREHOUSE_DISPATCH_MAX_ATTEMPTS", "3");
        // With a second instance of a context (scale-out), each keeps a standby copy of the other's
        // tasks, so the partitions coming back when it stops need no restore from the changelogs.
        settings.put("STREAMS_NUM_STANDBY_REPLICAS", "1");
        Files.createDirectories(stateDir);
        SystemLauncher launcher = new SystemLauncher(root, stateDir, settings, console, false);
        Thread stopOnExit = new Thread(launcher::stopAll, "stop-faulted-system");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            launcher.startAll();
        } catch (Exception e) {
            launcher.stopAll();
            throw new IllegalStateException("the system did not start; logs in " + stateDir.resolve("logs"), e);
        }
        Http.callAs(launcher.credentials().adminToken());
        return new SystemUnderFaults(launcher, stateDir, settings, stopOnExit);
    }

    String api() {
        return url("api");
    }

    String gateway() {
        return url("payment-gateway");
    }

    /** A service's base URL: fixed for the run, whatever restarts happen. */
    String url(String service) {
        return "http://localhost:" + settings.get(PORT_SETTING.get(service));
    }

    String bootstrapServers() {
        return env.get("KAFKA_BOOTSTRAP_SERVERS");
    }

    String registryUrl() {
        return env.get("SCHEMA_REGISTRY_URL");
    }

    /** The registry's basic-auth credentials ({@code user:password}), or null when it requires none. */
    String registryUserInfo() {
        return env.get("REGISTRY_USER_INFO");
    }

    Path stateDir() {
        return stateDir;
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    /** One row of the launcher's status file. */
    record ServiceRow(String service, String state, long pid) {
    }

    /** What the launcher's status file says of a service now (empty while the file is being replaced). */
    Optional<ServiceRow> row(String service) {
        try {
            for (String line : Files.readAllLines(stateDir.resolve("services.tsv"), StandardCharsets.UTF_8)) {
                if (line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                if (f.length >= 3 && f[0].equals(service)) {
                    return Optional.of(new ServiceRow(f[0], f[1], f[2].equals("-") ? 0 : Long.parseLong(f[2])));
                }
            }
        } catch (IOException | RuntimeException rewrittenMeanwhile) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The running pid of a service, READY or not; 0 when none. */
    long pid(String service) {
        return row(service).map(ServiceRow::pid).orElse(0L);
    }

    boolean readyWithPidOtherThan(String service, long oldPid) {
        return row(service).filter(r -> r.state().equals("READY") && r.pid() != 0 && r.pid() != oldPid).isPresent();
    }

    /** SIGKILL from outside, as the OOM killer would: the supervisor notices and restarts it. */
    long kill(String service) {
        long pid = pid(service);
        if (pid == 0) throw new IllegalStateException(service + " has no running process to kill");
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pid;
    }

    void freeze(String service) {
        signal("STOP", pid(service));
    }

    void thaw(String service) {
        signal("CONT", pid(service));
    }

    /** The name the launcher supervises a context's second instance under. */
    static String secondInstance(String context) {
        return context + "-2";
    }

    /**
     * Starts a second instance of a context beside the first (same application id, its own free
     * port and state directory under the run's), returning once it is READY.
     */
    String startSecondInstance(String context) throws Exception {
        String port = String.valueOf(freePort());
        launcher.startInstance(context, secondInstance(context), Map.of(
                PORT_SETTING.get(context), port,
                "STATE_DIR", stateDir.resolve("instance-2").resolve("state").toString()));
        return "http://localhost:" + port;
    }

    /** Stops the second instance (SIGTERM: it leaves the group at once). */
    void stopSecondInstance(String context) {
        launcher.stopInstance(secondInstance(context));
    }

    /** Stops the broker cleanly and starts it again on its data (the launcher's restart on purpose). */
    void restartBroker() throws Exception {
        launcher.restart("kafka", false);
    }

    /** Every process running again: each one is sent SIGCONT (harmless when not frozen). */
    void thawAll() {
        for (String service : SERVICES) {
            long pid = pid(service);
            if (pid != 0) signal("CONT", pid);
        }
    }

    boolean everyServiceReady() {
        return SERVICES.stream().allMatch(s -> row(s).filter(r -> r.state().equals("READY")).isPresent());
    }

    private static void signal(String signal, long pid) {
        if (pid == 0) return;
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("could not send SIG" + signal + " to " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thawAll(); // a frozen process cannot act on SIGTERM
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running: it stops them
        }
        launcher.stopAll();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
