package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.platform.avro.RegisteredSchema;
import com.musiccorp.platform.avro.SchemaRegistryException;
import com.musiccorp.platform.launcher.SchemaBootstrap;
import com.musiccorp.schemas.SubjectCatalog;
import com.musiccorp.schemas.compat.RegistryCompatibilityClient;
import com.musiccorp.schemas.compat.SubjectReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "The event schemas in the live registry.",
        subcommands = {SchemasCommand.ListSubjects.class, SchemasCommand.Check.class, SchemasCommand.Register.class})
final class SchemasCommand implements Runnable {
    @Override
    public void run() {
        throw CliException.invalid("say which: schemas list | check | register (see schemas --help)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every subject with its versions, latest id and compatibility level; "
                    + "event subjects of this build that the registry lacks are listed as NOT REGISTERED.")
    static final class ListSubjects implements Callable<Integer> {
        private final MusicCorpCli.Io io;
        @Mixin
        Options.Registry registry;
        @Mixin
        Options.Output output;

        ListSubjects(MusicCorpCli.Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            ArrayNode subjects = Json.MAPPER.createArrayNode();
            try (var client = registry.client()) {
                TreeSet<String> names = new TreeSet<>(client.listSubjects());
                for (String subject : names) {
                    RegisteredSchema latest = client.latest(subject);
                    ObjectNode s = subjects.addObject().put("subject", subject).put("registered", true);
                    s.set("versions", versions(registry, subject));
                    s.put("latestVersion", latest.version()).put("latestId", latest.id())
                            .put("compatibility", client.getCompatibility(subject));
                }
                for (String subject : SubjectCatalog.fromGeneratedClasses().schemas().keySet()) {
                    if (!names.contains(subject)) subjects.addObject().put("subject", subject).put("registered", false);
                }
            } catch (SchemaRegistryException e) {
                throw CliException.failed("registry " + registry.url + ": " + e.getMessage());
            }
            if (output.json) {
                io.out().println(Json.pretty(subjects));
                return MusicCorpCli.OK;
            }
            io.out().printf("%-45s %-12s %-9s %s%n", "SUBJECT", "VERSIONS", "LATEST ID", "COMPATIBILITY");
            subjects.forEach(s -> {
                if (!s.path("registered").asBoolean()) {
                    io.out().printf("%-45s NOT REGISTERED%n", s.path("subject").asText());
                    return;
                }
                List<String> versions = new ArrayList<>();
                s.path("versions").forEach(v -> versions.add(v.asText()));
                io.out().printf("%-45s %-12s %-9d %s%n", s.path("subject").asText(), String.join(",", versions),
                        s.path("latestId").asInt(), s.path("compatibility").asText());
            });
            return MusicCorpCli.OK;
        }

        /** GET /subjects/{subject}/versions: the registry client has no call for the whole list. */
        private static JsonNode versions(Options.Registry registry, String subject) {
            String base = registry.url.endsWith("/") ? registry.url : registry.url + "/";
            URI uri = URI.create(base + "subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions");
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
                if (registry.authorization() != null) request.header("Authorization", registry.authorization());
                HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) throw CliException.failed(uri + " answered " + answer.statusCode());
                return Json.MAPPER.readTree(answer.body());
            } catch (IOException e) {
                throw CliException.failed("cannot read " + uri + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.failed("interrupted");
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check this build's event schemas against the live registry, at each subject's level there "
                    + "(the project's compatibility checker, schemas/avro compat).",
                    "NEW = not registered yet."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every subject compatible or new", "1:at least one incompatible", "2:could not check"})
    static final class Check implements Callable<Integer> {
        private final MusicCorpCli.Io io;
        @Mixin
        Options.Registry registry;
        @Mixin
        Options.Output output;

        Check(MusicCorpCli.Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            var checker = new RegistryCompatibilityClient(URI.create(registry.url), registry.userInfo());
            List<SubjectReport> reports = new ArrayList<>();
            var schemas = SubjectCatalog.fromGeneratedClasses().schemas();
            io.err().printf("checking %d subjects against %s ...%n", schemas.size(), registry.url);
            io.err().flush();
            for (Map.Entry<String, org.apache.avro.Schema> subject : schemas.entrySet()) {
                reports.add(checker.check(subject.getKey(), subject.getValue()));
            }
            if (output.json) {
                io.out().println(Json.pretty(Json.MAPPER.valueToTree(reports)));
            } else {
                for (SubjectReport r : reports) {
                    io.out().printf("%-13s %s  (%s)%n", r.status(), r.subject(), r.checked());
                    r.problems().forEach(p -> io.out().println("    " + p.against() + ": " + p.reason()));
                }
            }
            long failed = reports.stream().filter(r -> r.status() == SubjectReport.Status.INCOMPATIBLE).count();
            long errors = reports.stream().filter(r -> r.status() == SubjectReport.Status.ERROR).count();
            io.err().printf("%d subjects checked against %s: %d incompatible, %d could not be checked%n",
                    reports.size(), registry.url, failed, errors);
            if (errors > 0) return MusicCorpCli.INVALID;
            return failed > 0 ? MusicCorpCli.FAILED : MusicCorpCli.OK;
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register every event schema of this build at its compatibility level "
                    + "(the start command's schema bootstrap). Idempotent.")
    static final class Register implements Callable<Integer> {
        private final MusicCorpCli.Io io;
        @Mixin
        Options.Registry registry;
        @Mixin
        Options.Output output;

        Register(MusicCorpCli.Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            io.err().println("registering every event schema in " + registry.url + " ...");
            io.err().flush();
            try {
                int count = SchemaBootstrap.registerAll(registry.url, registry.userInfo());
                ArrayNode registered = Json.MAPPER.createArrayNode();
                try (var client = registry.client()) {
                    for (String subject : SubjectCatalog.fromGeneratedClasses().schemas().keySet()) {
                        RegisteredSchema latest = client.latest(subject);
                        registered.addObject().put("subject", subject).put("version", latest.version())
                                .put("id", latest.id()).put("compatibility", client.getCompatibility(subject));
                    }
                }
                if (output.json) {
                    io.out().println(Json.pretty(registered));
                } else {
                    registered.forEach(s -> io.out().printf("registered %-45s version %d, id %d, %s%n",
                            s.path("subject").asText(), s.path("version").asInt(), s.path("id").asInt(),
                            s.path("compatibility").asText()));
                    io.out().printf("%d subjects registered%n", count);
                }
            } catch (SchemaRegistryException e) {
                throw CliException.failed("registry " + registry.url + " refused: " + e.getMessage());
            }
            return MusicCorpCli.OK;
        }
    }
}
