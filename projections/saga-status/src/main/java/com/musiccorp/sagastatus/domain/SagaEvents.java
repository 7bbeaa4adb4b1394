package com.musiccorp.sagastatus.domain;

import com.musiccorp.events.DispatchDelayed;
import com.musiccorp.events.DispatchFailed;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.EventRejected;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.Money;
import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockReleased;
import com.musiccorp.events.StockReserved;
import org.apache.avro.specific.SpecificRecord;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads any context's event into a {@link SagaEvent} with a one-line summary of what happened. */
public final class SagaEvents {

    private SagaEvents() {
    }

    /** Empty for events that belong to no saga (e.g. stock received). */
    public static Optional<SagaEvent> from(SpecificRecord event) {
        return Optional.ofNullable(switch (event) {
            case OrderPlaced e -> of(e.getMetadata(), e, e.getOrderId(), e.getCustomer().getCustomerId(),
                    e.getLines().size() + (e.getLines().size() == 1 ? " line" : " lines") + ", total "
                            + money(e.getTotal()) + ", for " + e.getCustomer().getCustomerId(), null);
            case StockReserved e -> of(e.getMetadata(), e, e.getOrderId(), null, "reserved "
                    + e.getReservations().stream().map(r -> r.getQuantity() + "x" + r.getSku())
                    .collect(Collectors.joining(", ")), null);
            case StockInsufficient e -> failure(e.getMetadata(), e, e.getOrderId(), e.getCustomerId(),
                    e.getShortLines().stream().map(s -> "line " + s.getLineNumber() + " " + s.getSku() + ": requested "
                            + s.getRequested() + ", available " + s.getAvailable() + ", short by " + s.getShortBy())
                            .collect(Collectors.joining("; ")));
            case StockReleased e -> {
                String what = e.getReleases().stream().map(r -> r.getQuantity() + "x" + r.getSku())
                        .collect(Collectors.joining(", "));
                yield of(e.getMetadata(), e, e.getOrderId(), null,
                        "released " + (what.isEmpty() ? "nothing" : what) + ": " + e.getReason(), e.getReason());
            }
            case PaymentTaken e -> of(e.getMetadata(), e, e.getOrderId(), e.getCustomerId(),
                    "charged " + money(e.getAmount()) + " (payment " + e.getPaymentId() + ")", null);
            case PaymentFailed e -> of(e.getMetadata(), e, e.getOrderId(), e.getCustomerId(),
                    e.getReasonCode() + " after " + e.getAttempts() + (e.getAttempts() == 1 ? " attempt: " : " attempts: ")
                            + e.getReason(), e.getReason());
            case PaymentRefunded e -> of(e.getMetadata(), e, e.getOrderId(), e.getCustomerId(),
                    "refunded " + money(e.getAmount()) + ": " + e.getReason(), e.getReason());
            case OrderPackaged e -> of(e.getMetadata(), e, e.getOrderId(), null, "package " + e.getPackageId() + ", "
                    + e.getLines().stream().mapToInt(l -> l.getQuantity()).sum() + " units", null);
            case ItemNotFound e -> failure(e.getMetadata(), e, e.getOrderId(), null,
                    "line " + e.getLineNumber() + " " + e.getSku() + ": " + e.getMissingQuantity() + " missing: "
                            + e.getReason());
            case DispatchDelayed e -> of(e.getMetadata(), e, e.getOrderId(), null, "attempt " + e.getAttempt() + ": "
                    + e.getReason() + "; next attempt at " + e.getNextAttemptAt(), e.getReason());
            case DispatchFailed e -> of(e.getMetadata(), e, e.getOrderId(), null,
                    "after " + e.getAttempts() + " attempts: " + e.getReason(), e.getReason());
            case OrderDispatched e -> of(e.getMetadata(), e, e.getOrderId(), e.getCustomerId(),
                    "by " + e.getCarrier() + ", tracking " + e.getTrackingNumber(), null);
            case PointsAwarded e -> of(e.getMetadata(), e, e.getOrderId(), e.getCustomerId(),
                    e.getPoints() + " points, balance " + e.getNewBalance(), null);
            case OrderCompleted e -> of(e.getMetadata(), e, e.getOrderId(), e.getCustomerId(), "completed", null);
            case OrderCancelled e -> of(e.getMetadata(), e, e.getOrderId(), e.getCustomerId(),
                    e.getReasonCode() + ": " + e.getReason(), e.getReason());
            case NotificationSent e -> of(e.getMetadata(), e, e.getOrderId(), e.getCustomerId(),
                    e.getTemplate() + " by " + e.getChannel() + ": " + e.getSubject(), null);
            case EventRejected e -> of(e.getMetadata(), e, e.getOrderId(), null, "refused " + e.getRejectedEventType()
                    + " " + e.getRejectedEventId() + ": " + e.getReason(), e.getReason());
            default -> null;
        });
    }

    private static SagaEvent failure(EventMetadata m, SpecificRecord e, String orderId, String customerId, String reason) {
        return of(m, e, orderId, customerId, reason, reason);
    }

    private static SagaEvent of(EventMetadata m, SpecificRecord e, String orderId, String customerId, String summary,
            String reason) {
        return new SagaEvent(m.getEventId().toString(), e.getSchema().getName(), m.getProducer(), m.getCorrelationId(),
                m.getCausationId(), m.getOccurredAt(), orderId, customerId, summary, reason);
    }

    /** 5397 GBP → "53.97 GBP", with the currency's own number of minor digits (2 when unknown). */
    static String money(Money m) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(m.getCurrency()).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(m.getAmountMinor(), digits).toPlainString() + " " + m.getCurrency();
    }
}
