package com.musiccorp.orders.domain;

import com.musiccorp.events.DispatchDelayed;
import com.musiccorp.events.DispatchFailed;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockReleased;
import com.musiccorp.events.StockReserved;
import com.musiccorp.events.StockShortfall;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

import java.time.Instant;
import java.util.stream.Collectors;

/** Reading the parts every order event shares, and a one-line summary of the interesting ones. */
final class OrderEvents {

    private OrderEvents() {
    }

    static EventMetadata metadata(SpecificRecord event) {
        if (event instanceof SpecificRecordBase record
                && record.getSchema().getField("metadata") != null
                && record.get("metadata") instanceof EventMetadata metadata) {
            return metadata;
        }
        throw new IllegalArgumentException("not an event with metadata: " + event.getClass().getName());
    }

    static String orderId(SpecificRecord event) {
        if (event instanceof SpecificRecordBase record
                && record.getSchema().getField("orderId") != null
                && record.get("orderId") instanceof String orderId) {
            return orderId;
        }
        throw new IllegalArgumentException("not an order event: " + event.getClass().getName());
    }

    static String type(SpecificRecord event) {
        return event.getClass().getSimpleName();
    }

    /** When the fact happened: the event's own business time where it has one, else its event time. */
    static Instant time(SpecificRecord event) {
        return switch (event) {
            case OrderPlaced e -> e.getPlacedAt();
            case StockReserved e -> e.getReservedAt();
            case PaymentTaken e -> e.getTakenAt();
            case OrderPackaged e -> e.getPackedAt();
            case OrderDispatched e -> e.getDispatchedAt();
            case OrderCompleted e -> e.getCompletedAt();
            case OrderCancelled e -> e.getCancelledAt();
            default -> metadata(event).getOccurredAt();
        };
    }

    /** What a person needs to know about the event, for cancellation reasons and the history. */
    static String summary(SpecificRecord event) {
        return switch (event) {
            case StockInsufficient e -> e.getShortLines().stream()
                    .map(s -> shortfall(e, s))
                    .collect(Collectors.joining("; "));
            case PaymentFailed e -> e.getReason() + " (" + e.getReasonCode() + ", "
                    + e.getAttempts() + (e.getAttempts() == 1 ? " attempt)" : " attempts)");
            case ItemNotFound e -> "line " + e.getLineNumber() + " " + e.getSku() + ": "
                    + units(e.getMissingQuantity()) + " missing (" + e.getReason() + ")";
            case DispatchDelayed e -> "attempt " + e.getAttempt() + " failed: " + e.getReason()
                    + "; next attempt at " + e.getNextAttemptAt();
            case DispatchFailed e -> "gave up after " + e.getAttempts()
                    + (e.getAttempts() == 1 ? " attempt: " : " attempts: ") + e.getReason();
            case StockReleased e -> e.getReason();
            case PaymentRefunded e -> e.getReason();
            case OrderCancelled e -> e.getReasonCode() + ": " + e.getReason();
            default -> null;
        };
    }

    private static String shortfall(StockInsufficient event, StockShortfall s) {
        String item = event.getLines().stream()
                .filter(l -> l.getLineNumber() == s.getLineNumber())
                .findFirst()
                .map(l -> " \"" + l.getTitle() + "\" by " + l.getArtist())
                .orElse("");
        return "line " + s.getLineNumber() + " " + s.getSku() + item + ": requested " + s.getRequested()
                + ", available " + s.getAvailable() + ", short by " + s.getShortBy();
    }

    static String units(int n) {
        return n + (n == 1 ? " unit" : " units");
    }
}
