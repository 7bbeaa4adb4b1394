package com.musiccorp.warehouse.domain;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.EventRejected;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PackedLine;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockRelease;
import com.musiccorp.events.StockReleased;
import com.musiccorp.events.StockReservation;
import com.musiccorp.events.StockReserved;
import com.musiccorp.events.StockShortfall;
import com.musiccorp.platform.decider.Decider;
import com.musiccorp.schemas.Causation;
import com.musiccorp.schemas.ContractLimits;
import com.musiccorp.warehouse.domain.FulfilmentEvent.AnswerRecorded;
import com.musiccorp.warehouse.domain.FulfilmentEvent.DispatchRetryRequested;
import com.musiccorp.warehouse.domain.FulfilmentEvent.FulfilmentOpened;
import com.musiccorp.warehouse.domain.FulfilmentEvent.Published;
import com.musiccorp.warehouse.domain.FulfilmentEvent.ReservedBySku;
import com.musiccorp.warehouse.domain.FulfilmentInput.CarrierAnswered;
import com.musiccorp.warehouse.domain.FulfilmentInput.OnOrderCancelled;
import com.musiccorp.warehouse.domain.FulfilmentInput.OnOrderPlaced;
import com.musiccorp.warehouse.domain.FulfilmentInput.OnPaymentFailed;
import com.musiccorp.warehouse.domain.FulfilmentInput.OnPaymentTaken;
import com.musiccorp.warehouse.domain.FulfilmentInput.RetryDispatch;
import com.musiccorp.warehouse.domain.LineAnswer.LineMissing;
import com.musiccorp.warehouse.domain.LineAnswer.LinePicked;
import com.musiccorp.warehouse.domain.LineAnswer.LineReserved;
import com.musiccorp.warehouse.domain.LineAnswer.LineShort;
import com.musiccorp.warehouse.domain.LineRequest.PackLine;
import com.musiccorp.warehouse.domain.LineRequest.PickLine;
import com.musiccorp.warehouse.domain.LineRequest.ReleaseLine;
import com.musiccorp.warehouse.domain.LineRequest.ReserveLine;
import com.musiccorp.warehouse.domain.LineRequest.ShipLine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.musiccorp.warehouse.domain.Fixtures.T0;
import static com.musiccorp.warehouse.domain.Fixtures.line;
import static com.musiccorp.warehouse.domain.Fixtures.orderPlaced;
import static com.musiccorp.warehouse.domain.Fixtures.paymentFailed;
import static com.musiccorp.warehouse.domain.Fixtures.paymentTaken;
import static com.musiccorp.warehouse.domain.FulfilmentStatus.AWAITING_LINES;
import static com.musiccorp.warehouse.domain.FulfilmentStatus.DISPATCHED;
import static com.musiccorp.warehouse.domain.FulfilmentStatus.DISPATCH_DELAYED;
import static com.musiccorp.warehouse.domain.FulfilmentStatus.DISPATCH_FAILED;
import static com.musiccorp.warehouse.domain.FulfilmentStatus.INSUFFICIENT;
import static com.musiccorp.warehouse.domain.FulfilmentStatus.NEW;
import static com.musiccorp.warehouse.domain.FulfilmentStatus.PACKED;
import static com.musiccorp.warehouse.domain.FulfilmentStatus.RELEASED;
import static com.musiccorp.warehouse.domain.FulfilmentStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;

class OrderFulfilmentDeciderTest {
    private static final String ORDER = "o-1";
    private static final String SAGA = Fixtures.sagaOf(ORDER);
    private static final Instant PAID_AT = T0.plusSeconds(30);
    /** The carrier answers this long after an attempt is due (the answer's time is the carrier's clock). */
    private static final Duration CARRIER_TAKES = Duration.ofMillis(400);
    private static final DispatchPolicy POLICY = new DispatchPolicy(Duration.ofMinutes(1), 3);
    private static final OrderPlaced PLACED = orderPlaced(ORDER, line(1, "A", 2), line(2, "B", 1));
    private static final PaymentTaken PAID = paymentTaken(ORDER, "first", PAID_AT);

    private final Decider<FulfilmentInput, FulfilmentEvent, OrderFulfilment> decider =
            new OrderFulfilmentDecider(POLICY);

    // ---- the SKU side's answers, as SkuStockDecider derives them ----

    private static LineReserved reservedAnswer(ReserveLine request) {
        return new LineReserved(request.orderId(), request.lineNumber(), request.sku(), request.quantity(),
                request.onlyLine(), Causation.causedBy(request.metadata(), "warehouse", "LineReserved", 0, Fixtures.DECIDED_AT));
    }

    private static LineShort shortAnswer(ReserveLine request, int available) {
        return new LineShort(request.orderId(), request.lineNumber(), request.sku(), request.quantity(), available,
                Causation.causedBy(request.metadata(), "warehouse", "LineShort", 0, Fixtures.DECIDED_AT));
    }

    private static LinePicked pickedAnswer(PickLine request, int missing) {
        return new LinePicked(request.orderId(), request.sku(), request.quantity() - missing, missing,
                Causation.causedBy(request.metadata(), "warehouse", "LinePicked", 0, Fixtures.DECIDED_AT));
    }

