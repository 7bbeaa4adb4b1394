package com.musiccorp.platform.gateway;

import com.musiccorp.schemas.ContractLimits;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.ContentLengthExceededException;

/**
 * The services' request body limit, {@link ContractLimits#MAX_REQUEST_BODY_BYTES}, applied by the
 * gateway before an owner sees a byte of the request: a declared {@code Content-Length} over it is
 * refused at once; a chunked body is read whole first ({@link ChunkedRequest}), and the server
 * ({@code micronaut.server.max-request-size}) fails that read as soon as it passes the limit.
 */
final class RequestBodyLimit {

    static final int MAX_BYTES = ContractLimits.MAX_REQUEST_BODY_BYTES;

    private RequestBodyLimit() {
    }

    static boolean declaredTooLarge(HttpRequest<?> request) {
        return request.getContentLength() > MAX_BYTES;
    }

    /** True when {@code e} (or its cause) is the server stopping a body that grew past the limit. */
    static boolean exceededBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ContentLengthExceededException) {
                return true;
            }
        }
        return false;
    }

    static MutableHttpResponse<GatewayBodies.Problem> tooLarge() {
        return HttpResponse.<GatewayBodies.Problem>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                .body(new GatewayBodies.Problem("the request body is larger than " + MAX_BYTES
                        + " bytes (256 KiB), the limit of every service"));
    }
}
