package com.musiccorp.platform.http;

import com.musiccorp.schemas.ContractLimits;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * A body over {@code micronaut.server.max-request-size} ({@link ContractLimits#MAX_REQUEST_BODY_BYTES},
 * set by {@link ContextHttpServer}): 413 with {@code {"message": ...}} naming the limit, the shape of
 * every other refusal, instead of Micronaut's default.
 */
@Singleton
@Produces
@Replaces(ContentLengthExceededHandler.class)
@Requires(property = ContextHttpServer.ENABLED, value = "true")
final class BodyTooLarge implements ExceptionHandler<ContentLengthExceededException, HttpResponse<BodyTooLarge.Problem>> {

    static final String MESSAGE = "the request body is larger than " + ContractLimits.MAX_REQUEST_BODY_BYTES
            + " bytes, the most any request may send";

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ContentLengthExceededException exception) {
        return HttpResponse.<Problem>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(new Problem(MESSAGE));
    }

    @Serdeable
    record Problem(String message) {
    }
}