    private static <T> List<T> ofType(List<FulfilmentEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static EventMetadata warehouse(EventMetadata cause, String type, int index) {
        return Causation.causedBy(cause, "warehouse", type, index, Fixtures.DECIDED_AT);
    }

    /**
     * A published event that gathers internal answers: derived from the answer that completed it,
     * caused by the published fact the warehouse was answering (OrderPlaced, PaymentTaken).
     */
    private static EventMetadata gathered(EventMetadata answer, String type, int index, EventMetadata publishedCause) {
        return EventMetadata.newBuilder(warehouse(answer, type, index))
                .setCausationId(publishedCause.getEventId().toString()).build();
    }

    /** A carrier answer's event: derived from the answer, caused by the published fact that scheduled the attempt. */
    private static EventMetadata answered(CarrierAnswered answer, OrderFulfilment scheduled, String type) {
        EventMetadata scheduledBy = switch (scheduled.stage()) {
            case OrderFulfilment.Packed packed -> packed.packedBy();
            case OrderFulfilment.DelayedDispatch delayed -> delayed.scheduledBy();
            default -> throw new IllegalStateException("no dispatch attempt is scheduled in " + scheduled.status());
        };
        return EventMetadata.newBuilder(Causation.causedBy(answer.metadata(), "warehouse", type, 0, answer.observedAt()))
                .setCausationId(scheduledBy.getEventId().toString()).build();
    }

    // ---- givens ----

    private Scenario<FulfilmentInput, FulfilmentEvent, OrderFulfilment> givenPlaced() {
        return Scenario.given(decider, new OnOrderPlaced(PLACED));
    }

    private List<ReserveLine> reserveRequests(Scenario<FulfilmentInput, FulfilmentEvent, OrderFulfilment> scenario) {
        return ofType(scenario.history(), ReserveLine.class);
    }

    private Scenario<FulfilmentInput, FulfilmentEvent, OrderFulfilment> givenReserved() {
        var scenario = givenPlaced();
        reserveRequests(scenario).forEach(request -> scenario.apply(reservedAnswer(request)));
        assertThat(scenario.state().status()).isEqualTo(RESERVED);
        return scenario;
    }

    private Scenario<FulfilmentInput, FulfilmentEvent, OrderFulfilment> givenPacked() {
        var scenario = givenReserved();
        scenario.apply(new OnPaymentTaken(PAID));
        assertThat(scenario.state().status()).isEqualTo(PACKED);
        return scenario;
    }

    private static CarrierAnswered noCapacity(DispatchRequest request) {
        return request.bookWith((key, orderId, address, attempt) -> DispatchResult.noCapacity("no van, attempt " + attempt),
                carrierClock(request));
    }

    private static CarrierAnswered booked(DispatchRequest request) {
        return request.bookWith((key, orderId, address, attempt) -> DispatchResult.booked("Royal Mail", "RM" + attempt),
                carrierClock(request));
    }

    /** The carrier's clock when it answers {@code request}: {@link #CARRIER_TAKES} after the attempt was due. */
    private static java.time.Clock carrierClock(DispatchRequest request) {
        return java.time.Clock.fixed(request.dueAt().plus(CARRIER_TAKES), java.time.ZoneOffset.UTC);
    }

    private static DispatchRequest pending(Scenario<FulfilmentInput, FulfilmentEvent, OrderFulfilment> scenario) {
        return OrderFulfilmentDecider.pendingDispatch(scenario.state()).orElseThrow();
    }

    private Scenario<FulfilmentInput, FulfilmentEvent, OrderFulfilment> givenDispatchFailed() {
        var scenario = givenPacked();
        for (int attempt = 1; attempt <= POLICY.maxAttempts(); attempt++) {
            scenario.apply(noCapacity(pending(scenario)));
        }
        assertThat(scenario.state().status()).isEqualTo(DISPATCH_FAILED);
        return scenario;
    }

    // ---- reserving ----

    @Test
    void an_order_fans_out_one_reservation_request_per_line() {
        var cause = PLACED.getMetadata();
        var then = Scenario.given(decider).when(new OnOrderPlaced(PLACED)).then(
                new FulfilmentOpened(PLACED, warehouse(cause, "FulfilmentOpened", 0)),
                new ReserveLine(ORDER, 1, "A", 2, false, warehouse(cause, "ReserveLine", 0)),
                new ReserveLine(ORDER, 2, "B", 1, false, warehouse(cause, "ReserveLine", 1)));
        assertThat(then.after().status()).isEqualTo(AWAITING_LINES);
        assertThat(then.after().orderId()).isEqualTo(ORDER);
        var request = (ReserveLine) then.events().get(1);
        assertThat(request.metadata().getOccurredAt()).as("when the warehouse decided, not the order's time")
                .isEqualTo(Fixtures.DECIDED_AT).isNotEqualTo(T0);
        assertThat(request.metadata().getCorrelationId()).isEqualTo(SAGA);
        assertThat(request.metadata().getCausationId()).isEqualTo(cause.getEventId().toString());
    }

    @Test
    void stock_is_reserved_once_every_line_is_held() {
        var scenario = givenPlaced();
        var requests = reserveRequests(scenario);
        var first = reservedAnswer(requests.get(0));
        scenario.when(first).then(new AnswerRecorded(first));
        assertThat(scenario.state().status()).isEqualTo(AWAITING_LINES);

        var last = reservedAnswer(requests.get(1));
        var then = scenario.when(last).then(new Published(StockReserved.newBuilder()
                .setMetadata(gathered(last.metadata(), "StockReserved", 0, PLACED.getMetadata()))
                .setOrderId(ORDER)
                .setReservations(List.of(new StockReservation(1, "A", 2), new StockReservation(2, "B", 1)))
                .setReservedAt(Fixtures.DECIDED_AT)
                .build()));
        assertThat(then.after().status()).isEqualTo(RESERVED);
    }

    @Test
    void an_order_of_one_line_is_reserved_on_its_skus_answer_without_publishing_the_event_again() {
        var placed = orderPlaced(ORDER, line(1, "A", 2));
        var scenario = Scenario.given(decider);
        var request = (ReserveLine) scenario.apply(new OnOrderPlaced(placed)).get(1);
        assertThat(request.onlyLine()).isTrue();

        // What the SKU decides on it: the answer and the event it publishes.
        List<StockEvent> decidedBySku = SkuStockDecider.decider().decide(request, SkuStock.initial()
                .withOnHand(5), Fixtures.DECIDED_AT.plusMillis(7));
        var answer = (LineReserved) decidedBySku.get(0);
        StockReserved publishedBySku = ((StockEvent.OrderReserved) decidedBySku.get(1)).event();

        var then = scenario.when(answer).then(new ReservedBySku(publishedBySku));
        assertThat(then.after().status()).isEqualTo(RESERVED);
        // Reserved like an order of several lines: it packs when paid.
        assertThat(scenario.apply(new OnPaymentTaken(paymentTaken(ORDER, "first", PAID_AT))))
                .anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(Published.class,
                        p -> assertThat(p.event()).isInstanceOf(OrderPackaged.class)));
    }

    /** A one-line order placed, its request, and what its SKU decides on it (the answer, then the event it publishes). */
    private record OneLineOrder(Scenario<FulfilmentInput, FulfilmentEvent, OrderFulfilment> scenario,
            LineReserved answer, StockReserved publishedBySku) {
        static OneLineOrder placed(Decider<FulfilmentInput, FulfilmentEvent, OrderFulfilment> decider) {
            var scenario = Scenario.given(decider);
            var request = (ReserveLine) scenario.apply(new OnOrderPlaced(orderPlaced(ORDER, line(1, "A", 2)))).get(1);
            List<StockEvent> bySku = SkuStockDecider.decider().decide(request, SkuStock.initial().withOnHand(5),
                    Fixtures.DECIDED_AT.plusMillis(7));
            return new OneLineOrder(scenario, (LineReserved) bySku.get(0), ((StockEvent.OrderReserved) bySku.get(1)).event());
        }

        EventMetadata causedByTheReservation(EventMetadata payment) {
            return EventMetadata.newBuilder(payment).setCausationId(publishedBySku.getMetadata().getEventId().toString()).build();
        }
    }

