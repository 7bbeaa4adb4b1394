package com.musiccorp.warehouse.stream;

import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockReceived;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.BeforeCommitStore;
import com.musiccorp.platform.streams.CommitPromptly;
import com.musiccorp.platform.streams.DueTimeIndex;
import com.musiccorp.platform.streams.step.Calling;
import com.musiccorp.platform.streams.compact.CompactSerde;
import com.musiccorp.platform.streams.step.Punctuations;
import com.musiccorp.warehouse.domain.Carrier;
import com.musiccorp.warehouse.domain.DispatchPolicy;
import com.musiccorp.warehouse.domain.FulfilmentInput;
import com.musiccorp.warehouse.domain.LineAnswer;
import com.musiccorp.warehouse.domain.LineRequest;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.OrderFulfilmentDecider;
import com.musiccorp.warehouse.domain.SkuStock;
import com.musiccorp.warehouse.domain.StockEvent;
import com.musiccorp.warehouse.domain.StockInput;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The warehouse context on Kafka Streams: two aggregates on two keys, each decided by one platform
 * step ({@link OrderFulfilmentStep}, {@link SkuStockStep}: decide, evolve, store, forward), talking
 * through explicitly named repartition topics.
 *
 * <pre>
 * orders.events, payments.events,
 * warehouse.commands (JSON) ────────► decide-fulfilment ──────────┬─► warehouse.events (by order id)
 *   (+ due dispatches → carrier, off the stream thread → answer)   └─► line-requests (by SKU;
 *                                                                       a reservation committed promptly)
 * warehouse.stock ─► skip-counted-stock ─┐
 *                      line-requests ────┴─► decide-stock ─┬─► line-answers (by order id)
 *   (+ wall-clock: forget expired receipt ids)             ├─► warehouse.events (a one-line order's StockReserved)
 *                                                          └─► remember-counted-stock
 * line-answers ─► decide-fulfilment-on-answers ──────────────────┬─► warehouse.events
 *                                                                └─► line-releases (by SKU)
 * line-releases ─► decide-stock-on-releases (answers nothing)
 * </pre>
 *
 * <p>{@code decide-fulfilment*} share {@code fulfilment-store} (order id → OrderFulfilment) and its
 * dispatch attempts waiting, by due time, in {@code dispatch-due-store} ({@link CarrierCalls}),
 * {@code decide-stock*} share {@code sku-stock-store} (SKU → SkuStock); both state stores are cached,
 * so a key written several times within a commit interval reaches RocksDB and its changelog once.
 * Each receipt or correction is counted once by its id: {@link SkipCountedStock} skips one counted
 * already, {@link RememberCountedStock} records what the step applied, in the same task and
 * transaction ({@link CountedStockInputs}). The loop order → SKU → order cannot be drawn with
 * {@code repartition()} alone (a stream must exist before it is used), so what is decided on an
 * answer goes its own way, {@code line-releases}: that is only ever ReleaseLine or ShipLine,
 * which no SKU answers, so the graph ends there. Each side decides one key at a time, so two orders can never
 * both take a SKU's last unit. Internal records and store values are JSON ({@link WarehouseJson});
 * public events stay Avro.
 *
 * <p>Nothing is dropped unseen: an event type the catalog does not list for its topic
 * ({@link ExpectedEvents}), a command that cannot be read, a receipt or correction the stock refuses
 * ({@link StockInputRefused}) or a record under the wrong key throws, and the processing exception
 * handler (platform StreamsSettings) dead-letters it to {@code warehouse.dlq} with the reason.
 */
public final class WarehouseTopology {

    /** Order id → {@link OrderFulfilment}. */
    public static final String FULFILMENT_STORE = "fulfilment-store";
    /** Due time|order id → order id: the dispatch attempts waiting, by due time ({@link CarrierCalls}). */
    public static final String DISPATCH_DUE_STORE = "dispatch-due-store";
    /** SKU → {@link SkuStock} without its holds (counts, hold totals): what {@code GET /stock/{sku}} reads, with the holds. */
    public static final String SKU_STOCK_STORE = "sku-stock-store";
    /** Each order's hold of a SKU, {@code <sku>|<order id>}: {@link SkuStockStorage}. */
    public static final String SKU_HOLDS_STORE = "sku-holds-store";
    /** {@code <sku>|receipt:<id>} (or {@code adjustment:<id>}) → event time: what was counted ({@link CountedStockInputs}). */
    public static final String COUNTED_STOCK_STORE = "counted-stock-store";
    /** Expiry|counted key → counted key: when each counted id may be forgotten. */
    public static final String COUNTED_STOCK_EXPIRY_STORE = "counted-stock-expiry-store";
    /** Repartition topic names (the application id is prefixed, "-repartition" suffixed). */
    public static final String LINE_REQUESTS = "line-requests";
    public static final String LINE_ANSWERS = "line-answers";
    /** Requests decided on an answer (ReleaseLine): never answered, so they need no way back. */
    public static final String LINE_RELEASES = "line-releases";

    /** What the order side reads of other contexts (the SKU's answers come through line-answers). */
    public static final List<String> ORDER_INPUT_TOPICS = List.of(TopicCatalog.ORDERS_EVENTS,
            TopicCatalog.PAYMENTS_EVENTS);

    private WarehouseTopology() {
    }

    /**
     * How the order side dispatches: the decider's back-off policy, the carrier it books (on
     * {@code callers}), how often (wall clock) it looks for attempts due later (a back-off) or left
     * unanswered (an attempt due when decided is booked at once), and the clock that stamps the
     * carrier's answers (their events' time, from which a back-off runs).
     */
    public record Dispatching(DispatchPolicy policy, Carrier carrier, Duration checkEvery, Executor callers,
            Clock answers) {

        /** Booking on virtual threads, answers stamped with the system clock. */
        public Dispatching(DispatchPolicy policy, Carrier carrier, Duration checkEvery) {
            this(policy, carrier, checkEvery, Calling.VIRTUAL_THREADS, Clock.systemUTC());
        }

        Calling<FulfilmentInput, OrderFulfilment> calling() {
            return new Calling<>(new CarrierCalls(carrier, answers), DISPATCH_DUE_STORE, checkEvery, callers);
        }
    }

    /**
     * @param receiptIdRetention how long the id of a counted receipt or shelf correction is remembered
     *                           ({@link CountedStockInputs}); one older than this is refused
     */
    public static Topology build(Serde<SpecificRecord> events, Properties streamsProperties, Dispatching dispatching,
            Duration receiptIdRetention) {
        WarehouseJson.install();
        OrderFulfilmentDecider orderDecider = new OrderFulfilmentDecider(dispatching.policy());
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(fulfilmentStore());
        builder.addStateStore(dispatchDueStore());
        builder.addStateStore(skuStockStore());
        builder.addStateStore(skuHoldsStore());
        builder.addStateStore(stringStore(COUNTED_STOCK_STORE));
        builder.addStateStore(stringStore(COUNTED_STOCK_EXPIRY_STORE));

        // An order reacts to other contexts' events and the operators' commands (and books its due
        // dispatches), all keyed by order id and co-partitioned, so one writer decides each order.
        // Commands are read as bytes and decoded in a step, so one that cannot be read is dead-lettered
        // with the reason like any other refused record.
        KStream<String, FulfilmentInput> commands = builder
                .stream(TopicCatalog.WAREHOUSE_COMMANDS, Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("warehouse-commands"))
                .mapValues(WarehouseCommands::read, Named.as("read-command"))
                .mapValues(WarehouseCommand::toInput, Named.as("command-to-fulfilment-input"));
        KStream<String, Object> decidedOnEvents = builder
                .stream(ORDER_INPUT_TOPICS, Consumed.with(Serdes.String(), events).withName("order-events"))
                .processValues(ExpectedEvents::new, Named.as("expected-order-events"))
                .flatMapValues(WarehouseTopology::fulfilmentInputOf, Named.as("to-fulfilment-input"))
                .merge(commands, Named.as("fulfilment-inputs"))
                .process(OrderFulfilmentStep.deciding(orderDecider, dispatching.calling()),
                        Named.as("decide-fulfilment"), FULFILMENT_STORE, DISPATCH_DUE_STORE);
        // A reservation's SKU answers it in this thread, so it is committed at once, not at the thread's next commit.
        KStream<String, LineRequest> requests = routeDecisions(decidedOnEvents, events, "events")
                .process(CommitPromptly.when(request -> request instanceof LineRequest.ReserveLine, streamsProperties),
                        Named.as("commit-reservations-promptly"));

        // Each SKU counts goods in and shelf corrections once, by their ids, and answers the orders'
        // requests, keyed by SKU; what it applied is remembered as counted in the same transaction.
        Map<String, KStream<String, Object>> decidedOnStock = builder
                .stream(TopicCatalog.WAREHOUSE_STOCK, Consumed.with(Serdes.String(), events).withName("stock-events"))
                .processValues(ExpectedEvents::new, Named.as("expected-stock-events"))
                .mapValues(WarehouseTopology::stockInputOf, Named.as("to-stock-input"))
                .processValues(() -> new SkipCountedStock(receiptIdRetention), Named.as("skip-counted-stock"),
                        COUNTED_STOCK_STORE, COUNTED_STOCK_EXPIRY_STORE)
                .merge(requests.repartition(Repartitioned.<String, LineRequest>as(LINE_REQUESTS)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(lineRequestSerde())
                                .withNumberOfPartitions(TopicCatalog.SKU_PARTITIONS))
                        .mapValues(request -> (StockInput) request, Named.as("request-as-stock-input")),
                        Named.as("stock-inputs"))
                .process(SkuStockStep.deciding(new ForgetExpiredCounts(receiptIdRetention)), Named.as("decide-stock"),
                        SKU_STOCK_STORE, SKU_HOLDS_STORE, COUNTED_STOCK_STORE, COUNTED_STOCK_EXPIRY_STORE)
                .split(Named.as("decided-on-stock-"))
                .branch((key, fact) -> fact instanceof LineAnswer, Branched.as("answers"))
                .branch((key, fact) -> fact instanceof SpecificRecord, Branched.as("published"))
                .defaultBranch(Branched.as("counted"));
        // An order of one line is reserved by its SKU, in the step that held the units (LineRequest.ReserveLine).
        decidedOnStock.get("decided-on-stock-published")
                .mapValues(event -> (SpecificRecord) event, Named.as("published-event-on-stock"))
                .to(TopicCatalog.WAREHOUSE_EVENTS, Produced.with(Serdes.String(), events)
                        .withName("warehouse-events-sink-on-stock"));
        decidedOnStock.get("decided-on-stock-counted")
                .mapValues(fact -> (StockEvent) fact, Named.as("counted-stock-fact"))
                .processValues(() -> new RememberCountedStock(receiptIdRetention), Named.as("remember-counted-stock"),
                        COUNTED_STOCK_STORE, COUNTED_STOCK_EXPIRY_STORE);

        // The SKUs' answers come back to their orders, by order id, into the same store.
        KStream<String, Object> decidedOnAnswers = decidedOnStock.get("decided-on-stock-answers")
                .mapValues(fact -> (LineAnswer) fact, Named.as("answer-to-order"))
                .repartition(Repartitioned.<String, LineAnswer>as(LINE_ANSWERS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(lineAnswerSerde())
                        .withNumberOfPartitions(TopicCatalog.ORDER_PARTITIONS))
                .process(OrderFulfilmentStep.deciding(orderDecider, dispatching.calling()),
                        Named.as("decide-fulfilment-on-answers"), FULFILMENT_STORE, DISPATCH_DUE_STORE);

        // What an answer leads to asks nothing back (ReleaseLine, ShipLine): a third, answer-less loop.
        routeDecisions(decidedOnAnswers, events, "answers")
                .repartition(Repartitioned.<String, LineRequest>as(LINE_RELEASES)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(lineRequestSerde())
                        .withNumberOfPartitions(TopicCatalog.SKU_PARTITIONS))
                .process(SkuStockStep.deciding(Punctuations.none()), Named.as("decide-stock-on-releases"),
                        SKU_STOCK_STORE, SKU_HOLDS_STORE);
        return builder.build(streamsProperties);
    }

    /** Published events to warehouse.events (keyed by order id); returns the line requests, keyed by SKU. */
    private static KStream<String, LineRequest> routeDecisions(KStream<String, Object> decided,
            Serde<SpecificRecord> events, String from) {
        Map<String, KStream<String, Object>> routes = decided.split(Named.as("route-on-" + from + "-"))
                .branch((key, output) -> output instanceof SpecificRecord, Branched.as("published"))
                .branch((key, output) -> output instanceof LineRequest, Branched.as("requests"))
                .noDefaultBranch();
        routes.get("route-on-" + from + "-published")
                .mapValues(event -> (SpecificRecord) event, Named.as("published-event-on-" + from))
                .to(TopicCatalog.WAREHOUSE_EVENTS, Produced.with(Serdes.String(), events)
                        .withName("warehouse-events-sink-on-" + from));
        return routes.get("route-on-" + from + "-requests")
                .mapValues(request -> (LineRequest) request, Named.as("request-on-" + from));
    }

    static List<FulfilmentInput> fulfilmentInputOf(SpecificRecord event) {
        return switch (event) {
            case OrderPlaced placed -> List.of(new FulfilmentInput.OnOrderPlaced(placed));
            case PaymentTaken taken -> List.of(new FulfilmentInput.OnPaymentTaken(taken));
            case PaymentFailed failed -> List.of(new FulfilmentInput.OnPaymentFailed(failed));
            case OrderCancelled cancelled -> List.of(new FulfilmentInput.OnOrderCancelled(cancelled));
            // The rest of what the catalog lists for these topics is none of the warehouse's business
            // (ExpectedEvents dead-lettered anything the catalog does not list).
            case null, default -> List.of();
        };
    }

    /** Only ever StockReceived or StockAdjusted: {@link ExpectedEvents} dead-lettered anything else. */
    static StockInput stockInputOf(SpecificRecord event) {
        return switch (event) {
            case StockReceived received -> new StockInput.Receive(received);
            case StockAdjusted adjusted -> new StockInput.Adjust(adjusted);
            case null, default -> throw new ExpectedEvents.UnexpectedEvent(TopicCatalog.WAREHOUSE_STOCK
                    + " carries StockReceived and StockAdjusted only");
        };
    }

    /** Cached; the carrier's answers that came are decided right before each commit ({@link BeforeCommitStore}). */
    static StoreBuilder<KeyValueStore<String, OrderFulfilment>> fulfilmentStore() {
        return BeforeCommitStore.builder(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FULFILMENT_STORE),
                Serdes.String(), fulfilmentSerde()).withCachingEnabled());
    }

    /** Derived from the fulfilments whenever a task starts, so in memory, without a changelog ({@link DueTimeIndex#storeBuilder}). */
    static StoreBuilder<KeyValueStore<String, String>> dispatchDueStore() {
        return DueTimeIndex.storeBuilder(DISPATCH_DUE_STORE);
    }

    /** Changelogged, and written in the same task and transaction as the stock. */
    static StoreBuilder<KeyValueStore<String, String>> stringStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String());
    }

    static StoreBuilder<KeyValueStore<String, SkuStock>> skuStockStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SKU_STOCK_STORE), Serdes.String(),
                skuStockSerde()).withCachingEnabled();
    }

    static StoreBuilder<KeyValueStore<String, SkuStock.Hold>> skuHoldsStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SKU_HOLDS_STORE), Serdes.String(),
                holdSerde()).withCachingEnabled();
    }

    /** {@code fulfilment-store}'s values: compact; a value of the JSON (Smile) format it had before still reads. */
    public static CompactSerde<OrderFulfilment> fulfilmentSerde() {
        return new CompactSerde<>(new OrderFulfilmentCodec(), WarehouseJson.serde(OrderFulfilment.class));
    }

    /** The line requests' repartition topics: compact; a record of the JSON format written before an upgrade still reads. */
    static CompactSerde<LineRequest> lineRequestSerde() {
        return new CompactSerde<>(new LineRequestCodec(), WarehouseJson.serde(LineRequest.class));
    }

    /** The line answers' repartition topic, likewise. */
    static CompactSerde<LineAnswer> lineAnswerSerde() {
        return new CompactSerde<>(new LineAnswerCodec(), WarehouseJson.serde(LineAnswer.class));
    }

    /** {@code sku-stock-store}'s values: compact; a value of the JSON format it had before still reads (its holds inside). */
    public static CompactSerde<SkuStock> skuStockSerde() {
        return new CompactSerde<>(new SkuStockCodec(), WarehouseJson.serde(SkuStock.class));
    }

    /** {@code sku-holds-store}'s values: compact (the store has had no other format; JSON would read). */
    public static CompactSerde<SkuStock.Hold> holdSerde() {
        return new CompactSerde<>(new HoldCodec(), WarehouseJson.serde(SkuStock.Hold.class));
    }
}
