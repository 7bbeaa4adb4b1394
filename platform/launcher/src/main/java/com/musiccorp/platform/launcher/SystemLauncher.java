package com.musiccorp.platform.launcher;

import com.musiccorp.platform.kafka.RegistryAcls;
import com.musiccorp.platform.kafka.ScramLogin;
import com.musiccorp.platform.kafka.TopicCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The start command: runs the broker, the schema registry and every processor and projection of
 * the repository, in the order their {@code service.properties} give. Services of one order start
 * together. By default the bounded contexts and the api ({@code process=app}) share one JVM
 * ({@link ServicesHost}), each still with its own port and state (a context its own Kafka Streams
 * application);
 * {@code MUSICCORP_PROCESSES=per-service} runs every service as its own process. Once the registry is up, every event schema is registered.
 * Prints where each service listens; Ctrl-C (SIGINT/SIGTERM) stops them all, newest first. A service
 * that dies afterwards is restarted with back-off ({@link Supervisor}); {@code $MUSICCORP_HOME/services.tsv}
 * says what runs ({@link StatusFile}, shown by {@code ./musiccorp status}).
 *
 * <p>The installation's credentials ({@link DevelopmentCredentials}, {@code $MUSICCORP_HOME/credentials.env})
 * are created on the first start and reused after: every service gets the token secret and the
 * registry's credentials in its environment, and callers take the tokens from the file or {@link #credentials()}.
 */
public final class SystemLauncher {
    /** The routing table handed to the services (the gateway uses it): see {@link #routes}. */
    static final String ROUTES = "MUSICCORP_ROUTES";
    static final List<String> SERVICE_ROOTS = List.of("platform", "simulators", "processors", "projections");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /** {@code shared} (default): services with a {@code process=} share that process; {@code per-service}: each alone. */
    static final String PROCESSES = "MUSICCORP_PROCESSES";

    private final Path root;
    private final Path stateDir;
    private final Map<String, String> settings;
    private final PrintStream out;
    private final boolean follow;
    private final Supervisor supervisor;
    /** What was launched, by process name: a service, or a shared process. */
    private final Map<String, ServiceDefinition> launched = new java.util.concurrent.ConcurrentHashMap<>();
    private DevelopmentCredentials credentials;

    /**
     * @param settings overrides of the environment (ports, {@code MUSICCORP_SERVICES} to start only
     *                 some services, any service's own variable such as {@code ORDERS_HTTP_PORT});
     *                 whatever is not in it is read from the environment
     */
    public SystemLauncher(Path root, Path stateDir, Map<String, String> settings, PrintStream out, boolean follow) {
        this.root = root;
        this.stateDir = stateDir;
        this.settings = Map.copyOf(settings);
        this.out = out;
        this.follow = follow;
        this.supervisor = new Supervisor(stateDir, out, READY_TIMEOUT);
    }

