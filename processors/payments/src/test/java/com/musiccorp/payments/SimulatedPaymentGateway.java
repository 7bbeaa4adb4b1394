package com.musiccorp.payments;

import com.musiccorp.payments.domain.ChargeOutcome;
import com.musiccorp.payments.domain.ChargeRequest;
import com.musiccorp.payments.domain.LookupOutcome;
import com.musiccorp.payments.domain.PaymentGateway;
import com.musiccorp.payments.domain.RefundOutcome;
import com.musiccorp.payments.domain.RefundRequest;
import com.musiccorp.gateway.ChargeCall;
import com.musiccorp.gateway.GatewaySimulator;
import com.musiccorp.gateway.RefundCall;

/**
 * The payment port served in-process by the simulator's rules (no HTTP, no sleeping): what the
 * HTTP client adapter will do, minus the network. Topology tests can use it too.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {

    private final GatewaySimulator simulator;
    private int charges;

    public SimulatedPaymentGateway(GatewaySimulator simulator) {
        this.simulator = simulator;
    }

    /** How many charge calls reached the gateway, first or repeated. */
    public int chargeCalls() {
        return charges;
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        charges++;
        var reply = simulator.charge(new ChargeCall(request.idempotencyKey().toString(), request.orderId(),
                request.customerId(), request.amount().minor(), request.amount().currency(),
                request.paymentMethodToken()));
        return switch (reply.status()) {
            case APPROVED -> new ChargeOutcome.Approved(reply.reference());
            case DECLINED -> new ChargeOutcome.Declined(reply.message(), ChargeOutcome.DeclineCode.DECLINED);
            case LIMIT_EXCEEDED -> new ChargeOutcome.Declined(reply.message(), ChargeOutcome.DeclineCode.LIMIT_EXCEEDED);
            case TRANSIENT_FAILURE -> new ChargeOutcome.Transient(reply.message());
            // A key clash means our key derivation is broken: never retry it into a charge.
            case IDEMPOTENCY_CONFLICT, VOIDED -> new ChargeOutcome.Declined(reply.message(), ChargeOutcome.DeclineCode.DECLINED);
        };
    }

    @Override
    public LookupOutcome lookup(java.util.UUID chargeKey) {
        return simulator.lookup(chargeKey.toString()).<LookupOutcome>map(entry -> switch (entry.reply().status()) {
            case APPROVED -> new LookupOutcome.Captured(entry.reply().reference());
            case LIMIT_EXCEEDED -> new LookupOutcome.Refused(entry.reply().message(), ChargeOutcome.DeclineCode.LIMIT_EXCEEDED);
            default -> new LookupOutcome.Refused(entry.reply().message(), ChargeOutcome.DeclineCode.DECLINED);
        }).orElseGet(() -> new LookupOutcome.NotFound("no charge with key " + chargeKey));
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        var reply = simulator.refund(new RefundCall(request.idempotencyKey().toString(),
                request.chargeKey().toString(), request.reason()));
        return switch (reply.status()) {
            case REFUNDED -> new RefundOutcome.Refunded(reply.reference());
            case REFUSED, IDEMPOTENCY_CONFLICT -> new RefundOutcome.Refused(reply.message());
        };
    }
}
