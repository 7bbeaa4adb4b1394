package com.musiccorp.platform.launcher;

import com.musiccorp.platform.kafka.ClusterPrincipalsMain;
import com.musiccorp.platform.kafka.ContextPrincipals;
import com.musiccorp.platform.kafka.RegistryAcls;
import com.musiccorp.platform.kafka.ScramLogin;
import com.musiccorp.platform.kafka.TopicCatalog;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file is the production-shaped deployment; nothing here can start it (no Docker
 * engine), so this test keeps it honest against the repository: every service module runs in it,
 * the cluster has production replication and is secured (SASL/SCRAM, ACLs, a principal per context
 * holding only its own password), the topics come from the catalog, and Docker's own compose tool
 * accepts the file.
 */
class ComposeFileTest {
    /** Services the compose file replaces with the real thing: three brokers, Confluent's registry. */
    private static final List<String> REPLACED_IN_COMPOSE = List.of("kafka", "schema-registry");
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    /** A YAML file of the repository, as maps and lists. */
    private static Map<String, Object> yaml(String path) throws IOException {
        try (Reader r = Files.newBufferedReader(ROOT.resolve(path))) {
            return new Yaml().load(r);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) yaml("docker-compose.yml").get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    @Test
    void runsEveryServiceModuleOfTheRepository() throws IOException {
        var services = services();
        for (ServiceDefinition def : SystemLauncher.discover(ROOT)) {
            if (REPLACED_IN_COMPOSE.contains(def.name())) continue;
            String module = ROOT.relativize(def.moduleDir().toAbsolutePath().normalize()).toString();
            assertThat(services).as("compose service for module %s", module).containsKey(def.name());
            assertThat((List<String>) services.get(def.name()).get("command")).as(def.name()).containsExactly(module);
        }
    }

    @Test
    void runsAThreeBrokerKraftClusterWithProductionReplication() throws IOException {
        var brokers = brokers();
        assertThat(brokers).hasSize(3);
        for (var broker : brokers) {
            Map<String, Object> env = env(broker.getValue());
            assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2)
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 2)
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            assertThat(String.valueOf(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).split(",")).hasSize(3);
        }
    }

    @Test
    void createsTheCatalogTopicsWithReplicationThreeAndRegistersSchemasInConfluentsRegistry() throws IOException {
        var services = services();
        Map<String, Object> topics = env(services.get("topics-init"));
        assertThat(topics).containsEntry("MAIN_CLASS", "com.musiccorp.platform.kafka.CatalogTopicsMain")
                .containsEntry("TOPIC_REPLICATION_FACTOR", 3).containsEntry("TOPIC_MIN_INSYNC_REPLICAS", 2);
        Map<String, Object> registry = services.get("schema-registry");
        assertThat(String.valueOf(registry.get("image"))).startsWith("confluentinc/cp-schema-registry:");
        assertThat(env(registry)).containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC", TopicCatalog.SCHEMAS)
                .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", 3);
        assertThat(env(services.get("schemas-init")))
                .containsEntry("MAIN_CLASS", SchemaBootstrap.class.getName());
    }

    private static List<Map.Entry<String, Map<String, Object>>> brokers() throws IOException {
        return services().entrySet().stream()
                .filter(e -> String.valueOf(e.getValue().get("image")).startsWith("apache/kafka:")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyBrokerIsSecuredWithScramAclsAndTheAdminFormattedIntoItsStorage() throws IOException {
        String script = Files.readString(ROOT.resolve("platform/kafka/compose/secured-broker.sh"));
        assertThat(script).as("the admin's login written into the metadata when storage is formatted")
                .contains("format --ignore-formatted", "--add-scram \"SCRAM-SHA-512=[name=admin,password=$password]\"")
                .contains("exit 1").contains("exec \"${BROKER_RUN:-/etc/kafka/docker/run}\"");
        for (var broker : brokers()) {
            String name = broker.getKey();
            Map<String, Object> service = broker.getValue();
            Map<String, Object> env = env(service);
            for (String listener : String.valueOf(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).split(",")) {
                assertThat(listener).as("%s: every listener, the controller's too", name).endsWith(":SASL_PLAINTEXT");
            }
            assertThat(env).as(name)
                    .containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_LISTENER_NAME_CONTROLLER_SASL_ENABLED_MECHANISMS", "PLAIN")
                    .containsEntry("KAFKA_SASL_MECHANISM_CONTROLLER_PROTOCOL", "PLAIN")
                    .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                    .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                    .containsEntry("KAFKA_SUPER_USERS", "User:admin")
                    .containsEntry("BROKER_ADMIN_PASSWORD", "${KAFKA_ADMIN_PASSWORD:-}")
                    .containsEntry("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
            assertThat(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS")))
                    .as("%s: the image's configure script asks for a JAAS file for listeners named SASL_*", name)
                    .doesNotContain("SASL_");
            assertThat((List<String>) service.get("entrypoint")).as(name)
                    .containsExactly("/bin/bash", "/opt/musiccorp/secured-broker.sh");
            assertThat((List<String>) service.get("volumes")).as(name)
                    .contains("./platform/kafka/compose/secured-broker.sh:/opt/musiccorp/secured-broker.sh:ro")
                    .anySatisfy(v -> assertThat(v).endsWith(":/var/lib/kafka/data"));
            String health = String.join(" ", (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test"));
            assertThat(health).as("%s's healthcheck logs in", name)
                    .contains("--command-config /opt/kafka/config/admin-client.properties");
            assertThat(script).contains("$home/config/admin-client.properties");
        }
    }

    /** Every service a service waits for, directly or not. */
    @SuppressWarnings("unchecked")
    private static java.util.Set<String> waitsFor(String name, Map<String, Map<String, Object>> services) {
        java.util.Set<String> all = new java.util.TreeSet<>();
        Object dependsOn = services.get(name).get("depends_on");
        java.util.Collection<String> direct = dependsOn instanceof Map<?, ?> m ? (java.util.Collection<String>) m.keySet()
                : dependsOn == null ? List.of() : (List<String>) dependsOn;
        for (String dependency : direct) {
            all.add(dependency);
            all.addAll(waitsFor(dependency, services));
        }
        return all;
    }

    @Test
    @SuppressWarnings("unchecked")
    void principalsInitCreatesEveryPrincipalAsTheAdminBeforeAnythingElseConnects() throws IOException {
        var services = services();
        Map<String, Object> init = services.get("principals-init");
        assertThat((List<String>) init.get("command")).containsExactly("platform/kafka");
        Map<String, Object> env = env(init);
        assertThat(env).containsEntry("MAIN_CLASS", ClusterPrincipalsMain.class.getName())
                .containsEntry("KAFKA_SASL_USERNAME", "admin").containsEntry("KAFKA_SASL_PASSWORD", "${KAFKA_ADMIN_PASSWORD:-}");
        for (String principal : ContextPrincipals.names()) {
            String variable = ScramLogin.passwordVariable(principal);
            assertThat(env).containsEntry(variable, "${" + variable + ":-}");
        }
        assertThat((Map<String, Map<String, String>>) init.get("depends_on")).containsOnlyKeys("kafka-1", "kafka-2", "kafka-3")
                .allSatisfy((broker, condition) -> assertThat(condition).containsEntry("condition", "service_healthy"));
        assertThat(env(services.get("topics-init"))).as("topics-init logs in as the admin")
                .containsEntry("KAFKA_SASL_USERNAME", "admin").containsEntry("KAFKA_SASL_PASSWORD", "${KAFKA_ADMIN_PASSWORD:-}");

        List<String> kafkaClients = new java.util.ArrayList<>(List.of("topics-init", "schema-registry"));
        kafkaClients.addAll(TopicCatalog.contexts());
        for (String client : kafkaClients) {
            assertThat(waitsFor(client, services)).as("%s waits for principals-init", client).contains("principals-init");
        }
        assertThat((Map<String, Map<String, String>>) services.get("topics-init").get("depends_on"))
                .containsEntry("principals-init", Map.of("condition", "service_completed_successfully"));
    }

    @Test
    void confluentsRegistryLogsInAsItsOwnPrincipal() throws IOException {
        Map<String, Object> env = env(services().get("schema-registry"));
        assertThat(env).containsEntry("SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + RegistryAcls.PRINCIPAL_NAME
                                + "\" password=\"${SCHEMA_REGISTRY_KAFKA_SASL_PASSWORD:-}\";");
        for (String server : String.valueOf(env.get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")).split(",")) {
            assertThat(server).startsWith("SASL_PLAINTEXT://");
        }
    }

    /** The Kafka password variables a service's environment names (its own keys or inside its values). */
    private static java.util.Set<String> kafkaPasswordsOf(Map<String, Object> service) {
        java.util.Set<String> found = new java.util.TreeSet<>();
        Map<String, Object> env = env(service);
        if (env == null) return found;
        java.util.regex.Pattern variable = java.util.regex.Pattern.compile("\\$\\{([A-Z_]*KAFKA_(ADMIN|SASL)_PASSWORD)");
        for (var e : env.entrySet()) {
            var m = variable.matcher(String.valueOf(e.getValue()));
            while (m.find()) found.add(m.group(1));
        }
        return found;
    }

    @Test
    void eachContainerHoldsOnlyTheKafkaPasswordsItNeeds() throws IOException {
        var services = services();
        Map<String, java.util.Set<String>> expected = new java.util.TreeMap<>();
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3", "topics-init")) {
            expected.put(broker, java.util.Set.of("KAFKA_ADMIN_PASSWORD"));
        }
        java.util.Set<String> all = new java.util.TreeSet<>(List.of("KAFKA_ADMIN_PASSWORD"));
        ContextPrincipals.names().forEach(p -> all.add(ScramLogin.passwordVariable(p)));
        expected.put("principals-init", all);
        expected.put("schema-registry", java.util.Set.of("SCHEMA_REGISTRY_KAFKA_SASL_PASSWORD"));
        for (String context : TopicCatalog.contexts()) {
            expected.put(context, java.util.Set.of(ScramLogin.passwordVariable(context)));
            assertThat(env(services.get(context))).as("%s logs in as itself", context)
                    .containsEntry(ScramLogin.passwordVariable(context), "${" + ScramLogin.passwordVariable(context) + ":-}");
        }
        for (String none : List.of("api", "payment-gateway", "prometheus", "grafana", "schemas-init")) {
            expected.put(none, java.util.Set.of());
        }
        Map<String, java.util.Set<String>> actual = new java.util.TreeMap<>();
        services.forEach((name, service) -> {
            actual.put(name, kafkaPasswordsOf(service));
            assertThat(service).as("%s takes no env_file", name).doesNotContainKey("env_file");
        });
        assertThat(actual).isEqualTo(expected);
    }

    /** The Streams services: every processor and projection module (each a Kafka Streams application with local state). */
    private static List<ServiceDefinition> streamsServices() throws IOException {
        return SystemLauncher.discover(ROOT).stream()
                .filter(def -> {
                    String module = ROOT.relativize(def.moduleDir().toAbsolutePath().normalize()).toString();
                    return module.startsWith("processors/") || module.startsWith("projections/");
                }).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyStreamsServiceKeepsItsStateDirectoryInANamedVolume() throws IOException {
        Map<String, Object> compose = yaml("docker-compose.yml");
        Map<String, Object> declared = (Map<String, Object>) compose.get("volumes");
        var services = services();
        assertThat(streamsServices()).extracting(ServiceDefinition::name)
                .contains("orders", "payments", "warehouse", "notifications", "loyalty", "saga-status");
        for (ServiceDefinition def : streamsServices()) {
            Map<String, Object> service = services.get(def.name());
            Object stateDir = env(service).get("STATE_DIR");
            assertThat(stateDir).as("%s STATE_DIR", def.name()).isNotNull();
            List<String> volumes = (List<String>) service.getOrDefault("volumes", List.of());
            var stateVolume = volumes.stream().map(v -> v.split(":"))
                    .filter(v -> v.length >= 2 && v[1].equals(stateDir)).findFirst();
            assertThat(stateVolume).as("%s mounts a volume at its STATE_DIR %s (volumes %s)", def.name(), stateDir, volumes)
                    .isPresent();
            assertThat(declared).as("%s's state volume is a named volume declared under volumes:", def.name())
                    .containsKey(stateVolume.get()[0]);
            long sharing = streamsServices().stream()
                    .filter(other -> ((List<String>) services.get(other.name()).getOrDefault("volumes", List.of()))
                            .stream().anyMatch(v -> v.startsWith(stateVolume.get()[0] + ":")))
                    .count();
            assertThat(sharing).as("%s's state volume is its own", def.name()).isEqualTo(1);
        }
    }

    @Test
    void theApiRoutesEveryPathEveryServiceOwns() throws IOException {
        var services = services();
        String routes = String.valueOf(env(services.get("api")).get("MUSICCORP_ROUTES"));
        java.util.Map<String, String> routed = new java.util.TreeMap<>();
        for (String entry : routes.split(",")) {
            String[] pathAndTarget = entry.strip().split("=", 2);
            routed.put(pathAndTarget[0], pathAndTarget[1].split("@", 2)[0]);
        }
        java.util.Map<String, String> owned = new java.util.TreeMap<>();
        for (ServiceDefinition def : SystemLauncher.discover(ROOT)) {
            def.routes().forEach(route -> owned.put(route, def.name()));
        }
        assertThat(owned).as("routes= of the services' service.properties").isNotEmpty();
        assertThat(routed).as("the compose api's MUSICCORP_ROUTES (path -> service)").isEqualTo(owned);
        for (String entry : routes.split(",")) {
            String[] pathAndTarget = entry.strip().split("=", 2);
            String service = pathAndTarget[1].split("@", 2)[0];
            assertThat(pathAndTarget[1]).as("route %s", pathAndTarget[0]).startsWith(service + "@http://" + service + ":");
        }
    }

    /** The containers built from this repository (the brokers' and the registry's images run as their own non-root users). */
    private static Map<String, Map<String, Object>> ours() throws IOException {
        Map<String, Map<String, Object>> ours = new java.util.TreeMap<>();
        services().forEach((name, service) -> {
            if ("musiccorp-streams:latest".equals(service.get("image"))) ours.put(name, service);
        });
        return ours;
    }

    @Test
    void ourImageRunsAsAnUnprivilegedUserWhoOwnsTheStateDirectory() throws IOException {
        List<String> dockerfile = Files.readAllLines(ROOT.resolve("Dockerfile"));
        int runtime = 0;
        for (int i = 0; i < dockerfile.size(); i++) if (dockerfile.get(i).startsWith("FROM ")) runtime = i;
        List<String> finalStage = dockerfile.subList(runtime, dockerfile.size());
        List<String> users = finalStage.stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).as("the final stage's USER").hasSize(1);
        String user = users.getFirst().substring("USER ".length()).strip().split(":")[0];
        assertThat(user).as("the user the services run as").isNotIn("root", "0");
        assertThat(String.join("\n", finalStage)).as("the state directory belongs to the user")
                .containsPattern("chown -R (musiccorp|" + user + ")(:\\S+)? /var/lib/musiccorp");
        for (var service : ours().entrySet()) {
            assertThat(service.getValue().get("user")).as("%s overrides the image's user", service.getKey()).isNull();
            Object stateDir = env(service.getValue()) == null ? null : env(service.getValue()).get("STATE_DIR");
            if (stateDir != null) assertThat(stateDir.toString()).as(service.getKey()).startsWith("/var/lib/musiccorp/");
        }
    }

    @Test
    void everyHttpServiceListensInsideItsContainerIsPublishedOnLoopbackAndGetsTheCredentials() throws IOException {
        for (var service : ours().entrySet()) {
            @SuppressWarnings("unchecked")
            List<String> ports = (List<String>) service.getValue().get("ports");
            if (ports == null) continue; // a one-off task
            assertThat(env(service.getValue())).as(service.getKey()).containsEntry("BIND_ADDRESS", "0.0.0.0");
            assertThat(ports).as(service.getKey()).allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
            if (!service.getKey().equals("payment-gateway")) { // the outside world's stand-in checks no tokens
                assertThat(env(service.getValue())).as(service.getKey())
                        .containsKeys("MUSICCORP_JWT_SECRET", "REGISTRY_USER_INFO");
            }
        }
    }

    @Test
    void dockersComposeToolAcceptsTheFile() throws Exception {
        Path tool = Path.of("/usr/bin/docker-compose");
        assertThat(tool).as("docker-compose (Debian) validates the file without a daemon; run bin/ensure-test-tools")
                .exists();
        Process p = new ProcessBuilder(tool.toString(), "-f", "docker-compose.yml", "config", "-q")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(output).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryHttpServiceOfOursWithATokenOfTheMetricsRole() throws IOException {
        Map<String, Object> config = yaml("monitoring/prometheus.yml");
        Map<String, Object> job = ((List<Map<String, Object>>) config.get("scrape_configs")).getFirst();
        assertThat(job).containsEntry("metrics_path", "/prometheus");
        assertThat((Map<String, Object>) job.get("authorization")).containsEntry("type", "Bearer")
                .containsEntry("credentials_file", "/prometheus/metrics-token");
        List<String> targets = ((List<Map<String, Object>>) job.get("static_configs")).stream()
                .flatMap(c -> ((List<String>) c.get("targets")).stream()).toList();
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (var service : ours().entrySet()) {
            List<String> ports = (List<String>) service.getValue().get("ports");
            if (ports == null) continue;
            for (String p : ports) expected.add(service.getKey() + ":" + p.substring(p.lastIndexOf(':') + 1));
        }
        assertThat(new java.util.TreeSet<>(targets)).as("every published service of ours, at its container port").isEqualTo(expected);

        Map<String, Object> prometheus = services().get("prometheus");
        assertThat(env(prometheus)).containsKey("METRICS_TOKEN");
        assertThat(String.join(" ", (List<String>) prometheus.get("entrypoint")))
                .as("the token reaches the file the scrape reads, and a missing one stops the start")
                .contains("/prometheus/metrics-token", "exit 1");
        assertThat((List<String>) prometheus.get("ports")).allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaStartsWithTheDashboardOverPrometheusAndAPassword() throws IOException {
        Map<String, Object> grafana = services().get("grafana");
        assertThat(env(grafana)).containsKey("GF_SECURITY_ADMIN_PASSWORD").containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false");
        assertThat(String.join(" ", (List<String>) grafana.get("entrypoint"))).contains("GF_SECURITY_ADMIN_PASSWORD", "exit 1");
        assertThat((List<String>) grafana.get("ports")).allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
        Map<String, Object> datasources = yaml("monitoring/grafana/provisioning/datasources/prometheus.yml");
        assertThat(((List<Map<String, Object>>) datasources.get("datasources")).getFirst())
                .containsEntry("url", "http://prometheus:9090").containsEntry("uid", "musiccorp-prometheus");

        com.fasterxml.jackson.databind.JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(ROOT.resolve("monitoring/grafana/dashboards/musiccorp-streams.json").toFile());
        List<String> expressions = new java.util.ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(t -> expressions.add(t.get("expr").asText())));
        String all = String.join("\n", expressions);
        assertThat(all).as("saga rate, p99, lag per context, dead letters, stalled sagas")
                .contains("musiccorp_sagas_started_total", "musiccorp_saga_duration_seconds_bucket",
                        "records_lag_max", "musiccorp_dead_letters_total", "musiccorp_sagas_stalled");
        // Each of the project's own meters the dashboard reads is one the code registers (Micrometer's
        // dotted name; Prometheus adds _total, _seconds_bucket).
        String sources = mainSources();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("musiccorp_[a-z_]+").matcher(all);
        while (m.find()) {
            String dotted = m.group().replaceAll("_(total|seconds_bucket)$", "").replace('_', '.');
            assertThat(sources).as("a meter named %s in the code", dotted).contains("\"" + dotted + "\"");
        }
    }

    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String dir : List.of("platform", "processors", "projections")) {
            try (var files = Files.walk(ROOT.resolve(dir))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/")).toList()) {
                    all.append(Files.readString(f));
                }
            }
        }
        return all.toString();
    }
}
