package com.musiccorp.platform.registry;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Every error as Confluent writes it: {@code {"error_code": 40401, "message": "Subject 'x' not found."}}.
 * Micronaut's own errors (unknown route, wrong method, unreadable JSON, unsupported media type) get
 * the same shape, with the HTTP status as error code, as Confluent's do.
 */
final class ErrorResponses {
    private ErrorResponses() {
    }

    static MutableHttpResponse<Api.ErrorMessage> of(HttpRequest<?> request, RegistryException e) {
        MutableHttpResponse<Api.ErrorMessage> response = HttpResponse.<Api.ErrorMessage>status(HttpStatus.valueOf(e.status()))
                .contentType(Api.negotiate(request))
                .body(new Api.ErrorMessage(e.errorCode(), e.getMessage()));
        if (e.status() == 503) response.header("Retry-After", "1");
        if (e.status() == 401) response.header("WWW-Authenticate", "Basic realm=\"schema-registry\"");
        return response;
    }

    /** The registry's own refusals. */
    @Singleton
    @Produces
    static final class RegistryExceptionHandler implements ExceptionHandler<RegistryException, HttpResponse<Api.ErrorMessage>> {
        @Override
        public HttpResponse<Api.ErrorMessage> handle(HttpRequest request, RegistryException exception) {
            return of(request, exception);
        }
    }

    /** Errors raised by the framework, in Confluent's shape instead of Micronaut's. */
    @Singleton
    @Primary
    static final class ConfluentErrorProcessor implements ErrorResponseProcessor<Api.ErrorMessage> {
        @Override
        public MutableHttpResponse<Api.ErrorMessage> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
            int status = base.code();
            String message = status == 404 ? "HTTP 404 Not Found"
                    : context.getErrors().stream().map(Error::getMessage).findFirst().orElse("HTTP " + status + " " + base.reason());
            return base.contentType(Api.negotiate(context.getRequest())).body(new Api.ErrorMessage(status, message));
        }
    }
}
