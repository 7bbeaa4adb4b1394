package com.musiccorp.platform.registry;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/** /compatibility: would this schema be accepted? Messages only with {@code verbose=true}, as in Confluent. */
@Controller("/compatibility/subjects/{subject}/versions")
@Produces({Api.V1_JSON, Api.SR_JSON, Api.JSON})
@Consumes({Api.V1_JSON, Api.SR_JSON, Api.JSON, MediaType.APPLICATION_OCTET_STREAM})
@ExecuteOn(TaskExecutors.BLOCKING)
final class CompatibilityController {
    private final Registry registry;

    CompatibilityController(Registry registry) {
        this.registry = registry;
    }

    /** Against one version, or "latest". */
    @Post("/{version}")
    Api.CompatibilityResponse againstVersion(String subject, String version, @Body Api.SchemaRequest request,
                                             @QueryValue(defaultValue = "false") boolean verbose) {
        return answer(registry.testCompatibility(subject, version, request.schema(), request.schemaType()), verbose);
    }

    /** Against every live version, under the subject's level. */
    @Post
    Api.CompatibilityResponse againstAll(String subject, @Body Api.SchemaRequest request,
                                         @QueryValue(defaultValue = "false") boolean verbose) {
        return answer(registry.testCompatibility(subject, null, request.schema(), request.schemaType()), verbose);
    }

    private static Api.CompatibilityResponse answer(List<String> messages, boolean verbose) {
        return new Api.CompatibilityResponse(messages.isEmpty(), verbose ? messages : null);
    }
}
