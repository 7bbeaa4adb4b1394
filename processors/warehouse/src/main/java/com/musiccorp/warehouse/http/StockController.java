package com.musiccorp.warehouse.http;

import com.musiccorp.platform.http.security.Roles;
import io.micronaut.security.annotation.Secured;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockReceived;
import com.musiccorp.platform.http.StrictJson;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.AckedPublisher;
import com.musiccorp.platform.streams.EventPublisher;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.schemas.Causation;
import com.musiccorp.warehouse.domain.SkuStock;
import com.musiccorp.warehouse.domain.StockLimits;
import com.musiccorp.warehouse.stream.HoldsPage;
import com.musiccorp.warehouse.stream.StockStoreQueries;
import com.musiccorp.warehouse.stream.WarehouseTopology;
import org.apache.avro.specific.SpecificRecord;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.ObjectMapper;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /stock/{sku}/receipts} (StockReceived) and {@code POST /stock/{sku}/adjustments}
 * (StockAdjusted) write to warehouse.stock; {@code GET /stock/{sku}} reads {@code sku-stock-store}.
 * A 202 means the event is durably on the topic; the SKU's stock changes moments later.
 *
 * <p>A request is checked whole before anything is written: the path's SKU and the body's ids against
 * the one identifier rule, the body read without type coercion ({@link StrictJson}), its fields
 * against {@link StockLimits}, and what the SKU can take against its stock where that stock lives.
 * Any fault is a 400 naming every field at fault, and nothing reaches warehouse.stock.
 */
