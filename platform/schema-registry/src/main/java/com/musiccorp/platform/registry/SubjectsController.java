package com.musiccorp.platform.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/** /subjects: register, look up, list, read and delete subject-versions. */
@Controller("/subjects")
@Produces({Api.V1_JSON, Api.SR_JSON, Api.JSON})
@Consumes({Api.V1_JSON, Api.SR_JSON, Api.JSON, MediaType.APPLICATION_OCTET_STREAM})
@ExecuteOn(TaskExecutors.BLOCKING)
final class SubjectsController {
    private final Registry registry;

    SubjectsController(Registry registry) {
        this.registry = registry;
    }

    @Get
    List<String> subjects(@QueryValue(defaultValue = "false") boolean deleted, @Nullable @QueryValue String subjectPrefix) {
        return registry.subjects(deleted, subjectPrefix);
    }

    @Get("/{subject}/versions")
    List<Integer> versions(String subject, @QueryValue(defaultValue = "false") boolean deleted) {
        return registry.versions(subject, deleted);
    }

    @Post("/{subject}/versions")
    Api.RegisterResponse register(String subject, @Body Api.SchemaRequest request) {
        return new Api.RegisterResponse(registry.register(subject, request.schema(), request.schemaType(), request.hasReferences()));
    }

    @Post("/{subject}")
    Api.SubjectVersionSchema lookup(String subject, @Body Api.SchemaRequest request,
                                    @QueryValue(defaultValue = "false") boolean deleted) {
        if (request.hasReferences()) throw RegistryException.invalidSchema("Schema references are not supported by this registry");
        return Api.SubjectVersionSchema.of(registry.lookup(subject, request.schema(), request.schemaType(), deleted));
    }

    @Get("/{subject}/versions/{version}")
    Api.SubjectVersionSchema version(String subject, String version, @QueryValue(defaultValue = "false") boolean deleted) {
        return Api.SubjectVersionSchema.of(registry.version(subject, version, deleted));
    }

    /** The schema text alone, as the JSON document it is. */
    @Get("/{subject}/versions/{version}/schema")
    HttpResponse<String> schemaText(String subject, String version, @QueryValue(defaultValue = "false") boolean deleted) {
        return HttpResponse.ok(registry.version(subject, version, deleted).schema());
    }

    /** Ids of schemas that reference this version: always none, as references are not supported. */
    @Get("/{subject}/versions/{version}/referencedby")
    List<Integer> referencedBy(String subject, String version) {
        registry.version(subject, version, true);
        return List.of();
    }

    @Delete("/{subject}")
    List<Integer> deleteSubject(String subject, @QueryValue(defaultValue = "false") boolean permanent) {
        return registry.deleteSubject(subject, permanent);
    }

    @Delete("/{subject}/versions/{version}")
    int deleteVersion(String subject, String version, @QueryValue(defaultValue = "false") boolean permanent) {
        return registry.deleteVersion(subject, version, permanent);
    }
}