    public static void main(String[] args) throws Exception {
        boolean follow = List.of(args).contains("--follow");
        Path root = Path.of("").toAbsolutePath();
        String home = System.getenv("MUSICCORP_HOME");
        Path stateDir = home == null || home.isBlank() ? root.resolve(".musiccorp") : Path.of(home);
        SystemLauncher launcher = new SystemLauncher(root, stateDir, Map.of(), System.out, follow);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launcher.stopAll();
            stopped.countDown();
        }, "stop-services"));
        try {
            launcher.startAll();
        } catch (Exception e) {
            System.err.println("Start failed: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    /** Every module that describes itself as a service, in start order. */
    static List<ServiceDefinition> discover(Path root) throws IOException {
        List<ServiceDefinition> found = new ArrayList<>();
        for (String dir : SERVICE_ROOTS) {
            Path base = root.resolve(dir);
            if (!Files.isDirectory(base)) continue;
            try (Stream<Path> modules = Files.list(base)) {
                modules.filter(m -> Files.exists(m.resolve("service.properties")))
                        .map(ServiceDefinition::fromProperties).forEach(found::add);
            }
        }
        found.sort(Comparator.comparingInt(ServiceDefinition::order).thenComparing(ServiceDefinition::name));
        return found;
    }

    public void startAll() throws Exception {
        Map<String, String> env = commonEnvironment();
        Map<Integer, List<ServiceDefinition>> phases = new TreeMap<>();
        List<String> only = List.of(setting("MUSICCORP_SERVICES", "").split(",")).stream()
                .map(String::strip).filter(n -> !n.isEmpty()).toList();
        List<ServiceDefinition> all = discover(root);
        List<String> unknown = only.stream().filter(n -> all.stream().noneMatch(d -> d.name().equals(n))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("MUSICCORP_SERVICES names unknown services " + unknown + "; known: "
                    + all.stream().map(ServiceDefinition::name).toList());
        }
        List<ServiceDefinition> selected = all.stream().filter(d -> only.isEmpty() || only.contains(d.name())).toList();
        for (ServiceDefinition d : processes(selected)) {
            phases.computeIfAbsent(d.order(), k -> new ArrayList<>()).add(d);
        }
        for (List<ServiceDefinition> phase : phases.values()) {
            List<ServiceProcess> started = new ArrayList<>();
            for (ServiceDefinition d : phase) {
                started.add(launch(d, env));
            }
            for (ServiceProcess p : started) {
                awaitReady(p);
                if (p.name().equals("schema-registry")) registerSchemas(env.get("SCHEMA_REGISTRY_URL"), env.get("REGISTRY_USER_INFO"));
            }
        }
        out.println();
        out.println("MusicCorp Streams is running. Logs: " + stateDir.resolve("logs") + ". Ctrl-C stops everything;"
                + " a service that dies is restarted; ./musiccorp status lists them.");
        out.println("Credentials (tokens per role, the registry's user): " + DevelopmentCredentials.file(stateDir)
                + "; source it, then curl -H \"Authorization: Bearer $OPERATOR_TOKEN\" ...");
        if (kafkaSecured()) {
            out.println("Kafka: SASL/SCRAM with ACLs, each context its own principal. The CLI as the admin:"
                    + " export KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD=$KAFKA_ADMIN_PASSWORD");
        }
        consoleSignInLink().ifPresent(link -> out.println("Console (signs in as admin; keep the link to yourself): " + link));
        for (String name : supervisor.readyServices()) {
            out.printf("  %-16s %s%n", name, readyLine(name).substring("READY".length()).strip());
        }
    }

    /** The api's console with the admin token in a sign-in link; the console drops it from the address bar. */
    private java.util.Optional<String> consoleSignInLink() {
        if (!supervisor.readyServices().contains("api")) return java.util.Optional.empty();
        return java.util.Optional.of(url("api") + "/console/?token=" + credentials().adminToken());
    }

    /**
     * The processes to run for {@code services}: in the shared process model, the services naming the
     * same {@code process=} become one process (named so), started when the first of them would be.
     */
    private List<ServiceDefinition> processes(List<ServiceDefinition> services) {
        String model = setting(PROCESSES, "shared");
        if (model.equals("per-service")) return services;
        if (!model.equals("shared")) {
            throw new IllegalArgumentException(PROCESSES + " is shared or per-service, not " + model);
        }
        Map<String, List<ServiceDefinition>> shared = new LinkedHashMap<>();
        List<ServiceDefinition> processes = new ArrayList<>();
        for (ServiceDefinition d : services) {
            if (d.sharedWith().isEmpty()) processes.add(d);
            else shared.computeIfAbsent(d.sharedWith(), k -> new ArrayList<>()).add(d);
        }
        shared.forEach((name, members) -> processes.add(ServiceDefinition.sharing(name, root.resolve("platform/launcher"), members)));
        processes.sort(Comparator.comparingInt(ServiceDefinition::order).thenComparing(ServiceDefinition::name));
        return processes;
    }

    /**
     * Stops the process of one running service (SIGKILL when {@code crash}, as a power cut would;
     * SIGTERM otherwise) and starts it again with the same state directory, returning once it is
     * READY again. A restart on purpose: the supervisor does not also restart it, nor count it. A
     * service of a shared process restarts with every service of that process.
     */
    public void restart(String name, boolean crash) throws Exception {
        ServiceProcess old = supervisor.process(name);
        out.println((crash ? "killing " : "stopping ") + old.name());
        if (crash) old.kill();
        else old.close();
        awaitReady(launch(launched.get(old.name()), commonEnvironment()));
    }

    /**
     * Starts another instance of a service that runs alone ({@code per-service}) beside the first:
     * the same module and application id, so Kafka Streams splits the context's partitions between
     * the two, with {@code overrides} on top of its environment (at least its own HTTP port and
     * {@code STATE_DIR}: two instances never share a state directory; a fresh one still joins the
     * generation a rebuild switched to, which it reads back from Kafka). Supervised under
     * {@code instance} (restarted if it dies, listed by {@code ./musiccorp status}); returns once READY.
     */
    public void startInstance(String service, String instance, Map<String, String> overrides) throws Exception {
        ServiceDefinition first = launched.get(service);
        if (first == null || first.isShared()) {
            throw new IllegalArgumentException(service + " does not run in a process of its own (" + PROCESSES
                    + "=per-service starts it so): another instance cannot start beside it");
        }
        if (launched.containsKey(instance)) throw new IllegalArgumentException(instance + " runs already");
        ServiceDefinition second = new ServiceDefinition(instance, first.moduleDir(), first.mainClass(), first.order(),
                first.env(), List.of());
        launched.put(instance, second);
        ServiceProcess p = startProcess(second, commonEnvironment(), false, overrides);
        supervisor.started(instance, p, () -> startProcess(second, commonEnvironment(), true, overrides));
        awaitReady(p);
    }

    /** Stops an instance started by {@link #startInstance} (SIGTERM: it leaves its group, its partitions move back). */
    public void stopInstance(String instance) {
        ServiceDefinition d = launched.get(instance);
        if (d == null || discoveredNames().contains(instance)) throw new IllegalArgumentException(instance + " is not an extra instance");
        supervisor.process(instance).close();
        launched.remove(instance);
    }

    private List<String> discoveredNames() {
        try {
            return discover(root).stream().map(ServiceDefinition::name).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The process id a service runs in now (its own process, or the shared one). */
    public long pid(String service) {
        return supervisor.process(service).pid();
    }

    /** The READY line a running service printed, e.g. {@code READY orders http=http://localhost:8082}. */
    public String readyLine(String name) {
        String line = supervisor.readyLine(name);
        if (line == null) throw new IllegalArgumentException("service " + name + " is not ready: " + supervisor.readyServices());
        return line;
    }

    /** The base URL a service announced in its READY line ({@code http=} or {@code url=}). */
    public String url(String name) {
        for (String part : readyLine(name).split(" ")) {
            if (part.startsWith("http=") || part.startsWith("url=")) return part.substring(part.indexOf('=') + 1);
        }
        throw new IllegalArgumentException("service " + name + " announced no URL: " + readyLine(name));
    }

    private ServiceProcess launch(ServiceDefinition d, Map<String, String> commonEnv) throws IOException {
        launched.put(d.name(), d);
        ServiceProcess p = startProcess(d, commonEnv, false, Map.of());
        supervisor.started(d.name(), p, () -> startProcess(d, commonEnvironment(), true, Map.of()));
        return p;
    }

    /** @param overrides win over everything else: an extra instance's own port and state directory */
    private ServiceProcess startProcess(ServiceDefinition d, Map<String, String> commonEnv, boolean appendLog,
                                        Map<String, String> overrides) throws IOException {
        // service.properties gives defaults; a setting or exported variable of the same name wins,
        // and every explicit setting reaches the services (e.g. a test's shorter back-off).
        Map<String, String> own = new LinkedHashMap<>(settings);
        own.putIfAbsent(ROUTES, routes(d));
        d.env().forEach((k, v) -> own.put(k, setting(k, v)));
        own.putAll(kafkaLogins(d));
        own.putAll(overrides);
        return ServiceProcess.start(d.withEnv(own), commonEnv, jvmArgs(d), stateDir.resolve("logs"),
                follow ? out : null, appendLog);
    }

    /** {@code KAFKA_SECURITY=scram}: the broker runs SASL/SCRAM with ACLs, each context logs in as itself. */
    boolean kafkaSecured() {
        String security = setting("KAFKA_SECURITY", "none").strip();
        if (!security.equals("scram") && !security.equals("none")) {
            throw new IllegalArgumentException("KAFKA_SECURITY is 'scram' or 'none', not '" + security + "'");
        }
        return security.equals("scram");
    }

    /**
     * On the secured broker, what a process needs to log in, and no more: the broker every
     * password (it creates each principal and its ACLs), the registry its own login, a context
     * (or the shared process of contexts) the password of each context it runs. Least privilege
     * between processes: a context's process cannot log in as another context.
     */
    private Map<String, String> kafkaLogins(ServiceDefinition d) {
        if (!kafkaSecured()) return Map.of();
        Map<String, String> passwords = credentials().kafkaPasswords();
        Map<String, String> env = new LinkedHashMap<>();
        for (String service : d.services()) {
            String own = ScramLogin.passwordVariable(service);
            if (service.equals("kafka")) {
                env.put("KAFKA_SECURITY", "scram");
                env.putAll(passwords);
            } else if (service.equals("schema-registry")) {
                ScramLogin login = new ScramLogin(RegistryAcls.PRINCIPAL_NAME,
                        passwords.get(ScramLogin.passwordVariable(RegistryAcls.PRINCIPAL_NAME)));
                login.clientConfig().forEach((k, v) ->
                        env.put("REGISTRY_KAFKA_" + k.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), v));
            } else if (TopicCatalog.contexts().contains(service)) {
                env.put(own, passwords.get(own));
            }
        }
        return env;
    }

    /**
     * {@code prefix=service@url,...}: what the gateway serves under the one base URL. A service in
     * {@code process} itself (the gateway's process mates in the shared model, started with it) is
     * reached on the port it is configured with; any other service once it is READY (or was READY
     * before it died), at the address of its READY line.
     */
    private String routes(ServiceDefinition process) throws IOException {
        List<String> routes = new ArrayList<>();
        for (ServiceDefinition d : discover(root)) {
            if (d.routes().isEmpty()) continue;
            String url = process.isShared() && process.services().contains(d.name()) ? "http://localhost:" + httpPort(d)
                    : supervisor.readyLine(d.name()) != null ? url(d.name()) : null;
            if (url != null) d.routes().forEach(prefix -> routes.add(prefix + "=" + d.name() + "@" + url));
        }
        return String.join(",", routes);
    }

    /** The port a service that owns routes listens on: its {@code <NAME>_HTTP_PORT} (orders: ORDERS_HTTP_PORT). */
    private String httpPort(ServiceDefinition d) {
        String variable = d.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_HTTP_PORT";
        String configured = d.env().get(variable);
        if (configured == null) {
            throw new IllegalStateException(d.name() + " owns routes but its service.properties sets no " + variable);
        }
        return setting(variable, configured);
    }

    private void awaitReady(ServiceProcess p) throws Exception {
        String line = p.awaitReady(READY_TIMEOUT);
        supervisor.ready(p.name(), p, line);
        if (p.services().size() == 1 && p.services().getFirst().equals(p.name())) {
            out.println("started " + p.name() + " (pid " + p.pid() + "): " + line.substring("READY".length()).strip());
            return;
        }
        for (String service : p.services()) {
            out.println("started " + service + " (pid " + p.pid() + ", in " + p.name() + "): "
                    + p.readyLine(service).substring("READY".length()).strip());
        }
    }

    /** {@code userInfo}: the registry's REGISTRY_USER_INFO, which every registration needs when set. */
    private void registerSchemas(String registryUrl, String userInfo) {
        int count = SchemaBootstrap.registerAll(registryUrl, userInfo);
        out.println("registered " + count + " event schemas in " + registryUrl);
    }

    public void stopAll() {
        List<ServiceProcess> toStop = supervisor.stopSupervising();
        for (int i = toStop.size() - 1; i >= 0; i--) {
            ServiceProcess p = toStop.get(i);
            if (p.isAlive()) {
                out.println("stopping " + p.name());
            }
            p.close();
        }
        supervisor.stopped();
    }

    /** This installation's credentials, created in the state directory on first use. */
    public synchronized DevelopmentCredentials credentials() {
        if (credentials == null) {
            credentials = DevelopmentCredentials.loadOrCreate(stateDir, java.time.Instant.now());
        }
        return credentials;
    }

    /** Every service gets the same view of the system; each can still be pointed elsewhere. */
    public Map<String, String> commonEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        // Not overridable: the tokens in credentials.env are only good against this secret.
        env.putAll(credentials().serviceEnvironment());
        String kafkaPort = setting("KAFKA_PORT", "9092");
        String registryPort = setting("REGISTRY_PORT", "8081");
        env.put("KAFKA_PORT", kafkaPort);
        env.put("KAFKA_CONTROLLER_PORT", setting("KAFKA_CONTROLLER_PORT", "9093"));
        env.put("REGISTRY_PORT", registryPort);
        env.put("KAFKA_BOOTSTRAP_SERVERS", setting("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + kafkaPort));
        env.put("SCHEMA_REGISTRY_URL", setting("SCHEMA_REGISTRY_URL", "http://localhost:" + registryPort));
        env.put("KAFKA_DATA_DIR", stateDir.resolve("kafka").toString());
        env.put("STATE_DIR", stateDir.resolve("state").toString());
        // glibc gives every thread that allocates its own 64 MB arena; RocksDB and Netty threads
        // made each service's native memory grow with its thread count.
        env.put("MALLOC_ARENA_MAX", setting("MALLOC_ARENA_MAX", "2"));
        return env;
    }

    private String setting(String name, String fallback) {
        String v = settings.getOrDefault(name, System.getenv(name));
        return v == null || v.isBlank() ? fallback : v;
    }

    /**
     * Small services on a small machine: serial GC and a bounded heap keep RSS predictable. A
     * service's {@code service.properties} may size its own heap ({@code env.SERVICE_HEAP}, chosen by
     * measurement: see README's performance section), else 256 MB; an exported {@code SERVICE_HEAP}
     * sizes every service. A shared process gets {@code SHARED_HEAP} (one heap for all its services),
     * and a log format that names each line's service.
     *
     * <p>The initial heap is the maximum unless the service says otherwise
     * ({@code env.SERVICE_INITIAL_HEAP}). The JVM's own default, 1/64 of the machine's memory (384 MB
     * on 24 GB), is above every maximum here, so each JVM committed its whole heap anyway; a light
     * service that starts small grows only as far as it needs (NMT: the idle gateway simulator held
     * 128 MB of heap). The broker and the contexts keep theirs whole: a serial young generation is
     * sized from the current heap, and a small one collected a third more often under load (JFR:
     * 121 pauses in 70 s, not 90).
     *
     * <p>The shared process has {@code SHARED_HEAP}, 416 MB: its live set under load is ~180 MB, and
     * with 512 MB (and 10 MB record caches) it peaked 67 MB higher at the same latency in quick runs.
     * It collects in parallel, on both cores: every pause there stops all six contexts' stream
     * threads at once, and JFR measured 2.4 s of pauses per 70 s under load with the parallel
     * collector against 4.1 s with the serial one (p99 saga latency 100–300 ms lower, for ~35 MB more
     * RSS). A process with one service keeps the serial collector.
     *
     * <p>A service may add JVM options of its own ({@code env.SERVICE_JVM_OPTIONS}): the registry and
     * the gateway simulator, which do little per request, compile with C1 only.
     */
    private static List<String> jvmArgs(ServiceDefinition d) {
        String heap = d.isShared() ? env("SHARED_HEAP", "416m")
                : env("SERVICE_HEAP", d.env().getOrDefault("SERVICE_HEAP", "256m"));
        String initial = d.isShared() ? heap : d.env().getOrDefault("SERVICE_INITIAL_HEAP", heap);
        String collector = d.isShared() ? "-XX:+UseParallelGC" : "-XX:+UseSerialGC";
        List<String> args = new ArrayList<>(List.of(collector, "-Xms" + initial, "-Xmx" + heap,
                "--enable-native-access=ALL-UNNAMED"));
        if (d.isShared()) args.add("-Dlogback.configurationFile=services-host-logback.xml");
        if (Runtime.version().feature() >= 23) args.add("--sun-misc-unsafe-memory-access=allow");
        // Object headers of 8 bytes, not 12 (JEP 519, a product option from JDK 25): our heaps hold
        // millions of small objects (records, cache entries, events), so the same live set is smaller
        // (the JEP's claim; its effect here was not measured apart from this session's other changes).
        if (Runtime.version().feature() >= 25) args.add("-XX:+UseCompactObjectHeaders");
        // Since JDK 20 the JIT asks for a collection each time its code grows by SweeperThreshold % of
        // the code cache (15 %, 36 MB), to unload code; the parallel collector makes it a full collection,
        // which stopped every context of the shared process for 250-520 ms about two minutes into each
        // run (GC log, session 25). The shared process holds ~70 MB of compiled code (NMT), so at 50 %
        // (120 MB) it never comes; the collection when the cache is nearly full (StartAggressiveSweepingAt) stays.
        if (Runtime.version().feature() >= 20) args.add("-XX:SweeperThreshold=50");
        String own = d.isShared() ? "" : d.env().getOrDefault("SERVICE_JVM_OPTIONS", "");
        for (String option : own.strip().split("\\s+")) {
            if (!option.isEmpty()) args.add(option);
        }
        return args;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
