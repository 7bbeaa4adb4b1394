package com.musiccorp.payments.stream;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.PaymentFailureReason;
import com.musiccorp.payments.domain.Amount;
import com.musiccorp.payments.domain.Cause;
import com.musiccorp.payments.domain.ChargeIntent;
import com.musiccorp.payments.domain.ChargeLookup;
import com.musiccorp.payments.domain.OrderTerms;
import com.musiccorp.payments.domain.Payment;
import com.musiccorp.payments.domain.Payment.Stage;
import com.musiccorp.payments.domain.RefundIntent;
import com.musiccorp.platform.streams.compact.CompactCodec;
import com.musiccorp.platform.streams.compact.CompactReader;
import com.musiccorp.platform.streams.compact.CompactWriter;

/**
 * A payment in {@code payments-store}, compact (layout 1): written at every step of the charge (its
 * intent before the gateway is called, its answer), where Jackson was a seventh of payments' stream
 * thread (JFR at 200 orders/s). The stage is written by its label (the name the JSON format gave
 * it), then its own fields; enums by name, so adding a constant changes no layout; an optional part starts with a
 * presence byte.
 */
final class PaymentCodec implements CompactCodec<Payment> {

    @Override
    public int expectedSize() {
        return 512;
    }

    @Override
    public void write(Payment payment, CompactWriter out) {
        out.writeString(payment.orderId());
        if (out.writePresence(payment.terms())) {
            OrderTerms t = payment.terms();
            out.writeString(t.customerId()).writeString(t.paymentMethodToken());
            writeAmount(t.total(), out);
        }
        writeStage(payment.stage(), out);
        out.writeList(payment.seen(), (id, w) -> w.writeUuid(id));
        if (out.writePresence(payment.cancelled())) {
            Payment.Cancellation c = payment.cancelled();
            out.writeString(c.code() == null ? null : c.code().name()).writeString(c.reason());
            writeCause(c.cause(), out);
        }
    }

    @Override
    public Payment read(CompactReader in, int version) {
        String orderId = in.readString();
        OrderTerms terms = null;
        if (in.readPresence()) {
            String customerId = in.readString();
            String token = in.readString();
            terms = new OrderTerms(customerId, readAmount(in), token);
        }
        Stage stage = readStage(in);
        var seen = in.readList(CompactReader::readUuid);
        Payment.Cancellation cancelled = null;
        if (in.readPresence()) {
            String code = in.readString();
            cancelled = new Payment.Cancellation(code == null ? null : CancellationReason.valueOf(code), in.readString(),
                    readCause(in));
        }
        return new Payment(orderId, terms, stage, seen, cancelled);
    }

    private static void writeStage(Stage stage, CompactWriter out) {
        out.writeString(stage.label());
        switch (stage) {
            case Stage.New s -> { }
            case Stage.AwaitingReservation s -> { }
            case Stage.ReservedBeforeOrder s -> writeCause(s.reservation(), out);
            case Stage.NotCharged s -> out.writeString(s.reason());
            case Stage.Charging s -> writeCharge(s.intent(), out);
            case Stage.LookingUpCharge s -> {
                ChargeLookup l = s.lookup();
                out.writeString(l.orderId()).writeUuid(l.idempotencyKey()).writeLong(l.attempt())
                        .writeInstant(l.notBefore());
                writeCharge(l.charge(), out);
            }
            case Stage.Paid s -> writeReceipt(s.receipt(), out);
            case Stage.Failed s -> out.writeString(s.reasonCode() == null ? null : s.reasonCode().name())
                    .writeLong(s.attempts()).writeString(s.reason());
            case Stage.Refunding s -> writeRefund(s.intent(), writeReceipt(s.receipt(), out));
            case Stage.Refunded s -> writeReceipt(s.receipt(), out).writeString(s.reason());
            case Stage.RefundBlocked s -> writeRefund(s.intent(), writeReceipt(s.receipt(), out)).writeString(s.reason());
        }
    }

