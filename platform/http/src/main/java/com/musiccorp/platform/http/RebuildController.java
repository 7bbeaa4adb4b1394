package com.musiccorp.platform.http;

import com.musiccorp.platform.http.security.Roles;
import io.micronaut.security.annotation.Secured;
import com.musiccorp.platform.streams.rebuild.RebuildStatus;
import com.musiccorp.platform.streams.rebuild.StateDigest;
import com.musiccorp.platform.streams.rebuild.StateRebuilds;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code /admin/<context>/...}: rebuild the context's state from its event topics (blue/green, see
 * {@link StateRebuilds}), follow the rebuild, and digest the state. The context's name is part of
 * the path so one base URL (the api gateway) routes each context's admin API to its owner.
 * <ul>
 *   <li>{@code POST /admin/<context>/rebuild} with an optional {@code {"asOf": "2026-11-23T10:02:00Z"}}:
 *       202 and the status; 409 while another rebuild runs; 400 for a bad {@code asOf};</li>
 *   <li>{@code GET /admin/<context>/rebuild}: the status (404 when none);</li>
 *   <li>{@code DELETE /admin/<context>/rebuild}: discard it (its state and topics are deleted);</li>
 *   <li>{@code GET /admin/<context>/rebuild/view/<key>}: one key as a caught-up rebuild knows it;</li>
 *   <li>{@code GET /admin/<context>/digest[?of=rebuild]}: the serving state's digest, or the rebuild's;</li>
 *   <li>{@code GET /admin/<context>/digest/entries/<key>[?of=rebuild]}: what the digest hashed for one key.</li>
 * </ul>
 * Admins only: a rebuild costs a full read of every input topic.
 */
@Controller("/admin")
@Requires(property = ContextHttpServer.ENABLED, value = "true")
@Requires(beans = StateRebuilds.class)
@Secured(Roles.ADMIN)
final class RebuildController {

    private final StateRebuilds rebuilds;

    RebuildController(StateRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Serdeable
    record RebuildRequest(@Nullable String asOf) {
    }

    @Serdeable
    record Problem(String message, @Nullable String field) {
    }

    @Post("/{context}/rebuild")
    MutableHttpResponse<?> start(@PathVariable String context, @Nullable @Body RebuildRequest request) {
        if (!context.equals(rebuilds.context())) return unknown(context);
        Optional<Instant> asOf;
        try {
            asOf = request == null || request.asOf() == null || request.asOf().isBlank()
                    ? Optional.empty() : Optional.of(Instant.parse(request.asOf().strip()));
        } catch (DateTimeParseException e) {
            return HttpResponse.badRequest(new Problem("asOf must be an ISO-8601 instant such as 2026-11-23T10:02:00Z,"
                    + " not '" + request.asOf() + "'", "asOf"));
        }
        try {
            return HttpResponse.status(HttpStatus.ACCEPTED).body(rebuilds.start(asOf));
        } catch (StateRebuilds.Refused e) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(new Problem(e.getMessage(), null));
        }
    }

    @Get("/{context}/rebuild")
    MutableHttpResponse<?> status(@PathVariable String context) {
        if (!context.equals(rebuilds.context())) return unknown(context);
        return rebuilds.status().<MutableHttpResponse<?>>map(HttpResponse::ok).orElseGet(() -> noRebuild(context));
    }

    @Delete("/{context}/rebuild")
    MutableHttpResponse<?> discard(@PathVariable String context) {
        if (!context.equals(rebuilds.context())) return unknown(context);
        return rebuilds.discard().<MutableHttpResponse<?>>map(HttpResponse::ok).orElseGet(() -> noRebuild(context));
    }

    @Get("/{context}/rebuild/view/{key}")
    MutableHttpResponse<?> view(@PathVariable String context, @PathVariable String key) {
        if (!context.equals(rebuilds.context())) return unknown(context);
        try {
            return rebuilds.viewInRebuild(key).<MutableHttpResponse<?>>map(HttpResponse::ok)
                    .orElseGet(() -> HttpResponse.notFound(new Problem("the rebuild of " + context + " has no '" + key
                            + "'", null)));
        } catch (IllegalStateException e) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(new Problem(e.getMessage(), null));
        }
    }

    @Get("/{context}/digest")
    MutableHttpResponse<?> digest(@PathVariable String context, @Nullable @QueryValue String of) {
        if (!context.equals(rebuilds.context())) return unknown(context);
        if (of != null && !of.equals("rebuild") && !of.equals("serving")) {
            return HttpResponse.badRequest(new Problem("of must be 'serving' (the default) or 'rebuild'", "of"));
        }
        if ("rebuild".equals(of)) {
            Optional<StateDigest.Digest> d = rebuilds.digestRebuild();
            return d.<MutableHttpResponse<?>>map(HttpResponse::ok).orElseGet(() -> HttpResponse.status(HttpStatus.CONFLICT)
                    .body(new Problem("no caught-up rebuild of " + context + " to digest", null)));
        }
        try {
            return HttpResponse.ok(rebuilds.digestServing());
        } catch (IllegalStateException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .body(new Problem(e.getMessage(), null));
        }
    }

    /** What the digest hashed for one key, per store: to see how two digests differ. */
    @Get("/{context}/digest/entries/{key}")
    MutableHttpResponse<?> digestEntry(@PathVariable String context, @PathVariable String key,
            @Nullable @QueryValue String of) {
        if (!context.equals(rebuilds.context())) return unknown(context);
        try {
            return rebuilds.digestEntry(key, "rebuild".equals(of)).<MutableHttpResponse<?>>map(HttpResponse::ok)
                    .orElseGet(() -> HttpResponse.status(HttpStatus.CONFLICT)
                            .body(new Problem("no caught-up rebuild of " + context, null)));
        } catch (IllegalStateException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .body(new Problem(e.getMessage(), null));
        }
    }

    private static MutableHttpResponse<Problem> unknown(String context) {
        return HttpResponse.notFound(new Problem("this service does not own '" + context + "'", null));
    }

    private static MutableHttpResponse<Problem> noRebuild(String context) {
        return HttpResponse.notFound(new Problem("no rebuild of " + context + " since this instance started", null));
    }
}
