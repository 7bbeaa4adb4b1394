package com.musiccorp.loyalty.stream;

import com.musiccorp.loyalty.domain.OrderPoints;
import com.musiccorp.loyalty.domain.OrderTerms;
import com.musiccorp.platform.streams.compact.CompactCodec;
import com.musiccorp.platform.streams.compact.CompactReader;
import com.musiccorp.platform.streams.compact.CompactWriter;

/**
 * An order's points in {@code order-points-store}, compact (layout 1): its id, its terms if known,
 * its stage by label with the stage's own fields, and the input ids it has seen.
 */
final class OrderPointsCodec implements CompactCodec<OrderPoints> {

    private static final CreditPointsCodec CREDITS = new CreditPointsCodec();

    @Override
    public void write(OrderPoints points, CompactWriter out) {
        out.writeString(points.orderId());
        if (out.writePresence(points.terms())) {
            out.writeString(points.terms().customerId());
            CreditPointsCodec.writeAmount(points.terms().total(), out);
        }
        OrderPoints.Stage stage = points.stage();
        out.writeString(stage.label());
        switch (stage) {
            case OrderPoints.Stage.DispatchedBeforeOrder early -> CreditPointsCodec.writeCause(early.dispatch(), out);
            case OrderPoints.Stage.Credited credited -> CREDITS.write(credited.credit(), out);
            case OrderPoints.Stage.New n -> { }
            case OrderPoints.Stage.AwaitingDispatch a -> { }
        }
        out.writeList(points.seen(), (id, w) -> w.writeUuid(id));
    }

    @Override
    public OrderPoints read(CompactReader in, int version) {
        String orderId = in.readString();
        OrderTerms terms = in.readPresence() ? new OrderTerms(in.readString(), CreditPointsCodec.readAmount(in)) : null;
        String label = in.readString();
        OrderPoints.Stage stage = switch (label) {
            case "NEW" -> new OrderPoints.Stage.New();
            case "AWAITING_DISPATCH" -> new OrderPoints.Stage.AwaitingDispatch();
            case "DISPATCHED_BEFORE_ORDER" -> new OrderPoints.Stage.DispatchedBeforeOrder(CreditPointsCodec.readCause(in));
            case "CREDITED" -> new OrderPoints.Stage.Credited(CREDITS.read(in, 1));
            default -> throw new IllegalArgumentException("an order-points stage named " + label);
        };
        return new OrderPoints(orderId, terms, stage, in.readList(CompactReader::readUuid));
    }
}