@Controller("/stock")
@Secured({Roles.OPERATOR, Roles.ADMIN})
@Requires(property = WarehouseHttpServer.ENABLED, value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
final class StockController {

    private static final String PRODUCER = "warehouse";

    private final EventPublisher publisher;
    private final StockStoreQueries store;
    private final StrictJson json;
    private final KeyOwners owners;

    StockController(EventPublisher publisher, StockStoreQueries store, ObjectMapper json, KeyOwners owners) {
        this.publisher = publisher;
        this.store = store;
        this.json = new StrictJson(json);
        this.owners = owners;
    }

    @Post("/{sku}/receipts")
    HttpResponse<?> receive(String sku, @Body @Nullable byte[] body) {
        List<HttpBodies.FieldViolation> violations = new ArrayList<>();
        HttpBodies.Receipt receipt = read(body, HttpBodies.Receipt.class, "a JSON receipt", violations);
        if (receipt == null) {
            Refusals.identifier("sku", sku, violations);
            return Refusals.badRequest("the receipt", violations);
        }
        // Absent: a new receipt each time. Given: the receipt's identity, checked like any id, never trimmed.
        String receiptId = receipt.receiptId() == null ? UUID.randomUUID().toString() : receipt.receiptId();
        violations.addAll(Refusals.of(StockLimits.ofReceipt(sku, receipt.title(), receipt.artist(),
                receipt.quantity(), receiptId)));
        MediaFormat format = formatOf(receipt.format(), violations);
        if (!violations.isEmpty()) {
            return Refusals.badRequest("the receipt", violations);
        }
        Optional<HttpResponse<?>> refused = refusedByStock(sku, "quantity", receipt.quantity(), "the receipt");
        if (refused.isPresent()) {
            return refused.get();
        }
        Instant now = Instant.now();
        StockReceived event = StockReceived.newBuilder()
                .setMetadata(Causation.fromCommand(receiptId, sku, now, PRODUCER, "StockReceived"))
                .setSku(sku)
                .setTitle(receipt.title().trim())
                .setArtist(receipt.artist().trim())
                .setFormat(format)
                .setQuantity(receipt.quantity())
                .setReceiptId(receiptId)
                .setReceivedAt(now)
                .build();
        return publish(sku, event, event.getMetadata().getEventId(), receiptId);
    }

    @Post("/{sku}/adjustments")
    HttpResponse<?> adjust(String sku, @Body @Nullable byte[] body) {
        List<HttpBodies.FieldViolation> violations = new ArrayList<>();
        HttpBodies.Adjustment adjustment = read(body, HttpBodies.Adjustment.class, "a JSON adjustment", violations);
        if (adjustment == null) {
            Refusals.identifier("sku", sku, violations);
            return Refusals.badRequest("the adjustment", violations);
        }
        String adjustmentId = adjustment.adjustmentId() == null ? UUID.randomUUID().toString()
                : adjustment.adjustmentId();
        violations.addAll(Refusals.of(StockLimits.ofAdjustment(sku, adjustment.quantityDelta(), adjustment.reason(),
                adjustmentId)));
        if (!violations.isEmpty()) {
            return Refusals.badRequest("the adjustment", violations);
        }
        Optional<HttpResponse<?>> refused = refusedByStock(sku, "quantityDelta", adjustment.quantityDelta(),
                "the adjustment");
        if (refused.isPresent()) {
            return refused.get();
        }
        StockAdjusted event = StockAdjusted.newBuilder()
                .setMetadata(Causation.fromCommand(adjustmentId, sku, Instant.now(), PRODUCER, "StockAdjusted"))
                .setSku(sku)
                .setQuantityDelta(adjustment.quantityDelta())
                .setReason(adjustment.reason().trim())
                .setAdjustmentId(adjustmentId)
                .build();
        return publish(sku, event, event.getMetadata().getEventId(), adjustmentId);
    }

    /**
     * The SKU's counts, and one page of its holds on the shelf ({@code reservedByOrder}, in order-id
     * order): {@code holds} of them (default {@value #HOLDS_PER_PAGE}, at most {@value #MAX_HOLDS_PER_PAGE})
     * after order {@code holdsAfter}; {@code nextHoldsAfter} names the order to ask the next page
     * after, null on the last. A popular SKU has thousands of orders in flight: the whole list was
     * read and sent on every request.
     */
    @Get("/{sku}{?holdsAfter,holds}")
    HttpResponse<?> view(String sku, @Nullable @QueryValue String holdsAfter, @Nullable @QueryValue String holds) {
        List<HttpBodies.FieldViolation> violations = new ArrayList<>();
        Refusals.identifier("sku", sku, violations);
        if (holdsAfter != null) {
            Refusals.identifier("holdsAfter", holdsAfter, violations);
        }
        int limit = holdsPerPage(holds, violations);
        if (!violations.isEmpty()) {
            return Refusals.badRequest("the request", violations);
        }
        SkuStock stock;
        HoldsPage page;
        try {
            stock = store.find(sku).orElse(null);
            page = stock == null ? HoldsPage.NONE : store.holds(sku, stock, holdsAfter, limit);
        } catch (StockStoreQueries.StoreNotReady e) {
            return unavailable(e.getMessage());
        }
        if (stock == null) {
            return HttpResponse.notFound(HttpBodies.Problem.of("no stock known for SKU " + sku));
        }
        SkuStock.Item item = stock.item();
        Map<String, Integer> reservedByOrder = new LinkedHashMap<>();
        page.holds().forEach(hold -> reservedByOrder.put(hold.getKey(), hold.getValue()));
        return HttpResponse.ok(new HttpBodies.StockView(sku,
                item == null ? null : item.title(), item == null ? null : item.artist(),
                item == null || item.format() == null ? null : item.format().name(),
                stock.onHand(), stock.available(), stock.reserved(), stock.packed(), stock.missing(), stock.shipped(),
                reservedByOrder, page.nextAfter()));
    }

    static final int HOLDS_PER_PAGE = 100;
    static final int MAX_HOLDS_PER_PAGE = 1_000;

    private static int holdsPerPage(String holds, List<HttpBodies.FieldViolation> violations) {
        if (holds == null) {
            return HOLDS_PER_PAGE;
        }
        if (holds.matches("[0-9]{1,4}")) {
            int n = Integer.parseInt(holds);
            if (n >= 1 && n <= MAX_HOLDS_PER_PAGE) {
                return n;
            }
        }
        violations.add(new HttpBodies.FieldViolation("holds", "must be a whole number from 1 to " + MAX_HOLDS_PER_PAGE));
        return HOLDS_PER_PAGE;
    }

    /** The body as {@code type}, or null with the violations that make it unreadable. */
    private <T extends Record> T read(byte[] body, Class<T> type, String what,
            List<HttpBodies.FieldViolation> violations) {
        try {
            T value = json.read(body, type);
            if (value == null) {
                violations.add(new HttpBodies.FieldViolation("body", what + " is required"));
            }
            return value;
        } catch (StrictJson.Refused refused) {
            violations.addAll(Refusals.of(refused));
            return null;
        }
    }

    /**
     * What the SKU's stock can take, checked where that stock lives; the topology decides again on the
     * live stock and dead-letters what it refuses. On another instance only the topology checks it
     * (POSTs are not passed to the key's owner).
     */
    private Optional<HttpResponse<?>> refusedByStock(String sku, String field, int change, String what) {
        return switch (owners.ownerOf(WarehouseTopology.SKU_STOCK_STORE, sku)) {
            case KeyOwners.Owner.Here here -> {
                SkuStock stock;
                try {
                    stock = store.find(sku).orElseGet(SkuStock::initial);
                } catch (StockStoreQueries.StoreNotReady e) {
                    yield Optional.of(unavailable(e.getMessage()));
                }
                yield StockLimits.ofStock(stock, field, change)
                        .map(refusal -> Refusals.badRequest(what, Refusals.of(List.of(refusal))));
            }
            case KeyOwners.Owner.Elsewhere elsewhere -> Optional.empty();
            case KeyOwners.Owner.Unknown unknown -> Optional.of(unavailable(unknown.reason()));
        };
    }

    private HttpResponse<?> publish(String sku, SpecificRecord event, UUID eventId, String id) {
        try {
            publisher.publish(TopicCatalog.WAREHOUSE_STOCK, sku, event);
        } catch (AckedPublisher.PublishFailed e) {
            return unavailable(e.getMessage());
        }
        return HttpResponse.accepted(URI.create("/stock/" + sku))
                .body(new HttpBodies.Accepted(sku, eventId.toString(), id));
    }

    static MutableHttpResponse<HttpBodies.Problem> unavailable(String message) {
        return HttpResponse.<HttpBodies.Problem>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "1")
                .body(HttpBodies.Problem.of(message));
    }

    private static MediaFormat formatOf(String format, List<HttpBodies.FieldViolation> violations) {
        if (format == null || format.isBlank()) {
            violations.add(new HttpBodies.FieldViolation("format", "is required, one of " + formats()));
            return null;
        }
        try {
            return MediaFormat.valueOf(format.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new HttpBodies.FieldViolation("format", "must be one of " + formats()));
            return null;
        }
    }

    private static String formats() {
        return Arrays.toString(MediaFormat.values());
    }
}
