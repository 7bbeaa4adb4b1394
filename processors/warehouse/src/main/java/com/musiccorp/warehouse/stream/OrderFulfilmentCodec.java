package com.musiccorp.warehouse.stream;

import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockShortfall;
import com.musiccorp.platform.streams.compact.CompactCodec;
import com.musiccorp.platform.streams.compact.CompactReader;
import com.musiccorp.platform.streams.compact.CompactWriter;
import com.musiccorp.warehouse.domain.LineAnswer;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.OrderFulfilment.AwaitingLines;
import com.musiccorp.warehouse.domain.OrderFulfilment.DelayedDispatch;
import com.musiccorp.warehouse.domain.OrderFulfilment.Dispatched;
import com.musiccorp.warehouse.domain.OrderFulfilment.FailedDispatch;
import com.musiccorp.warehouse.domain.OrderFulfilment.Insufficient;
import com.musiccorp.warehouse.domain.OrderFulfilment.New;
import com.musiccorp.warehouse.domain.OrderFulfilment.Packed;
import com.musiccorp.warehouse.domain.OrderFulfilment.Packing;
import com.musiccorp.warehouse.domain.OrderFulfilment.Released;
import com.musiccorp.warehouse.domain.OrderFulfilment.Reserved;
import com.musiccorp.warehouse.domain.OrderFulfilment.Stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.musiccorp.platform.streams.compact.EventFields.readMetadata;
import static com.musiccorp.platform.streams.compact.EventFields.readRecord;
import static com.musiccorp.platform.streams.compact.EventFields.writeMetadata;
import static com.musiccorp.platform.streams.compact.EventFields.writeRecord;

/**
 * An order's fulfilment in {@code fulfilment-store}, compact, written on every input of the order:
 * its id, the stage (a kind byte, the order as placed in Avro's binary form, then the stage's
 * fields), the ids of its last inputs and of its operator retries. Layout 2 adds the units a shelf
 * count found missing to the stages before payment; a value of layout 1 has none.
 */
final class OrderFulfilmentCodec implements CompactCodec<OrderFulfilment> {

    private static final int NEW = 1, AWAITING_LINES = 2, RESERVED = 3, INSUFFICIENT = 4, PACKING = 5, PACKED = 6,
            DELAYED_DISPATCH = 7, FAILED_DISPATCH = 8, DISPATCHED = 9, RELEASED = 10;

    @Override
    public int version() {
        return 2;
    }

    @Override
    public int expectedSize() {
        return 1024;
    }

    @Override
    public void write(OrderFulfilment f, CompactWriter out) {
        out.writeString(f.orderId());
        writeStage(f.stage(), out);
        writeIds(f.handledInputs(), out);
        writeIds(f.operatorRetries(), out);
    }

    @Override
    public OrderFulfilment read(CompactReader in, int version) {
        return new OrderFulfilment(in.readString(), readStage(in, version), readIds(in), readIds(in));
    }

    private static void writeStage(Stage stage, CompactWriter out) {
        switch (stage) {
            case New ignored -> out.writeByte(NEW);
            case AwaitingLines s -> {
                order(out, AWAITING_LINES, s.order()).writeCount(s.answers().size());
                s.answers().forEach((line, answer) -> {
                    out.writeLong(line);
                    LineAnswerCodec.writeAnswer(answer, out);
                });
                writeMissing(s.missing(), out);
            }
            case Reserved s -> writeMissing(s.missing(), order(out, RESERVED, s.order()));
            case Insufficient s -> {
                order(out, INSUFFICIENT, s.order()).writeCount(s.shortLines().size());
                s.shortLines().forEach(shortfall -> writeRecord(shortfall, out));
            }
            case Packing s -> {
                order(out, PACKING, s.order()).writeString(s.paymentId()).writeString(s.paidBy())
                        .writeCount(s.picks().size());
                s.picks().forEach((sku, pick) -> {
                    out.writeString(sku);
                    LineAnswerCodec.writeAnswer(pick, out);
                });
            }
            case Packed s -> writeMetadata(s.packedBy(), order(out, PACKED, s.order()).writeString(s.packageId()));
            case DelayedDispatch s -> {
                order(out, DELAYED_DISPATCH, s.order()).writeString(s.packageId()).writeLong(s.failedAttempts())
                        .writeInstant(s.nextAttemptAt()).writeString(s.reason());
                writeMetadata(s.scheduledBy(), out);
                out.writeLong(s.extraAttempts());
            }
            case FailedDispatch s -> order(out, FAILED_DISPATCH, s.order()).writeString(s.packageId())
                    .writeLong(s.attempts()).writeString(s.reason()).writeLong(s.extraAttempts());
            case Dispatched s -> order(out, DISPATCHED, s.order()).writeString(s.carrier()).writeString(s.trackingNumber())
                    .writeLong(s.attempts());
            case Released s -> order(out, RELEASED, s.order()).writeString(s.reason());
        }
    }