    private static Stage readStage(CompactReader in) {
        String name = in.readString();
        return switch (name) {
            case "NEW" -> new Stage.New();
            case "AWAITING_RESERVATION" -> new Stage.AwaitingReservation();
            case "RESERVED_BEFORE_ORDER" -> new Stage.ReservedBeforeOrder(readCause(in));
            case "NOT_CHARGED" -> new Stage.NotCharged(in.readString());
            case "CHARGING" -> new Stage.Charging(readCharge(in));
            case "LOOKING_UP_CHARGE" -> new Stage.LookingUpCharge(new ChargeLookup(in.readString(), in.readUuid(),
                    Math.toIntExact(in.readLong()), in.readInstant(), readCharge(in)));
            case "PAID" -> new Stage.Paid(readReceipt(in));
            case "FAILED" -> {
                String code = in.readString();
                yield new Stage.Failed(code == null ? null : PaymentFailureReason.valueOf(code),
                        Math.toIntExact(in.readLong()), in.readString());
            }
            case "REFUNDING" -> new Stage.Refunding(readReceipt(in), readRefund(in));
            case "REFUNDED" -> new Stage.Refunded(readReceipt(in), in.readString());
            case "REFUND_BLOCKED" -> new Stage.RefundBlocked(readReceipt(in), readRefund(in), in.readString());
            default -> throw new IllegalArgumentException("a payment stage named " + name);
        };
    }

    private static void writeCharge(ChargeIntent c, CompactWriter out) {
        out.writeString(c.orderId()).writeUuid(c.idempotencyKey()).writeLong(c.attempt()).writeInstant(c.notBefore());
        writeAmount(c.amount(), out);
        out.writeString(c.customerId()).writeString(c.paymentMethodToken());
        writeCause(c.cause(), out);
    }

    private static ChargeIntent readCharge(CompactReader in) {
        return new ChargeIntent(in.readString(), in.readUuid(), Math.toIntExact(in.readLong()), in.readInstant(),
                readAmount(in), in.readString(), in.readString(), readCause(in));
    }

    private static CompactWriter writeRefund(RefundIntent r, CompactWriter out) {
        out.writeString(r.orderId()).writeUuid(r.idempotencyKey()).writeUuid(r.chargeKey()).writeString(r.paymentId())
                .writeLong(r.attempt()).writeInstant(r.notBefore());
        writeAmount(r.amount(), out);
        out.writeString(r.customerId()).writeString(r.reason());
        writeCause(r.cause(), out);
        return out;
    }

    private static RefundIntent readRefund(CompactReader in) {
        return new RefundIntent(in.readString(), in.readUuid(), in.readUuid(), in.readString(),
                Math.toIntExact(in.readLong()), in.readInstant(), readAmount(in), in.readString(), in.readString(),
                readCause(in));
    }

    private static CompactWriter writeReceipt(Payment.Receipt r, CompactWriter out) {
        out.writeString(r.paymentId()).writeUuid(r.chargeKey()).writeString(r.gatewayReference());
        writeAmount(r.amount(), out);
        return out.writeString(r.customerId()).writeInstant(r.takenAt());
    }

    private static Payment.Receipt readReceipt(CompactReader in) {
        return new Payment.Receipt(in.readString(), in.readUuid(), in.readString(), readAmount(in), in.readString(),
                in.readInstant());
    }

    private static void writeAmount(Amount amount, CompactWriter out) {
        out.writeLong(amount.minor()).writeString(amount.currency());
    }

    private static Amount readAmount(CompactReader in) {
        return new Amount(in.readLong(), in.readString());
    }

    private static void writeCause(Cause cause, CompactWriter out) {
        out.writeUuid(cause.eventId()).writeString(cause.correlationId()).writeInstant(cause.occurredAt())
                .writeString(cause.producer());
    }

    private static Cause readCause(CompactReader in) {
        return new Cause(in.readUuid(), in.readString(), in.readInstant(), in.readString());
    }
}
