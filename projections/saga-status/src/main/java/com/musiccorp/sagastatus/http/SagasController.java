package com.musiccorp.sagastatus.http;

import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaStatus;
import com.musiccorp.platform.http.ForwardToKeyOwner;
import com.musiccorp.platform.http.security.Caller;
import com.musiccorp.platform.http.security.Refusal;
import com.musiccorp.platform.http.security.Roles;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.sagastatus.stream.LocalStores;
import com.musiccorp.sagastatus.stream.SagaQueries;
import com.musiccorp.sagastatus.stream.SagaStatusTopology;
import com.musiccorp.sagastatus.stream.SagaUpdates;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code /sagas}: one saga (by correlation or order id), listings by status, counts, and two ways
 * to wait for a change: a long-poll ({@code ?waitForVersionAbove=N&timeout=PT20S}) and Server-Sent
 * Events ({@code /sagas/{id}/stream}).
 *
 * <p>Store reads run on the BLOCKING executor (RocksDB, never on a Netty event loop); a long-poll
 * then waits on a {@link CompletableFuture} that {@link SagaUpdates} completes, holding no thread.
 *
 * <p>Operators and admins read every saga, lists and counts; a customer reads one saga at a time,
 * only its own (403 otherwise, decided on the instance that holds the saga).
 */
@Controller("/sagas")
@Requires(property = SagaStatusHttpServer.ENABLED, value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.OPERATOR, Roles.ADMIN})
final class SagasController {

    private static final java.net.http.HttpClient PEERS = java.net.http.HttpClient.newHttpClient();

    private final SagaQueries queries;
    private final SagaUpdates updates;
    private final KeyOwners owners;
    private final ExecutorService blocking;
    private final ScatterGather instances;
    private final RenderedSagas rendered;
    private final JsonMapper json;

    SagasController(SagaQueries queries, SagaUpdates updates, KeyOwners owners, ScatterGather instances,
                    RenderedSagas rendered, JsonMapper json, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.queries = queries;
        this.rendered = rendered;
        this.json = json;
        this.instances = instances;
        this.owners = owners;
        this.updates = updates;
        this.blocking = blocking;
    }

    /** Every instance's counts summed; with {@code scope=local}, this instance's own. */
    @Get("/counts{?scope}")
    Object counts(HttpRequest<?> request, @Nullable String scope) {
        if (QueryParameters.local(scope)) {
            return HttpBodies.LocalCounts.of(queries.countsLocal());
        }
        List<HttpBodies.LocalCounts> parts = instances.gather(request, HttpBodies.LocalCounts.class,
                () -> HttpBodies.LocalCounts.of(queries.countsLocal()));
        Map<SagaStatus, Long> counts = SagaQueries.sum(parts.stream().map(HttpBodies.LocalCounts::byStatus).toList());
        return new HttpBodies.Counts(counts, counts.values().stream().mapToLong(Long::longValue).sum());
    }

    /**
     * The saga of an order: the saga's own key, so this is its owner (requests are sent to it). Long-poll
     * and stream as for {@code /sagas/{correlationId}}.
     */
    @Get("/by-order/{orderId}{?waitForVersionAbove,timeout}")
    @Secured({Roles.CUSTOMER, Roles.OPERATOR, Roles.ADMIN})
    CompletableFuture<HttpResponse<?>> byOrder(String orderId, @Nullable @QueryValue String waitForVersionAbove,
            @Nullable @QueryValue String timeout, @Nullable Authentication authentication) {
        return answer(() -> queries.findByOrder(orderId), listener -> updates.subscribeByOrder(orderId, listener),
                waitForVersionAbove, timeout, "no saga for order " + orderId, Caller.of(authentication));
    }

