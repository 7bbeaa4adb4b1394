package com.musiccorp.platform.registry;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** /config: the global and per-subject compatibility levels. */
@Controller("/config")
@Produces({Api.V1_JSON, Api.SR_JSON, Api.JSON})
@Consumes({Api.V1_JSON, Api.SR_JSON, Api.JSON, MediaType.APPLICATION_OCTET_STREAM})
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConfigController {
    private final Registry registry;

    ConfigController(Registry registry) {
        this.registry = registry;
    }

    @Get
    Api.ConfigResponse global() {
        return new Api.ConfigResponse(registry.globalLevel().name());
    }

    @Put
    Api.ConfigUpdateResponse setGlobal(@Body Api.ConfigRequest request) {
        return new Api.ConfigUpdateResponse(registry.setLevel(null, request.level()).name());
    }

    @Delete
    Api.ConfigResponse deleteGlobal() {
        return new Api.ConfigResponse(registry.deleteLevel(null).name());
    }

    @Get("/{subject}")
    Api.ConfigResponse subject(String subject, @QueryValue(defaultValue = "false") boolean defaultToGlobal) {
        return new Api.ConfigResponse(registry.subjectLevel(subject, defaultToGlobal).name());
    }

    @Put("/{subject}")
    Api.ConfigUpdateResponse setSubject(String subject, @Body Api.ConfigRequest request) {
        return new Api.ConfigUpdateResponse(registry.setLevel(subject, request.level()).name());
    }

    @Delete("/{subject}")
    Api.ConfigResponse deleteSubject(String subject) {
        return new Api.ConfigResponse(registry.deleteLevel(subject).name());
    }
}
