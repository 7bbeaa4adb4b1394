package com.musiccorp.platform.http.deadletters;

import com.musiccorp.platform.http.ContextHttpServer;
import com.musiccorp.platform.http.deadletters.DeadLetterViews.Problem;
import com.musiccorp.platform.http.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.apache.kafka.common.KafkaException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /admin/<context>/dead-letters}: the context's dead letters and their re-drive
 * ({@link DeadLetterQueue}). Like the rebuild API, the context's name is in the path so the one base
 * URL routes it to its owner. Admins only: a dead letter may hold any customer's data whole.
 * <ul>
 *   <li>{@code GET /admin/<context>/dead-letters?limit=20&after=<partition:offset>}: newest first;</li>
 *   <li>{@code POST /admin/<context>/dead-letters/<partition>/<offset>/re-drive}: 201 when written now,
 *       200 with {@code "written":false} when it was re-driven before (nothing written again).</li>
 * </ul>
 */
@Controller("/admin")
@Requires(property = ContextHttpServer.ENABLED, value = "true")
@Requires(beans = DeadLetterQueue.class)
@Secured(Roles.ADMIN)
final class DeadLetterController {
    static final int MAX_LIMIT = 100;
    private static final Pattern POSITION = Pattern.compile("\\d{1,9}:\\d{1,18}");

    private final DeadLetterQueue queue;

    DeadLetterController(DeadLetterQueue queue) {
        this.queue = queue;
    }

    @Get("/{context}/dead-letters")
    @ExecuteOn(TaskExecutors.BLOCKING)
    MutableHttpResponse<?> list(@PathVariable String context, @Nullable @QueryValue String limit,
                                @Nullable @QueryValue String after) {
        if (!context.equals(queue.context())) return unknown(context);
        int n;
        try {
            n = limit == null ? 20 : Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_LIMIT) return bad("limit must be a whole number from 1 to " + MAX_LIMIT, "limit");
        if (after != null && !POSITION.matcher(after).matches()) {
            return bad("after must be a cursor this endpoint gave (partition:offset)", "after");
        }
        try {
            return HttpResponse.ok(queue.list(n, Optional.ofNullable(after)));
        } catch (KafkaException e) {
            return unavailable(e);
        }
    }

    @Post("/{context}/dead-letters/{partition}/{offset}/re-drive")
    @ExecuteOn(TaskExecutors.BLOCKING)
    MutableHttpResponse<?> reDrive(@PathVariable String context, @PathVariable String partition, @PathVariable String offset) {
        if (!context.equals(queue.context())) return unknown(context);
        if (!partition.matches("\\d{1,9}")) return bad("partition must be a partition number of the dead-letter topic", "partition");
        if (!offset.matches("\\d{1,18}")) return bad("offset must be an offset of the dead-letter topic", "offset");
        try {
            return queue.reDrive(Integer.parseInt(partition), Long.parseLong(offset))
                    .<MutableHttpResponse<?>>map(r -> HttpResponse.status(r.written() ? HttpStatus.CREATED : HttpStatus.OK).body(r))
                    .orElseGet(() -> HttpResponse.notFound(new Problem("no dead letter at " + partition + ":" + offset
                            + " of " + context + ".dlq", null)));
        } catch (DeadLetterQueue.NotReDrivable e) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(new Problem(e.getMessage(), null));
        } catch (DeadLetterQueue.NotAllowed e) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new Problem(e.getMessage(), null));
        } catch (KafkaException e) {
            return unavailable(e);
        }
    }

    private static MutableHttpResponse<?> unknown(String context) {
        return HttpResponse.notFound(new Problem("this service does not own '" + context + "'", null));
    }

    private static MutableHttpResponse<?> bad(String message, String field) {
        return HttpResponse.badRequest(new Problem(message, field));
    }

    private static MutableHttpResponse<?> unavailable(KafkaException e) {
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .body(new Problem("the dead-letter topic cannot be read or written now: " + e.getMessage(), null));
    }
}