    @Get(value = "/by-order/{orderId}/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @Secured({Roles.CUSTOMER, Roles.OPERATOR, Roles.ADMIN})
    HttpResponse<?> streamByOrder(String orderId, @Nullable Authentication authentication) {
        // By order id the request reached the order's owner (ForwardToKeyOwner): its folds are here.
        return streamFor(Caller.of(authentication), queries.findByOrder(orderId),
                listener -> updates.subscribeByOrder(orderId, listener), () -> false);
    }

    private static HttpResponse<?> fetch(KeyOwners.Owner.Elsewhere owner, String path, @Nullable String authorization) {
        try {
            java.net.http.HttpRequest.Builder ask = java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://" + owner.host() + ":" + owner.port() + path))
                    .header(ForwardToKeyOwner.FORWARDED, "by-order").timeout(Duration.ofSeconds(10)).GET();
            if (authorization != null) ask.header(HttpHeaders.AUTHORIZATION, authorization); // the owner checks the caller
            java.net.http.HttpResponse<String> answer = PEERS.send(ask.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            var relayed = HttpResponse.status(HttpStatus.valueOf(answer.statusCode()))
                    .contentType(MediaType.APPLICATION_JSON_TYPE).body(answer.body());
            // The owner's 503 (its stores moving or restoring) reaches the client as a 503 it is told to retry.
            answer.headers().firstValue(ForwardToKeyOwner.SERVED_BY).ifPresent(by -> relayed.header(ForwardToKeyOwner.SERVED_BY, by));
            answer.headers().firstValue("Retry-After").or(() -> answer.statusCode() == 503 ? java.util.Optional.of("1")
                    : java.util.Optional.empty()).ifPresent(after -> relayed.header("Retry-After", after));
            return relayed;
        } catch (java.io.IOException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .body(new HttpBodies.Problem(owner.host() + ":" + owner.port() + " owns the saga but did not answer: " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A page over every instance: each gives its first limit+1 entries after the cursor, and the
     * merge in index order takes {@code limit} (so the cursor is global). With {@code scope=local},
     * this instance's part. {@code since} and {@code until} bound when sagas entered their status;
     * {@code updatedSince} and {@code updatedUntil} are their older names.
     */
    @Get("{?status,limit,after,since,until,updatedSince,updatedUntil,scope}")
    HttpResponse<?> list(HttpRequest<?> request, @Nullable String status, @Nullable String limit,
            @Nullable String after, @Nullable String since, @Nullable String until,
            @Nullable String updatedSince, @Nullable String updatedUntil, @Nullable String scope) {
        SagaStatus wanted = QueryParameters.status(status);
        String sinceName = QueryParameters.oneOf("since", since, "updatedSince", updatedSince);
        String untilName = QueryParameters.oneOf("until", until, "updatedUntil", updatedUntil);
        Instant from = QueryParameters.instant(sinceName, QueryParameters.absent(since) ? updatedSince : since);
        Instant to = QueryParameters.instant(untilName, QueryParameters.absent(until) ? updatedUntil : until);
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadParameter(sinceName, "is after " + untilName + " (" + from + " > " + to + ")");
        }
        int max = QueryParameters.limit(limit);
        String cursor = QueryParameters.cursor(after);
        if (QueryParameters.local(scope)) {
            return HttpResponse.ok(HttpBodies.LocalPage.of(queries.listLocal(wanted, from, to, cursor, max)));
        }
        List<HttpBodies.LocalPage> parts = instances.gather(request, HttpBodies.LocalPage.class,
                () -> HttpBodies.LocalPage.of(queries.listLocal(wanted, from, to, cursor, max)));
        SagaQueries.Merged<HttpBodies.SagaBody> page = SagaQueries.merge(
                parts.stream().map(HttpBodies.LocalPage::keyed).toList(), max);
        return HttpResponse.ok(new HttpBodies.SagaPage(page.items(), page.next()));
    }

    /**
     * The saga now; with {@code waitForVersionAbove=N}, as soon as its version exceeds N, or as it
     * is when {@code timeout} (ISO-8601, default PT20S, at most PT60S) runs out. A saga not known yet
     * is waited for too; it is 404 only if it is still unknown at the end.
     *
     * <p>Requests come to the owner of the correlation id's index entry, which finds the order; the
     * saga lives in the order's partition, so with several instances it may be fetched from another.
     */
    @Get("/{correlationId}{?waitForVersionAbove,timeout}")
    @Secured({Roles.CUSTOMER, Roles.OPERATOR, Roles.ADMIN})
    CompletableFuture<HttpResponse<?>> saga(HttpRequest<?> request, String correlationId,
            @Nullable @QueryValue String waitForVersionAbove, @Nullable @QueryValue String timeout,
            @Nullable Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Long version = QueryParameters.version(waitForVersionAbove); // refused here, before going anywhere
        Duration wait = QueryParameters.timeout(timeout);
        if (version == null && !QueryParameters.absent(timeout)) {
            throw new BadParameter("waitForVersionAbove", "is required with timeout (the version to wait beyond)");
        }
        boolean now = QueryParameters.absent(waitForVersionAbove) && QueryParameters.absent(timeout);
        if (now && caller.actsForEveryone()) { // rendered here for this assignment: its saga is here, current
            Optional<byte[]> kept = rendered.kept(correlationId);
            if (kept.isPresent()) return CompletableFuture.completedFuture(servedHere(json(kept.get())));
        }
        Optional<String> orderId = orderIdOf(request, correlationId);
        if (orderId.isPresent() && owners.ownerOf(SagaStatusTopology.SAGAS_STORE, orderId.get())
                instanceof KeyOwners.Owner.Elsewhere owner) {
            String query = version == null ? "" : "?waitForVersionAbove=" + version + "&timeout=" + wait;
            String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
            return CompletableFuture.supplyAsync(() -> fetch(owner, "/sagas/by-order/" + orderId.get() + query,
                    authorization), blocking);
        }
        if (now && caller.actsForEveryone()) {
            return CompletableFuture.completedFuture(servedHere(rendered.body(correlationId, id -> orderId.flatMap(queries::findByOrder), this::render)
                    .<HttpResponse<?>>map(SagasController::json).orElseGet(() -> notFound("no saga " + correlationId))));
        }
        // A customer's answer is checked against the saga, never pre-rendered.
        CompletableFuture<HttpResponse<?>> answered = answer(() -> queries.find(correlationId),
                listener -> updates.subscribe(correlationId, listener), waitForVersionAbove, timeout,
                "no saga " + correlationId, caller);
        if (version != null && orderId.isEmpty()) { // waited for a saga no instance knew when the wait began
            answered = answered.thenApplyAsync(waited -> waited.getStatus() == HttpStatus.NOT_FOUND
                    ? foldedElsewhere(request, correlationId).orElse(waited) : waited, blocking);
        }
        return answered.thenApply(this::servedHere);
    }

    /**
     * The saga of {@code correlationId} from the instance that folded it, if another one did: an
     * instance's waiters hear only of its own folds, so a wait for a saga no instance knew when it
     * began asks again at its end. Empty with one instance, or while the saga is still unknown.
     */
    private Optional<HttpResponse<?>> foldedElsewhere(HttpRequest<?> request, String correlationId) {
        try {
            if (!instances.hasPeers()) return Optional.empty();
            return ownerElsewhere(request, correlationId).map(owner -> fetch(owner.owner(), "/sagas/by-order/"
                    + owner.orderId(), request.getHeaders().get(HttpHeaders.AUTHORIZATION)));
        } catch (LocalStores.StoreNotReady e) {
            return Optional.of(unavailable(e.getMessage()));
        }
    }

    /** The order of saga {@code correlationId} and its owner, when another instance holds it. */
    private Optional<OrderElsewhere> ownerElsewhere(HttpRequest<?> request, String correlationId) {
        return orderIdOf(request, correlationId).flatMap(order ->
                owners.ownerOf(SagaStatusTopology.SAGAS_STORE, order) instanceof KeyOwners.Owner.Elsewhere owner
                        ? Optional.of(new OrderElsewhere(order, owner)) : Optional.empty());
    }

    private record OrderElsewhere(String orderId, KeyOwners.Owner.Elsewhere owner) {
    }

    private static MutableHttpResponse<?> json(byte[] body) {
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** Marks an answer read from this instance's stores as its (with several instances), as forwarded ones are. */
    private HttpResponse<?> servedHere(HttpResponse<?> answer) {
        if (owners.self().isPresent() && answer instanceof MutableHttpResponse<?> mutable
                && !mutable.getHeaders().contains(ForwardToKeyOwner.SERVED_BY)) {
            mutable.header(ForwardToKeyOwner.SERVED_BY, owners.self().get());
        }
        return answer;
    }

    /** The saga now, or (with a version to wait beyond) once it changes beyond it or the timeout ends. */
    private CompletableFuture<HttpResponse<?>> answer(Supplier<Optional<Saga>> read,
            Function<Consumer<Saga>, SagaUpdates.Subscription> subscribe, @Nullable String waitForVersionAbove,
            @Nullable String timeout, String notFound, Caller caller) {
        Long version = QueryParameters.version(waitForVersionAbove);
        Duration wait = QueryParameters.timeout(timeout);
        if (version == null) {
            if (!QueryParameters.absent(timeout)) {
                throw new BadParameter("waitForVersionAbove", "is required with timeout (the version to wait beyond)");
            }
            return CompletableFuture.completedFuture(answer(read.get(), notFound, caller));
        }
        long above = version;
        CompletableFuture<Saga> changed = new CompletableFuture<>();
        // Subscribe before reading, so a change between the read and the subscription is not missed.
        SagaUpdates.Subscription subscription = subscribe.apply(s -> {
            if (s.version() > above) changed.complete(s);
        });
        Optional<Saga> now;
        try {
            now = read.get();
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        if (now.isPresent() && now.get().version() > above) {
            subscription.close();
            return CompletableFuture.completedFuture(answer(now, notFound, caller));
        }
        // The answer is built on the blocking executor: at the timeout it reads the store again.
        return changed.completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS)
                .thenApplyAsync(saga -> {
                    subscription.close();
                    try {
                        return answer(saga != null ? Optional.of(saga) : read.get(), notFound, caller);
                    } catch (LocalStores.StoreNotReady e) {
                        return unavailable(e.getMessage());
                    }
                }, blocking);
    }

    /**
     * The saga's state now (when known) and then each change, as Server-Sent Events named
     * {@code saga} whose id is the version ({@link SagaEventStream}). An unknown saga's stream opens at
     * once and waits for its first event. With
     * several instances a saga folded elsewhere is redirected (307) to its owner's stream.
     */
    @Get(value = "/{correlationId}/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @Secured({Roles.CUSTOMER, Roles.OPERATOR, Roles.ADMIN})
    HttpResponse<?> stream(HttpRequest<?> request, String correlationId, @Nullable Authentication authentication) {
        Optional<String> orderId = orderIdOf(request, correlationId); // 503 here, before the stream starts, if not ready
        if (orderId.isPresent() && owners.ownerOf(SagaStatusTopology.SAGAS_STORE, orderId.get())
                instanceof KeyOwners.Owner.Elsewhere owner) {
            return HttpResponse.temporaryRedirect(java.net.URI.create("http://" + owner.host() + ":" + owner.port()
                    + "/sagas/by-order/" + orderId.get() + "/stream"));
        }
        // A saga no instance knows yet may be folded by another one, whose folds this stream never hears
        // of: it ends once that is so, and the client's next request is redirected to the owner.
        BooleanSupplier foldedElsewhere = orderId.isPresent() ? () -> false : () -> {
            try {
                return instances.hasPeers() && ownerElsewhere(request, correlationId).isPresent();
            } catch (LocalStores.StoreNotReady e) {
                return false; // asked again at the next check
            }
        };
        return streamFor(Caller.of(authentication), orderId.flatMap(queries::findByOrder),
                listener -> updates.subscribe(correlationId, listener), foldedElsewhere);
    }

    /**
     * This instance's part of finding a correlation id's order ({@code scope=local}, asked by the
     * instance a request by correlation id reached): the order if a saga of these partitions has that
     * correlation id and the caller may read it, else null. Without {@code scope=local}, every
     * instance's answer: the order, or 404.
     */
    @Get("/order-ids/{correlationId}{?scope}")
    @Secured({Roles.CUSTOMER, Roles.OPERATOR, Roles.ADMIN})
    HttpResponse<?> orderId(HttpRequest<?> request, String correlationId, @Nullable String scope,
            @Nullable Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (QueryParameters.local(scope)) {
            SagaQueries.Local<Optional<String>> here = queries.orderIdOfLocal(correlationId);
            Optional<String> readable = here.value().filter(order -> caller.actsForEveryone()
                    || queries.findByOrder(order).map(s -> caller.mayActFor(s.customerId())).orElse(false));
            return HttpResponse.ok(new HttpBodies.LocalOrderId(here.partitions(), readable.orElse(null)));
        }
        return orderIdOf(request, correlationId)
                .<HttpResponse<?>>map(order -> HttpResponse.ok(Map.of("correlationId", correlationId, "orderId", order)))
                .orElseGet(() -> notFound("no saga " + correlationId));
    }

    /**
     * The order of saga {@code correlationId}: from this instance's index, else from every other
     * instance's (an index entry is beside its saga, in whichever instance holds the order's
     * partition). Empty only when every partition was asked and none holds it; while partitions move,
     * {@link LocalStores.StoreNotReady} (503), never a wrong "no such saga".
     */
    private Optional<String> orderIdOf(HttpRequest<?> request, String correlationId) {
        SagaQueries.Local<Optional<String>> here = queries.orderIdOfLocal(correlationId);
        if (here.value().isPresent()) return here.value();
        // An identifier by now (RefuseMalformedRequests): letters, digits and . _ : -, nothing to escape.
        return instances.gather(request, "/sagas/order-ids/" + correlationId, HttpBodies.LocalOrderId.class,
                        () -> new HttpBodies.LocalOrderId(here.partitions(), null))
                .stream().map(HttpBodies.LocalOrderId::orderId).filter(java.util.Objects::nonNull).findFirst();
    }

    /** The stream, or 403 when the saga is known and not the caller's; a customer's stream carries only its own saga. */
    private HttpResponse<?> streamFor(Caller caller, Optional<Saga> now,
            Function<Consumer<Saga>, SagaUpdates.Subscription> subscribe, BooleanSupplier foldedElsewhere) {
        Optional<String> refused = now.flatMap(s -> caller.refusalFor("sagas", s.customerId()));
        if (refused.isPresent()) return Refusal.forbidden(refused.get());
        return HttpResponse.ok(SagaEventStream.of(now, subscribe, s -> caller.mayActFor(s.customerId()),
                        SagaEventStream.KEEP_ALIVE_EVERY, foldedElsewhere, blocking))
                .contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
    }

    @Error(exception = LocalStores.StoreNotReady.class)
    MutableHttpResponse<HttpBodies.Problem> notReady(HttpRequest<?> request, LocalStores.StoreNotReady e) {
        return unavailable(e.getMessage());
    }

    @Error(exception = BadParameter.class)
    MutableHttpResponse<HttpBodies.Problem> refused(HttpRequest<?> request, BadParameter e) {
        return HttpResponse.badRequest(e.problem());
    }

    /** Not knowing yet is not "no such saga": the client is told to come back in a second. */
    static MutableHttpResponse<HttpBodies.Problem> unavailable(String message) {
        return HttpResponse.<HttpBodies.Problem>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "1")
                .body(new HttpBodies.Problem(message));
    }

    private byte[] render(Saga saga) {
        try {
            return json.writeValueAsBytes(HttpBodies.SagaBody.of(saga));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }


    private static HttpResponse<?> answer(Optional<Saga> saga, String notFound, Caller caller) {
        Optional<String> refused = saga.flatMap(s -> caller.refusalFor("sagas", s.customerId()));
        if (refused.isPresent()) return Refusal.forbidden(refused.get());
        return saga.<HttpResponse<?>>map(s -> HttpResponse.ok(HttpBodies.SagaBody.of(s)))
                .orElseGet(() -> notFound(notFound));
    }

    private static HttpResponse<?> notFound(String message) {
        return HttpResponse.status(HttpStatus.NOT_FOUND).body(new HttpBodies.Problem(message));
    }
}