    @Test
    void a_payment_for_the_reservation_a_skus_published_that_overtakes_its_answer_packs_the_order() {
        var order = OneLineOrder.placed(decider);
        PaymentTaken paid = paymentTaken(ORDER, "first", PAID_AT);
        paid.setMetadata(order.causedByTheReservation(paid.getMetadata()));

        assertThat(order.scenario().apply(new OnPaymentTaken(paid)))
                .anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(Published.class,
                        p -> assertThat(p.event()).isInstanceOf(OrderPackaged.class)))
                .anySatisfy(event -> assertThat(event).isInstanceOf(PackLine.class));
        assertThat(order.scenario().state().status()).isEqualTo(PACKED);
        // The answer, when it comes, finds the order packed: nothing more.
        order.scenario().when(order.answer()).thenNothing();
        assertThat(order.scenario().state().status()).isEqualTo(PACKED);
    }

    @Test
    void a_failed_payment_for_the_reservation_a_skus_published_that_overtakes_its_answer_releases_it() {
        var order = OneLineOrder.placed(decider);
        PaymentFailed failed = paymentFailed(ORDER, PAID_AT);
        failed.setMetadata(order.causedByTheReservation(failed.getMetadata()));

        assertThat(order.scenario().apply(new OnPaymentFailed(failed)))
                .anySatisfy(event -> assertThat(event).isInstanceOf(ReleaseLine.class))
                .anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(Published.class,
                        p -> assertThat(p.event()).isInstanceOf(StockReleased.class)));
        assertThat(order.scenario().state().status()).isEqualTo(RELEASED);
        order.scenario().when(order.answer()).thenNothing();
    }

    @Test
    void a_payment_naming_another_cause_before_the_answer_is_still_rejected() {
        var order = OneLineOrder.placed(decider);
        assertThat(order.scenario().apply(new OnPaymentTaken(paymentTaken(ORDER, "first", PAID_AT))))
                .singleElement().isInstanceOfSatisfying(Published.class,
                        p -> assertThat(p.event()).isInstanceOf(EventRejected.class));
        assertThat(order.scenario().state().status()).isEqualTo(AWAITING_LINES);
    }

    @Test
    void an_order_of_one_line_whose_answer_was_not_published_by_its_sku_publishes_its_reservation() {
        // A request written before SKUs published (or an answer from then) is answered unpublished.
        var placed = orderPlaced(ORDER, line(1, "A", 2));
        var scenario = Scenario.given(decider);
        var request = (ReserveLine) scenario.apply(new OnOrderPlaced(placed)).get(1);
        var unpublished = new LineReserved(ORDER, 1, "A", 2, false,
                Causation.causedBy(request.metadata(), "warehouse", "LineReserved", 0, Fixtures.DECIDED_AT));
        assertThat(scenario.apply(unpublished)).singleElement().isInstanceOfSatisfying(Published.class,
                p -> assertThat(p.event()).isInstanceOf(StockReserved.class));
        assertThat(scenario.state().status()).isEqualTo(RESERVED);
    }

    @Test
    void an_order_of_several_lines_asks_no_sku_to_publish() {
        assertThat(reserveRequests(givenPlaced())).hasSize(2).noneMatch(ReserveLine::onlyLine);
    }

    @Test
    void a_short_line_releases_the_held_ones_and_names_every_short_line() {
        var scenario = givenPlaced();
        var requests = reserveRequests(scenario);
        scenario.apply(reservedAnswer(requests.get(0)));
        var lastAnswer = shortAnswer(requests.get(1), 0);
        var then = scenario.when(lastAnswer).then(
                new ReleaseLine(ORDER, "A", "stock insufficient", 0, warehouse(lastAnswer.metadata(), "ReleaseLine", 0)),
                new Published(StockInsufficient.newBuilder()
                        .setMetadata(gathered(lastAnswer.metadata(), "StockInsufficient", 0, PLACED.getMetadata()))
                        .setOrderId(ORDER)
                        .setShortLines(List.of(new StockShortfall(2, "B", 1, 0, 1)))
                        .setLines(PLACED.getLines())
                        .setTotal(PLACED.getTotal())
                        .setCustomerId("cust-1")
                        .setCustomerName("Ada Lovelace")
                        .setCustomerEmail("ada@example.com")
                        .build()));
        assertThat(then.after().status()).isEqualTo(INSUFFICIENT);
    }

    @Test
    void when_every_line_is_short_nothing_needs_releasing() {
        var scenario = givenPlaced();
        var requests = reserveRequests(scenario);
        scenario.apply(shortAnswer(requests.get(1), 0));
        var events = scenario.apply(shortAnswer(requests.get(0), 1));
        assertThat(ofType(events, ReleaseLine.class)).isEmpty();
        var insufficient = (StockInsufficient) ofType(events, Published.class).getFirst().event();
        assertThat(insufficient.getShortLines()).containsExactly(
                new StockShortfall(1, "A", 2, 1, 1), new StockShortfall(2, "B", 1, 0, 1));
    }

    // ---- packing ----

    @Test
    void payment_packs_the_order_at_once_and_tells_every_sku() {
        var cause = PAID.getMetadata();
        var then = givenReserved().when(new OnPaymentTaken(PAID)).then(
                new Published(OrderPackaged.newBuilder()
                        .setMetadata(warehouse(cause, "OrderPackaged", 0))
                        .setOrderId(ORDER)
                        .setPackageId("PKG-" + ORDER)
                        .setLines(List.of(new PackedLine(1, "A", 2), new PackedLine(2, "B", 1)))
                        .setPackedAt(Fixtures.DECIDED_AT)
                        .build()),
                new PackLine(ORDER, "A", 2, warehouse(cause, "PackLine", 0)),
                new PackLine(ORDER, "B", 1, warehouse(cause, "PackLine", 1)));
        assertThat(then.after().status()).isEqualTo(PACKED);
        assertThat(((Published) then.events().getFirst()).metadata().getCausationId())
                .as("the package answers the payment").isEqualTo(cause.getEventId().toString());

        var first = OrderFulfilmentDecider.pendingDispatch(then.after()).orElseThrow();
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.dueAt()).as("due when packed").isEqualTo(Fixtures.DECIDED_AT);
        assertThat(first.address()).isEqualTo(Fixtures.ADDRESS);
        assertThat(first.trigger().getOccurredAt()).isEqualTo(Fixtures.DECIDED_AT);
        assertThat(first.trigger().getCorrelationId()).isEqualTo(SAGA);
    }

    /** ItemNotFound for line 1 of {@link #PLACED}: one of its two units of A is not on the shelf. */
    private static Published oneOfAMissing(EventMetadata metadata) {
        return new Published(ItemNotFound.newBuilder()
                .setMetadata(metadata)
                .setOrderId(ORDER)
                .setSku("A")
                .setLineNumber(1)
                .setMissingQuantity(1)
                .setReason("1 unit(s) of A missing from the shelf when packing")
                .build());
    }

    /** What a SKU tells the order when a shelf count takes {@code units} of its reservation. */
    private static LineMissing missing(String orderId, String sku, int units, String count) {
        return new LineMissing(orderId, sku, units, Fixtures.metadata("warehouse", count, "count-" + count, T0));
    }

    @Test
    void units_a_shelf_count_found_missing_before_payment_are_item_not_found_and_everything_goes_back() {
        var scenario = givenReserved();
        scenario.when(missing(ORDER, "A", 1, "count-1"));
        assertThat(scenario.state().status()).isEqualTo(RESERVED);
        assertThat(((OrderFulfilment.Reserved) scenario.state().stage()).missing()).containsExactly(Map.entry("A", 1));

        var cause = PAID.getMetadata();
        String reason = "item not found while packing";
        var then = scenario.when(new OnPaymentTaken(PAID)).then(
                oneOfAMissing(warehouse(cause, "ItemNotFound", 0)),
                new ReleaseLine(ORDER, "A", reason, 0, warehouse(cause, "ReleaseLine", 0)), // nothing was packed
                new ReleaseLine(ORDER, "B", reason, 0, warehouse(cause, "ReleaseLine", 1)),
                new Published(StockReleased.newBuilder()
                        .setMetadata(warehouse(cause, "StockReleased", 0))
                        .setOrderId(ORDER)
                        .setReleases(List.of(new StockRelease("A", 1), new StockRelease("B", 1)))
                        .setReason(reason)
                        .build()));
        assertThat(then.after().status()).isEqualTo(RELEASED);
        assertThat(OrderFulfilmentDecider.pendingDispatch(then.after())).isEmpty();
    }

    @Test
    void a_count_told_while_other_lines_are_still_answering_is_kept_until_payment() {
        var scenario = givenPlaced();
        var requests = reserveRequests(scenario);
        scenario.apply(reservedAnswer(requests.get(0)));
        scenario.apply(missing(ORDER, "A", 1, "count-1"));
        scenario.apply(missing(ORDER, "A", 1, "count-2"));
        scenario.apply(reservedAnswer(requests.get(1)));
        assertThat(scenario.state().status()).isEqualTo(RESERVED);

        var events = scenario.apply(new OnPaymentTaken(PAID));
        assertThat(ofType(events, Published.class).stream().map(Published::event)
                .filter(ItemNotFound.class::isInstance).map(ItemNotFound.class::cast)
                .map(e -> e.getSku() + ":" + e.getMissingQuantity())).containsExactly("A:2");
        assertThat(scenario.state().status()).isEqualTo(RELEASED);
        assertThat(scenario.rebuilt()).isEqualTo(scenario.state());
    }

    @Test
    void a_missing_sku_spread_over_two_lines_names_each_line() {
        var placed = orderPlaced("o-2", line(1, "A", 1), line(2, "A", 2));
        var scenario = Scenario.given(decider, new OnOrderPlaced(placed));
        reserveRequests(scenario).forEach(request -> scenario.apply(reservedAnswer(request)));
        scenario.apply(missing("o-2", "A", 2, "count-1"));
        var events = scenario.apply(new OnPaymentTaken(paymentTaken("o-2", "p", PAID_AT)));
        assertThat(ofType(events, Published.class).stream().map(Published::event)
                .filter(ItemNotFound.class::isInstance).map(ItemNotFound.class::cast)
                .map(e -> e.getLineNumber() + ":" + e.getMissingQuantity()))
                .containsExactly("1:1", "2:1");
    }

    @Test
    void a_count_told_once_packed_or_of_another_sku_changes_nothing_here() {
        givenPacked().when(missing(ORDER, "A", 1, "count-late")).thenNothing(); // the SKU takes the count back
        givenReserved().when(missing(ORDER, "Z", 1, "count-other")).thenNothing();
        var released = givenReserved();
        released.apply(new OnPaymentFailed(paymentFailed(ORDER, PAID_AT)));
        released.when(missing(ORDER, "A", 1, "count-after")).thenNothing();
    }

    // ---- an order an earlier version left packing (it asked every SKU to pick, and packed on their answers) ----

    private static final OrderFulfilment LEFT_PACKING = new OrderFulfilment(ORDER,
            new OrderFulfilment.Packing(PLACED, "pay-" + ORDER, PAID.getMetadata().getEventId().toString(), Map.of()),
            List.of(), List.of());

    private static PickLine pickAsked(String sku, int quantity, int index) {
        return new PickLine(ORDER, sku, quantity, warehouse(PAID.getMetadata(), "PickLine", index));
    }

    @Test
    void an_order_left_packing_is_packaged_when_every_sku_found_its_units() {
        var scenario = Scenario.from(decider, LEFT_PACKING);
        scenario.apply(pickedAnswer(pickAsked("B", 1, 1), 0));
        var last = pickedAnswer(pickAsked("A", 2, 0), 0);
        var then = scenario.when(last).then(new Published(OrderPackaged.newBuilder()
                .setMetadata(gathered(last.metadata(), "OrderPackaged", 0, PAID.getMetadata()))
                .setOrderId(ORDER)
                .setPackageId("PKG-" + ORDER)
                .setLines(List.of(new PackedLine(1, "A", 2), new PackedLine(2, "B", 1)))
                .setPackedAt(Fixtures.DECIDED_AT)
                .build()));
        assertThat(then.after().status()).isEqualTo(PACKED);
        assertThat(pending(scenario).attempt()).isEqualTo(1);
    }

    @Test
    void an_order_left_packing_reports_a_shelf_shortfall_its_pick_found_and_the_rest_goes_back() {
        var scenario = Scenario.from(decider, LEFT_PACKING);
        scenario.apply(pickedAnswer(pickAsked("B", 1, 1), 0));
        var last = pickedAnswer(pickAsked("A", 2, 0), 1); // one of the two units of A is not on the shelf
        String reason = "item not found while packing";
        var then = scenario.when(last).then(
                oneOfAMissing(gathered(last.metadata(), "ItemNotFound", 0, PAID.getMetadata())),
                new ReleaseLine(ORDER, "A", reason, 0, warehouse(last.metadata(), "ReleaseLine", 0)), // packed short: its hold
                new ReleaseLine(ORDER, "B", reason, 1, warehouse(last.metadata(), "ReleaseLine", 1)), // packed whole: its unit
                new Published(StockReleased.newBuilder()
                        .setMetadata(gathered(last.metadata(), "StockReleased", 0, PAID.getMetadata()))
                        .setOrderId(ORDER)
                        .setReleases(List.of(new StockRelease("B", 1), new StockRelease("A", 1)))
                        .setReason(reason)
                        .build()));
        assertThat(then.after().status()).isEqualTo(RELEASED);
        assertThat(OrderFulfilmentDecider.pendingDispatch(then.after())).isEmpty();
        assertThat(Scenario.from(decider, LEFT_PACKING).when(missing(ORDER, "A", 1, "count-while-picking")).events())
                .as("its pick's answer reports the count").isEmpty();
    }

    @Test
    void a_failed_payment_releases_every_sku_with_the_reason() {
        var failed = paymentFailed(ORDER, PAID_AT);
        var cause = failed.getMetadata();
        String reason = "payment failed: card declined";
        var then = givenReserved().when(new OnPaymentFailed(failed)).then(
                new ReleaseLine(ORDER, "A", reason, 0, warehouse(cause, "ReleaseLine", 0)),
                new ReleaseLine(ORDER, "B", reason, 0, warehouse(cause, "ReleaseLine", 1)),
                new Published(StockReleased.newBuilder()
                        .setMetadata(warehouse(cause, "StockReleased", 0))
                        .setOrderId(ORDER)
                        .setReleases(List.of(new StockRelease("A", 2), new StockRelease("B", 1)))
                        .setReason(reason)
                        .build()));
        assertThat(then.after().status()).isEqualTo(RELEASED);
    }

    // ---- dispatching ----

    @Test
    void a_booked_carrier_dispatches_the_order_and_ships_its_units() {
        var scenario = givenPacked();
        var answer = booked(pending(scenario));
        var cause = answer.metadata();
        var packed = scenario.state();
        var then = scenario.when(answer).then(
                new ShipLine(ORDER, "A", 2, Causation.causedBy(cause, "warehouse", "ShipLine", 0, answer.observedAt())),
                new ShipLine(ORDER, "B", 1, Causation.causedBy(cause, "warehouse", "ShipLine", 1, answer.observedAt())),
                new Published(OrderDispatched.newBuilder()
                        .setMetadata(answered(answer, packed, "OrderDispatched"))
                        .setOrderId(ORDER)
                        .setCarrier("Royal Mail")
                        .setTrackingNumber("RM1")
                        .setShippingAddress(Fixtures.ADDRESS)
                        .setDispatchedAt(answer.observedAt()) // when the carrier answered
                        .setCustomerId("cust-1")
                        .setOrderTotal(((OrderFulfilment.WithOrder) packed.stage()).order().getTotal()) // what loyalty awards points for
                        .build()));
        assertThat(answer.observedAt()).isEqualTo(Fixtures.DECIDED_AT.plus(CARRIER_TAKES));
        assertThat(then.after().status()).isEqualTo(DISPATCHED);
        assertThat(OrderFulfilmentDecider.pendingDispatch(then.after())).isEmpty();
    }

    @Test
    void a_carrier_without_capacity_is_retried_with_exponential_back_off_then_dispatch_fails() {
        var scenario = givenPacked();

        var first = noCapacity(pending(scenario));
        var packed = scenario.state();
        scenario.when(first).then(new Published(com.musiccorp.events.DispatchDelayed.newBuilder()
                .setMetadata(answered(first, packed, "DispatchDelayed"))
                .setOrderId(ORDER)
                .setAttempt(1)
                .setReason("no van, attempt 1")
                .setNextAttemptAt(first.observedAt().plus(Duration.ofMinutes(1))) // backs off from the answer
                .build()));
        assertThat(scenario.state().status()).isEqualTo(DISPATCH_DELAYED);

        var second = pending(scenario);
        assertThat(second.attempt()).isEqualTo(2);
        Instant firstAnswered = Fixtures.DECIDED_AT.plus(CARRIER_TAKES);
        assertThat(second.dueAt()).isEqualTo(firstAnswered.plus(Duration.ofMinutes(1)));
        assertThat(second.trigger().getOccurredAt()).isEqualTo(second.dueAt());
        var secondDelay = (com.musiccorp.events.DispatchDelayed)
                ((Published) scenario.apply(noCapacity(second)).getFirst()).event();
        assertThat(secondDelay.getAttempt()).isEqualTo(2);
        assertThat(secondDelay.getNextAttemptAt()).isEqualTo(second.dueAt().plus(CARRIER_TAKES).plus(Duration.ofMinutes(2)));

        var third = noCapacity(pending(scenario));
        assertThat(third.attempt()).isEqualTo(3);
        assertThat(third.metadata().getOccurredAt()).isEqualTo(secondDelay.getNextAttemptAt());
        var delayedTwice = scenario.state();
        assertThat(answered(third, delayedTwice, "DispatchFailed").getCausationId())
                .as("caused by the second DispatchDelayed, a published event")
                .isEqualTo(secondDelay.getMetadata().getEventId().toString());
        var then = scenario.when(third).then(new Published(com.musiccorp.events.DispatchFailed.newBuilder()
                .setMetadata(answered(third, delayedTwice, "DispatchFailed"))
                .setOrderId(ORDER)
                .setAttempts(3)
                .setReason("no van, attempt 3")
                .build()));
        assertThat(then.after().status()).isEqualTo(DISPATCH_FAILED);
        assertThat(OrderFulfilmentDecider.pendingDispatch(then.after())).isEmpty();
    }

    @Test
    void a_later_attempt_can_still_dispatch() {
        var scenario = givenPacked();
        scenario.apply(noCapacity(pending(scenario)));
        var retry = booked(pending(scenario));
        var dispatched = (OrderDispatched) ofType(scenario.apply(retry), Published.class).getFirst().event();
        assertThat(dispatched.getDispatchedAt()).isEqualTo(retry.observedAt())
                .isEqualTo(Fixtures.DECIDED_AT.plus(CARRIER_TAKES).plus(Duration.ofMinutes(1)).plus(CARRIER_TAKES));
        assertThat(dispatched.getTrackingNumber()).isEqualTo("RM2");
        assertThat(scenario.state().status()).isEqualTo(DISPATCHED);
    }

    @Test
    void the_back_off_doubles_from_the_configured_base() {
        var policy = new DispatchPolicy(Duration.ofSeconds(30), 5);
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(policy::backoff)).containsExactly(
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240),
                Duration.ofSeconds(480));
        assertThat(policy.backoff(200)).isPositive(); // no overflow however long it goes on
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new DispatchPolicy(Duration.ZERO, 3));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new DispatchPolicy(Duration.ofSeconds(1), 0));
    }

    @Test
    void an_operator_retry_makes_one_more_attempt_when_the_warehouse_decides_it_in_the_saga() {
        var scenario = givenDispatchFailed();
        Instant now = PAID_AT.plus(Duration.ofHours(2));
        var retry = RetryDispatch.of(ORDER, "label-of-the-command", "retry-1", now);
        var inSaga = EventMetadata.newBuilder(retry.metadata()).setCorrelationId(SAGA).build();
        scenario.when(retry).then(new DispatchRetryRequested(ORDER, warehouse(inSaga, "DispatchRetryRequested", 0)));
        assertThat(scenario.state().status()).isEqualTo(DISPATCH_DELAYED);

        var attempt = pending(scenario);
        assertThat(attempt.attempt()).isEqualTo(4);
        assertThat(attempt.dueAt()).as("due when decided, not at the command's time").isEqualTo(Fixtures.DECIDED_AT)
                .isNotEqualTo(now);
        var dispatched = (OrderDispatched) ofType(scenario.apply(booked(attempt)), Published.class).getFirst().event();
        assertThat(dispatched.getDispatchedAt()).isEqualTo(Fixtures.DECIDED_AT.plus(CARRIER_TAKES));
        assertThat(dispatched.getMetadata().getCorrelationId()).as("the saga's, not the command's label")
                .isEqualTo(SAGA);
        assertThat(scenario.state().status()).isEqualTo(DISPATCHED);
        assertThat(((OrderFulfilment.Dispatched) scenario.state().stage()).attempts()).isEqualTo(4);
    }

    @Test
    void a_command_is_known_by_its_id_whatever_else_it_says() {
        var retry = RetryDispatch.of(ORDER, SAGA, "key-1", PAID_AT);
        assertThat(RetryDispatch.idOf("key-1")).isEqualTo(retry.metadata().getEventId())
                .isEqualTo(RetryDispatch.of(ORDER, "other", "key-1", PAID_AT.plusSeconds(5)).metadata().getEventId());
        assertThat(RetryDispatch.idOf("key-2")).isNotEqualTo(retry.metadata().getEventId());
    }

    @Test
    void an_operator_retry_that_fails_again_needs_a_person_again() {
        var scenario = givenDispatchFailed();
        scenario.apply(RetryDispatch.of(ORDER, SAGA, "retry-1", PAID_AT.plus(Duration.ofHours(2))));
        var failed = (com.musiccorp.events.DispatchFailed)
                ((Published) scenario.apply(noCapacity(pending(scenario))).getFirst()).event();
        assertThat(failed.getAttempts()).isEqualTo(4);
        assertThat(scenario.state().status()).isEqualTo(DISPATCH_FAILED);
    }

    // ---- cancellation (OrderCancelled on orders.events) ----

    @Test
    void an_order_cancelled_after_dispatch_failed_puts_the_package_back_on_the_shelf() {
        var cancelled = Fixtures.orderCancelled(ORDER, CancellationReason.DISPATCH_FAILED,
                PAID_AT.plus(Duration.ofHours(3)));
        String reason = "order cancelled (DISPATCH_FAILED): cancelled because DISPATCH_FAILED";
        var cause = cancelled.getMetadata();
        var then = givenDispatchFailed().when(new OnOrderCancelled(cancelled)).then(
                new ReleaseLine(ORDER, "A", reason, 2, warehouse(cause, "ReleaseLine", 0)), // the package's units
                new ReleaseLine(ORDER, "B", reason, 1, warehouse(cause, "ReleaseLine", 1)),
                new Published(StockReleased.newBuilder()
                        .setMetadata(warehouse(cause, "StockReleased", 0))
                        .setOrderId(ORDER)
                        .setReleases(List.of(new StockRelease("A", 2), new StockRelease("B", 1)))
                        .setReason(reason)
                        .build()));
        assertThat(then.after().status()).isEqualTo(RELEASED);
        assertThat(ofType(then.events(), Published.class))
                .allSatisfy(p -> assertThat(p.metadata().getCorrelationId()).isEqualTo(SAGA))
                .allSatisfy(p -> assertThat(p.metadata().getOccurredAt()).as("when decided, not the cancellation's time")
                        .isEqualTo(Fixtures.DECIDED_AT));
    }

    @Test
    void an_operator_cancelling_a_delayed_dispatch_stops_further_attempts() {
        var scenario = givenPacked();
        scenario.apply(noCapacity(pending(scenario)));
        var secondAttempt = pending(scenario);

        var events = scenario.apply(new OnOrderCancelled(Fixtures.orderCancelled(ORDER, CancellationReason.OPERATOR,
                PAID_AT.plus(Duration.ofMinutes(5)))));

        assertThat(ofType(events, ReleaseLine.class)).extracting(ReleaseLine::sku).containsExactly("A", "B");
        assertThat(scenario.state().status()).isEqualTo(RELEASED);
        assertThat(OrderFulfilmentDecider.pendingDispatch(scenario.state())).isEmpty();
        var lateAnswer = booked(secondAttempt); // cannot be booked any more: the index entry is gone too
        scenario.when(lateAnswer).then(new Published(rejection(lateAnswer, "CarrierAnswered in state RELEASED: "
                + "the order's stock was given back (order cancelled (OPERATOR): cancelled because OPERATOR)")));
    }

    @Test
    void an_operator_cancelling_a_reserved_order_gives_its_lines_back() {
        var events = givenReserved().apply(new OnOrderCancelled(Fixtures.orderCancelled(ORDER,
                CancellationReason.OPERATOR, PAID_AT)));
        assertThat(ofType(events, ReleaseLine.class)).extracting(ReleaseLine::sku).containsExactly("A", "B");
        assertThat(ofType(events, Published.class)).singleElement()
                .satisfies(p -> assertThat(p.event()).isInstanceOf(StockReleased.class));
    }

    @Test
    void cancellations_that_find_the_stock_already_given_back_change_nothing_and_are_not_rejected() {
        for (var reasonCode : List.of(CancellationReason.INSUFFICIENT_STOCK, CancellationReason.PAYMENT_DECLINED,
                CancellationReason.ITEM_NOT_FOUND, CancellationReason.UNKNOWN)) {
            var cancelled = new OnOrderCancelled(Fixtures.orderCancelled(ORDER, reasonCode, PAID_AT));
            var released = givenReserved();
            released.apply(new OnPaymentFailed(paymentFailed(ORDER, PAID_AT)));
            released.when(cancelled).thenNothing();
            givenDispatchFailed().when(cancelled).thenNothing(); // not the warehouse's compensation to make
        }
        for (var reasonCode : List.of(CancellationReason.DISPATCH_FAILED, CancellationReason.OPERATOR)) {
            var cancelled = new OnOrderCancelled(Fixtures.orderCancelled(ORDER, reasonCode, PAID_AT));
            Scenario.given(decider).when(cancelled).thenNothing(); // never taken on
            var insufficient = givenPlaced();
            var requests = reserveRequests(insufficient);
            insufficient.apply(reservedAnswer(requests.get(0)));
            insufficient.apply(shortAnswer(requests.get(1), 0));
            insufficient.when(cancelled).thenNothing();
        }
    }

    @Test
    void a_cancellation_after_the_order_was_dispatched_is_rejected() {
        var scenario = givenPacked();
        scenario.apply(booked(pending(scenario)));
        var cancelled = new OnOrderCancelled(Fixtures.orderCancelled(ORDER, CancellationReason.OPERATOR, PAID_AT));
        var then = scenario.when(cancelled).then(new Published(rejection(cancelled,
                "OrderCancelled in state DISPATCHED: the order already left with Royal Mail (RM1); "
                        + "its stock cannot be given back")));
        assertThat(then.after().stage()).isEqualTo(then.before().stage());
        scenario.when(cancelled).thenNothing(); // redelivered: rejected once
    }

    @Test
    void a_redelivered_cancellation_releases_once() {
        var scenario = givenDispatchFailed();
        var cancelled = new OnOrderCancelled(Fixtures.orderCancelled(ORDER, CancellationReason.DISPATCH_FAILED,
                PAID_AT));
        assertThat(scenario.apply(cancelled)).isNotEmpty();
        scenario.when(cancelled).thenNothing();
    }

    // ---- illegal transitions ----

    /** A command carries its own label as correlation id; what the order decides on it carries the saga's. */
    private static EventMetadata inSaga(EventMetadata metadata) {
        return EventMetadata.newBuilder(metadata).setCorrelationId(SAGA).build();
    }

    private static EventRejected rejection(FulfilmentInput input, String reason) {
        return EventRejected.newBuilder()
                .setMetadata(warehouse(inSaga(input.metadata()), "EventRejected", 0))
                .setOrderId(ORDER)
                .setRejectedEventId(input.metadata().getEventId().toString())
                .setRejectedEventType(input.typeName())
                .setReason(reason)
                .build();
    }

    @Test
    void payment_before_stock_is_reserved_is_rejected() {
        var input = new OnPaymentTaken(PAID);
        var then = Scenario.given(decider).when(input).then(new Published(rejection(input,
                "PaymentTaken in state NEW: payment is expected once, after stock is reserved")));
        assertThat(then.after().stage()).isEqualTo(then.before().stage());
        assertThat(then.after().status()).isEqualTo(NEW);

        var whileGathering = givenPlaced().when(input).then(new Published(rejection(input,
                "PaymentTaken in state AWAITING_LINES: payment is expected once, after stock is reserved")));
        assertThat(whileGathering.after().stage()).isEqualTo(whileGathering.before().stage());
    }

    @Test
    void a_second_payment_is_rejected_and_changes_nothing() {
        var scenario = givenPacked();
        var second = new OnPaymentTaken(paymentTaken(ORDER, "second", PAID_AT.plusSeconds(5)));
        var then = scenario.when(second).then(new Published(rejection(second,
                "PaymentTaken in state PACKED: payment is expected once, after stock is reserved")));
        assertThat(then.after().stage()).isEqualTo(then.before().stage());
    }

    @Test
    void dispatch_before_the_order_is_packed_is_rejected() {
        var scenario = givenReserved();
        var retry = RetryDispatch.of(ORDER, SAGA, "retry-early", PAID_AT);
        var then = scenario.when(retry).then(new Published(rejection(retry,
                "RetryDispatch in state RESERVED: only a failed dispatch can be retried")));
        assertThat(then.after().stage()).isEqualTo(then.before().stage());

        var carrier = new CarrierAnswered(ORDER, 1, DispatchResult.booked("Royal Mail", "RM1"),
                Fixtures.metadata("warehouse", "early-booking", ORDER, PAID_AT), PAID_AT);
        scenario.when(carrier).then(new Published(rejection(carrier,
                "CarrierAnswered in state RESERVED: dispatch before the order is packed")));
        assertThat(OrderFulfilmentDecider.pendingDispatch(scenario.state())).isEmpty();
    }

    @Test
    void other_out_of_order_inputs_are_rejected() {
        var placedAgain = new OnOrderPlaced(OrderPlaced.newBuilder(orderPlaced(ORDER, line(1, "A", 1)))
                .setMetadata(Fixtures.metadata("orders", "OrderPlaced/again", ORDER, T0)).build());
        givenReserved().when(placedAgain).then(new Published(rejection(placedAgain, "OrderPlaced in state RESERVED")));

        var lateFailure = new OnPaymentFailed(paymentFailed(ORDER, PAID_AT));
        givenPacked().when(lateFailure).then(new Published(rejection(lateFailure, "PaymentFailed in state PACKED")));

        var released = givenDispatchFailed();
        released.apply(new OnOrderCancelled(Fixtures.orderCancelled(ORDER, CancellationReason.OPERATOR, PAID_AT)));
        var lateRetry = RetryDispatch.of(ORDER, "label", "retry-late", PAID_AT.plus(Duration.ofHours(4)));
        var then = released.when(lateRetry).then(new Published(rejection(lateRetry,
                "RetryDispatch in state RELEASED: only a failed dispatch can be retried")));
        assertThat(((EventRejected) ((Published) then.events().getFirst()).event()).getMetadata().getCorrelationId())
                .as("a refused command still belongs to the saga").isEqualTo(SAGA);
    }

    // ---- redelivery ----

    @Test
    void a_redelivered_input_decides_nothing() {
        var scenario = givenPacked();
        scenario.when(new OnOrderPlaced(PLACED)).thenNothing();
        scenario.when(new OnPaymentTaken(PAID)).thenNothing();
        for (var request : reserveRequests(scenario)) {
            scenario.when(reservedAnswer(request)).thenNothing();
        }
        scenario.when(missing(ORDER, "A", 1, "count-1")).thenNothing();
    }

    @Test
    void a_redelivered_answer_while_gathering_is_counted_once() {
        var scenario = givenPlaced();
        var answer = reservedAnswer(reserveRequests(scenario).getFirst());
        scenario.apply(answer);
        scenario.when(answer).thenNothing();
        assertThat(scenario.state().status()).isEqualTo(AWAITING_LINES);
    }

    @Test
    void a_redelivered_rejected_event_is_not_rejected_twice() {
        var scenario = givenPacked();
        var second = new OnPaymentTaken(paymentTaken(ORDER, "second", PAID_AT));
        assertThat(scenario.apply(second)).hasSize(1);
        scenario.when(second).thenNothing();
    }

    @Test
    void stale_or_repeated_carrier_answers_and_commands_decide_nothing() {
        var scenario = givenPacked();
        var first = noCapacity(pending(scenario));
        scenario.apply(first);
        scenario.when(first).thenNothing(); // redelivered
        scenario.when(booked(OrderFulfilmentDecider.pendingDispatch(givenPacked().state()).orElseThrow()))
                .thenNothing(); // an answer to attempt 1 after attempt 1 was settled
        scenario.when(new CarrierAnswered(ORDER, 1, DispatchResult.booked("Royal Mail", "late"),
                Fixtures.metadata("warehouse", "late-answer", ORDER, PAID_AT), PAID_AT)).thenNothing(); // same, other id

        var failed = givenDispatchFailed();
        var retry = RetryDispatch.of(ORDER, SAGA, "retry-1", PAID_AT.plus(Duration.ofHours(1)));
        failed.apply(retry);
        failed.when(RetryDispatch.of(ORDER, SAGA, "retry-1", PAID_AT.plus(Duration.ofHours(1)))).thenNothing();
    }

    // ---- bounds: hostile input, and a state that does not grow for one order ----

    @Test
    void an_order_beyond_the_contract_bounds_is_rejected_and_nothing_is_reserved() {
        var tooManyLines = new OrderLine[ContractLimits.MAX_LINES_PER_ORDER + 1];
        for (int i = 0; i < tooManyLines.length; i++) {
            tooManyLines[i] = line(i + 1, "SKU-" + i, 1);
        }
        var hostile = java.util.Map.of(
                "lines[0].quantity must be 1 to 10000, not 0", orderPlaced(ORDER, line(1, "A", 0)),
                "lines[1].quantity must be 1 to 10000, not 2147483647",
                        orderPlaced(ORDER, line(1, "A", 1), line(2, "B", Integer.MAX_VALUE)),
                "lines[1].lineNumber 1 is given twice", orderPlaced(ORDER, line(1, "A", 1), line(1, "B", 1)),
                "lines[0].sku must be letters, digits and . _ : - only, starting with a letter or digit",
                        orderPlaced(ORDER, line(1, "../A", 1)),
                "lines must be 1 to 100, not 101", orderPlaced(ORDER, tooManyLines),
                "lines must be 1 to 100, not 0", orderPlaced(ORDER));
        hostile.forEach((reason, order) -> {
            var input = new OnOrderPlaced(order);
            var then = Scenario.given(decider).when(input).then(new Published(rejection(input,
                    "OrderPlaced in state NEW: " + reason)));
            assertThat(then.after().status()).isEqualTo(NEW);
        });
    }

    @Test
    void an_operator_retries_one_order_at_most_ten_times() {
        var scenario = givenDispatchFailed();
        for (int retry = 1; retry <= DispatchPolicy.MAX_OPERATOR_RETRIES; retry++) {
            assertThat(scenario.apply(RetryDispatch.of(ORDER, SAGA, "retry-" + retry, PAID_AT.plus(Duration.ofHours(retry)))))
                    .singleElement().isInstanceOf(DispatchRetryRequested.class);
            scenario.apply(noCapacity(pending(scenario)));
            assertThat(scenario.state().status()).isEqualTo(DISPATCH_FAILED);
        }
        var oneTooMany = RetryDispatch.of(ORDER, SAGA, "retry-11", PAID_AT.plus(Duration.ofDays(1)));
        scenario.when(oneTooMany).then(new Published(rejection(oneTooMany, "RetryDispatch in state DISPATCH_FAILED: "
                + "an order is retried at most 10 times by an operator; cancel it instead")));
        assertThat(OrderFulfilmentDecider.retryRefusal(scenario.state())).isPresent();
        assertThat(scenario.state().operatorRetries()).hasSize(DispatchPolicy.MAX_OPERATOR_RETRIES);

        // The first command, long out of the recent inputs, is still known: granted once, never again.
        scenario.when(RetryDispatch.of(ORDER, SAGA, "retry-1", PAID_AT)).thenNothing();
        assertThat(scenario.state().hasHandled(RetryDispatch.idOf("retry-1"))).isTrue();
    }

    @Test
    void an_order_remembers_only_its_latest_inputs_and_stage_rules_catch_older_repeats() {
        var scenario = givenPacked();
        for (int i = 0; i < 100; i++) {
            scenario.apply(new OnPaymentTaken(paymentTaken(ORDER, "hostile-" + i, PAID_AT)));
        }
        assertThat(scenario.state().handledInputs()).hasSize(OrderFulfilment.RECENT_INPUTS);
        // the first payment's id is long forgotten: repeated now it is rejected, never packed twice
        var then = scenario.when(new OnPaymentTaken(PAID));
        assertThat(then.events()).singleElement().satisfies(e ->
                assertThat(((Published) e).event()).isInstanceOf(EventRejected.class));
        assertThat(then.after().stage()).isEqualTo(then.before().stage());
    }

    // ---- rebuild and determinism ----

    @Test
    void folding_the_decided_events_from_the_initial_state_reproduces_the_live_state() {
        var scenario = givenDispatchFailed();
        scenario.apply(new OnPaymentTaken(paymentTaken(ORDER, "second", PAID_AT))); // rejected on the way
        scenario.apply(RetryDispatch.of(ORDER, SAGA, "retry-1", PAID_AT.plus(Duration.ofHours(1))));
        scenario.apply(booked(pending(scenario)));
        assertThat(scenario.state().status()).isEqualTo(DISPATCHED);
        assertThat(scenario.rebuilt()).isEqualTo(scenario.state());

        var insufficient = givenPlaced();
        var requests = reserveRequests(insufficient);
        insufficient.apply(reservedAnswer(requests.get(0)));
        insufficient.apply(shortAnswer(requests.get(1), 0));
        assertThat(insufficient.rebuilt()).isEqualTo(insufficient.state());
    }

    @Test
    void the_same_inputs_always_decide_the_same_events() {
        assertThat(givenDispatchFailed().history()).isEqualTo(givenDispatchFailed().history());
        // every published event happened when the warehouse decided it (the time it was given), not at its cause's
        assertThat(ofType(givenPacked().history(), Published.class))
                .allSatisfy(p -> assertThat(p.metadata().getOccurredAt()).isEqualTo(Fixtures.DECIDED_AT))
                .allSatisfy(p -> assertThat(p.orderId()).isEqualTo(ORDER))
                .allSatisfy(p -> assertThat(p.metadata().getProducer()).isEqualTo("warehouse"));
    }
}