    private static Stage readStage(CompactReader in, int version) {
        int kind = in.readByte();
        if (kind == NEW) {
            return new New();
        }
        OrderPlaced order = readRecord(OrderPlaced.class, in);
        return switch (kind) {
            case AWAITING_LINES -> {
                int size = in.readCount();
                Map<Integer, LineAnswer> answers = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) answers.put(Math.toIntExact(in.readLong()), LineAnswerCodec.readAnswer(in));
                yield new AwaitingLines(order, answers, readMissing(in, version));
            }
            case RESERVED -> new Reserved(order, readMissing(in, version));
            case INSUFFICIENT -> {
                int size = in.readCount();
                List<StockShortfall> shortLines = new ArrayList<>(size);
                for (int i = 0; i < size; i++) shortLines.add(readRecord(StockShortfall.class, in));
                yield new Insufficient(order, shortLines);
            }
            case PACKING -> {
                String paymentId = in.readString();
                String paidBy = in.readString();
                int size = in.readCount();
                Map<String, LineAnswer.LinePicked> picks = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    String sku = in.readString();
                    if (!(LineAnswerCodec.readAnswer(in) instanceof LineAnswer.LinePicked pick)) {
                        throw new IllegalArgumentException("a pick of " + sku + " that is not a LinePicked");
                    }
                    picks.put(sku, pick);
                }
                yield new Packing(order, paymentId, paidBy, picks);
            }
            case PACKED -> new Packed(order, in.readString(), readMetadata(in));
            case DELAYED_DISPATCH -> new DelayedDispatch(order, in.readString(), Math.toIntExact(in.readLong()),
                    in.readInstant(), in.readString(), readMetadata(in), Math.toIntExact(in.readLong()));
            case FAILED_DISPATCH -> new FailedDispatch(order, in.readString(), Math.toIntExact(in.readLong()),
                    in.readString(), Math.toIntExact(in.readLong()));
            case DISPATCHED -> new Dispatched(order, in.readString(), in.readString(), Math.toIntExact(in.readLong()));
            case RELEASED -> new Released(order, in.readString());
            default -> throw new IllegalArgumentException("not a fulfilment stage: kind " + kind);
        };
    }

    /** The stage's kind and the order as placed, which every stage after NEW keeps. */
    private static CompactWriter order(CompactWriter out, int kind, OrderPlaced order) {
        out.writeByte(kind);
        writeRecord(order, out);
        return out;
    }

    private static void writeMissing(Map<String, Integer> missing, CompactWriter out) {
        out.writeCount(missing.size());
        missing.forEach((sku, units) -> out.writeString(sku).writeLong(units));
    }

    private static Map<String, Integer> readMissing(CompactReader in, int version) {
        Map<String, Integer> missing = new LinkedHashMap<>();
        int size = version >= 2 ? in.readCount() : 0;
        for (int i = 0; i < size; i++) missing.put(in.readString(), Math.toIntExact(in.readLong()));
        return missing;
    }

    private static void writeIds(List<UUID> ids, CompactWriter out) {
        out.writeCount(ids.size());
        ids.forEach(out::writeUuid);
    }

    private static List<UUID> readIds(CompactReader in) {
        int size = in.readCount();
        List<UUID> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) ids.add(in.readUuid());
        return ids;
    }
}
