package com.musiccorp.platform.gateway;

import com.musiccorp.schemas.ContractLimits;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.util.Set;

/**
 * The operator console at {@code /console/}: static files the gateway answers itself, never routed.
 * The files need no token (they hold no data); every API call the console makes carries one. The
 * console's pages ({@code /console/}, {@code /console/sagas/<id>}, {@code /console/choreography}, …)
 * are all its one HTML page, which routes on the address in the browser.
 *
 * <p>Every answer forbids inline script and any other origin ({@link #CSP}), is revalidated before
 * reuse ({@code no-cache} with an {@code ETag}), and sends no {@code Referer}: a sign-in link's token
 * in the address must not leak to anyone.
 */
@Controller("/console")
@Requires(property = ApiGatewayServer.ENABLED, value = "true")
@Secured(SecurityRule.IS_ANONYMOUS)
final class ConsoleController {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** The console's own pages: each is index.html, the script shows the right view. */
    private static final Set<String> PAGES = Set.of("choreography", "dead-letters", "look-up");

    private final ConsoleFiles files = new ConsoleFiles();

    /**
     * {@code /console/}; {@code /console} (Micronaut routes both here) is redirected to it once, query
     * kept (a sign-in link), since the page's relative paths need the slash.
     */
    @Get
    MutableHttpResponse<?> index(HttpRequest<?> request, @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        if (!request.getPath().endsWith("/")) {
            String query = request.getUri().getRawQuery();
            return secured(HttpResponse.status(HttpStatus.MOVED_PERMANENTLY)
                    .headers(h -> h.location(URI.create("/console/" + (query == null ? "" : "?" + query)))));
        }
        return serve("index.html", ifNoneMatch);
    }

    @Get("/sagas/{correlationId}")
    MutableHttpResponse<?> saga(@PathVariable String correlationId, @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        // Only what can be a correlation id (the contract's identifier rule) is a page.
        return serve(ContractLimits.identifierProblem(correlationId) == null ? "index.html" : "sagas/" + correlationId, ifNoneMatch);
    }

    @Get("/{name}")
    MutableHttpResponse<?> file(@PathVariable String name, @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve(PAGES.contains(name) ? "index.html" : name, ifNoneMatch);
    }

    private MutableHttpResponse<?> serve(String name, @Nullable String ifNoneMatch) {
        return files.find(name).<MutableHttpResponse<?>>map(f -> secured(f.etag().equals(ifNoneMatch)
                        ? HttpResponse.notModified() : HttpResponse.ok(f.bytes()).contentType(f.contentType()))
                        .header(HttpHeaders.ETAG, f.etag()))
                .orElseGet(() -> secured(HttpResponse.notFound(new GatewayBodies.Problem(
                        "the console has no page or file '" + name + "'; open /console/"))));
    }

    private static MutableHttpResponse<?> secured(MutableHttpResponse<?> response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }
}
