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

/** /mode: READWRITE (the default) or READONLY, globally or per subject. */
@Controller("/mode")
@Produces({Api.V1_JSON, Api.SR_JSON, Api.JSON})
@Consumes({Api.V1_JSON, Api.SR_JSON, Api.JSON, MediaType.APPLICATION_OCTET_STREAM})
@ExecuteOn(TaskExecutors.BLOCKING)
final class ModeController {
    private final Registry registry;

    ModeController(Registry registry) {
        this.registry = registry;
    }

    @Get
    Api.ModeBody global() {
        return new Api.ModeBody(registry.globalMode().name());
    }

    @Put
    Api.ModeBody setGlobal(@Body Api.ModeBody request) {
        return new Api.ModeBody(registry.setMode(null, request.mode()).name());
    }

    @Get("/{subject}")
    Api.ModeBody subject(String subject, @QueryValue(defaultValue = "false") boolean defaultToGlobal) {
        return new Api.ModeBody(registry.subjectMode(subject, defaultToGlobal).name());
    }

    @Put("/{subject}")
    Api.ModeBody setSubject(String subject, @Body Api.ModeBody request) {
        return new Api.ModeBody(registry.setMode(subject, request.mode()).name());
    }

    @Delete("/{subject}")
    Api.ModeBody deleteSubject(String subject) {
        return new Api.ModeBody(registry.deleteMode(subject).name());
    }
}
