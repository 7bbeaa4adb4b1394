package com.musiccorp.warehouse.http;

import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockReceived;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.AckedPublisher;
import com.musiccorp.platform.streams.EventPublisher;
import com.musiccorp.schemas.Causation;
import org.apache.avro.specific.SpecificRecord;
import com.musiccorp.warehouse.domain.SkuStock;
import com.musiccorp.warehouse.stream.StockStoreQueries;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /stock/{sku}/receipts} (StockReceived) and {@code POST /stock/{sku}/adjustments}
 * (StockAdjusted) write to warehouse.stock; {@code GET /stock/{sku}} reads {@code sku-stock-store}.
 * A 202 means the event is durably on the topic; the SKU's stock changes moments later.
 */
@Controller("/stock")
@Requires(property = WarehouseHttpServer.ENABLED, value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
final class StockController {

    private static final String PRODUCER = "warehouse";

    private final EventPublisher publisher;
    private final StockStoreQueries store;
    private final ObjectMapper json;

    StockController(EventPublisher publisher, StockStoreQueries store, ObjectMapper json) {
        this.publisher = publisher;
        this.store = store;
        this.json = json;
    }

    @Post("/{sku}/receipts")
    HttpResponse<?> receive(String sku, @Body @Nullable String body) {
        HttpBodies.Receipt receipt;
        try {
            receipt = body == null || body.isBlank() ? null : json.readValue(body, HttpBodies.Receipt.class);
        } catch (IOException | RuntimeException e) {
            return HttpResponse.badRequest(HttpBodies.Problem.of("the body is not a JSON receipt: " + e.getMessage()));
        }
        List<HttpBodies.FieldViolation> violations = new ArrayList<>();
        if (receipt == null) {
            violations.add(new HttpBodies.FieldViolation("body", "a JSON receipt is required"));
            receipt = new HttpBodies.Receipt(null, null, null, null, null);
        }
        requireText(sku, "sku", violations);
        requireText(receipt.title(), "title", violations);
        requireText(receipt.artist(), "artist", violations);
        MediaFormat format = null;
        if (receipt.format() == null || receipt.format().isBlank()) {
            violations.add(new HttpBodies.FieldViolation("format", "is required, one of " + formats()));
        } else {
            try {
                format = MediaFormat.valueOf(receipt.format().trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                violations.add(new HttpBodies.FieldViolation("format", "must be one of " + formats()));
            }
        }
        if (receipt.quantity() == null || receipt.quantity() < 1) {
            violations.add(new HttpBodies.FieldViolation("quantity", "must be a whole number of at least 1"));
        }
        if (!violations.isEmpty()) {
            return refused("the receipt was refused", violations);
        }
        String receiptId = blank(receipt.receiptId()) ? UUID.randomUUID().toString() : receipt.receiptId().trim();
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
    HttpResponse<?> adjust(String sku, @Body @Nullable String body) {
        HttpBodies.Adjustment adjustment;
        try {
            adjustment = body == null || body.isBlank() ? null : json.readValue(body, HttpBodies.Adjustment.class);
        } catch (IOException | RuntimeException e) {
            return HttpResponse.badRequest(HttpBodies.Problem.of("the body is not a JSON adjustment: "
                    + e.getMessage()));
        }
        List<HttpBodies.FieldViolation> violations = new ArrayList<>();
        if (adjustment == null) {
            violations.add(new HttpBodies.FieldViolation("body", "a JSON adjustment is required"));
            adjustment = new HttpBodies.Adjustment(null, null, null);
        }
        requireText(sku, "sku", violations);
        if (adjustment.quantityDelta() == null || adjustment.quantityDelta() == 0) {
            violations.add(new HttpBodies.FieldViolation("quantityDelta", "must be a non-zero whole number"));
        }
        requireText(adjustment.reason(), "reason", violations);
        if (!violations.isEmpty()) {
            return refused("the adjustment was refused", violations);
        }
        String adjustmentId = blank(adjustment.adjustmentId()) ? UUID.randomUUID().toString()
                : adjustment.adjustmentId().trim();
        StockAdjusted event = StockAdjusted.newBuilder()
                .setMetadata(Causation.fromCommand(adjustmentId, sku, Instant.now(), PRODUCER, "StockAdjusted"))
                .setSku(sku)
                .setQuantityDelta(adjustment.quantityDelta())
                .setReason(adjustment.reason().trim())
                .setAdjustmentId(adjustmentId)
                .build();
        return publish(sku, event, event.getMetadata().getEventId(), adjustmentId);
    }

    @Get("/{sku}")
    HttpResponse<?> view(String sku) {
        SkuStock stock;
        try {
            stock = store.find(sku).orElse(null);
        } catch (StockStoreQueries.StoreNotReady e) {
            return unavailable(e.getMessage());
        }
        if (stock == null) {
            return HttpResponse.notFound(HttpBodies.Problem.of("no stock known for SKU " + sku));
        }
        SkuStock.Item item = stock.item();
        return HttpResponse.ok(new HttpBodies.StockView(sku,
                item == null ? null : item.title(), item == null ? null : item.artist(),
                item == null || item.format() == null ? null : item.format().name(),
                stock.onHand(), stock.available(), stock.reserved(), stock.missing(), stock.shipped(),
                stock.reservedByOrder()));
    }

    private HttpResponse<?> publish(String sku, SpecificRecord event, UUID eventId,
            String id) {
        try {
            publisher.publish(TopicCatalog.WAREHOUSE_STOCK, sku, event);
        } catch (AckedPublisher.PublishFailed e) {
            return unavailable(e.getMessage());
        }
        return HttpResponse.accepted(URI.create("/stock/" + sku))
                .body(new HttpBodies.Accepted(sku, eventId.toString(), id));
    }

    private static MutableHttpResponse<HttpBodies.Problem> refused(String message,
            List<HttpBodies.FieldViolation> violations) {
        return HttpResponse.<HttpBodies.Problem>status(HttpStatus.BAD_REQUEST)
                .body(new HttpBodies.Problem(message + ": " + violations.size()
                        + (violations.size() == 1 ? " violation" : " violations"), violations));
    }

    static MutableHttpResponse<HttpBodies.Problem> unavailable(String message) {
        return HttpResponse.<HttpBodies.Problem>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "1")
                .body(HttpBodies.Problem.of(message));
    }

    private static void requireText(String value, String field, List<HttpBodies.FieldViolation> violations) {
        if (blank(value)) {
            violations.add(new HttpBodies.FieldViolation(field, "is required"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String formats() {
        return Arrays.toString(MediaFormat.values());
    }
}
