package com.musiccorp.platform.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** /schemas: schemas by global id (what deserializers call), and the schema types served. */
@Controller("/schemas")
@Produces({Api.V1_JSON, Api.SR_JSON, Api.JSON})
@ExecuteOn(TaskExecutors.BLOCKING)
final class SchemasController {
    private final Registry registry;

    SchemasController(Registry registry) {
        this.registry = registry;
    }

    @Get("/ids/{id}")
    Api.SchemaById byId(String id, @QueryValue(defaultValue = "false") boolean fetchMaxId) {
        return new Api.SchemaById(registry.schema(id).schema(), null, fetchMaxId ? registry.maxId() : null);
    }

    @Get("/ids/{id}/schema")
    HttpResponse<String> schemaText(String id) {
        return HttpResponse.ok(registry.schema(id).schema());
    }

    @Get("/ids/{id}/versions")
    List<Api.SubjectVersion> versions(String id, @QueryValue(defaultValue = "false") boolean deleted) {
        return registry.usages(id, deleted).stream().map(v -> new Api.SubjectVersion(v.subject(), v.version())).toList();
    }

    @Get("/ids/{id}/subjects")
    List<String> subjects(String id, @QueryValue(defaultValue = "false") boolean deleted) {
        return registry.usages(id, deleted).stream().map(RegistryState.Version::subject).distinct().toList();
    }

    @Get("/types")
    List<String> types() {
        return List.of(AvroSchemas.AVRO);
    }

    /** GET /schemas: every subject-version, filtered like Confluent's listing. */
    @Get
    List<Api.SchemaListItem> list(@Nullable @QueryValue String subjectPrefix,
                                  @QueryValue(defaultValue = "false") boolean deleted,
                                  @QueryValue(defaultValue = "false") boolean latestOnly,
                                  @QueryValue(defaultValue = "0") int offset,
                                  @QueryValue(defaultValue = "-1") int limit) {
        List<RegistryState.Version> versions = registry.allVersions().stream()
                .filter(v -> subjectPrefix == null || v.subject().startsWith(subjectPrefix))
                .filter(v -> deleted || !v.deleted())
                .toList();
        if (latestOnly) {
            Map<String, RegistryState.Version> latest = versions.stream().collect(Collectors.toMap(
                    RegistryState.Version::subject, Function.identity(), (a, b) -> a.version() > b.version() ? a : b));
            versions = latest.values().stream().sorted(Comparator.comparing(RegistryState.Version::subject)).toList();
        }
        return versions.stream().skip(Math.max(0, offset)).limit(limit < 0 ? Long.MAX_VALUE : limit)
                .map(v -> new Api.SchemaListItem(v.subject(), v.version(), v.id(), v.schema())).toList();
    }
}
