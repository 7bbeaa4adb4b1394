package com.musiccorp.warehouse.domain;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.EventRejected;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockRelease;
import com.musiccorp.events.StockReleased;
import com.musiccorp.events.StockReserved;
import com.musiccorp.platform.decider.Decider;
import com.musiccorp.warehouse.domain.FulfilmentEvent.Published;
import com.musiccorp.warehouse.domain.FulfilmentInput.OnOrderCancelled;
import com.musiccorp.warehouse.domain.FulfilmentInput.OnOrderPlaced;
import com.musiccorp.warehouse.domain.FulfilmentInput.OnPaymentFailed;
import com.musiccorp.warehouse.domain.FulfilmentInput.OnPaymentTaken;
import com.musiccorp.warehouse.domain.FulfilmentInput.RetryDispatch;
import com.musiccorp.warehouse.domain.StockInput.Adjust;
import com.musiccorp.warehouse.domain.StockInput.Receive;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.musiccorp.warehouse.domain.Fixtures.T0;
import static com.musiccorp.warehouse.domain.Fixtures.line;
import static com.musiccorp.warehouse.domain.Fixtures.orderPlaced;
import static com.musiccorp.warehouse.domain.Fixtures.paymentFailed;
import static com.musiccorp.warehouse.domain.Fixtures.paymentTaken;
import static com.musiccorp.warehouse.domain.Fixtures.stockAdjusted;
import static com.musiccorp.warehouse.domain.Fixtures.stockReceived;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warehouse's paths of docs/saga-choreography.md, with both aggregates wired in memory the way
 * the topology will wire them over topics: requests go to the SKU's stock, answers come back to the
 * order, published events are collected. No Kafka: this pins the domain, not the wiring.
 */
class WarehouseSagaTest {
    private static final DispatchPolicy POLICY = new DispatchPolicy(Duration.ofMinutes(1), 2);

    /** Two keyed stores and two deciders, routed synchronously. */
    private static final class Warehouse {
        final Decider<StockInput, StockEvent, SkuStock> stockDecider = SkuStockDecider.decider();
        final Decider<FulfilmentInput, FulfilmentEvent, OrderFulfilment> orderDecider =
                new OrderFulfilmentDecider(POLICY);
        final Map<String, SkuStock> stocks = new HashMap<>();
        final Map<String, OrderFulfilment> orders = new HashMap<>();
        final List<SpecificRecordBase> published = new ArrayList<>();

        void stock(String sku, StockInput input) {
            var decision = stockDecider.decision(input, stocks.getOrDefault(sku, SkuStock.initial()), Fixtures.DECIDED_AT);
            stocks.put(sku, decision.state());
            for (StockEvent event : decision.facts()) {
                if (event instanceof LineAnswer answer) {
                    order(answer); // re-keyed by order id
                } else if (event instanceof StockEvent.OrderReserved reserved) {
                    published.add(reserved.event()); // a one-line order's reservation, published by its SKU
                }
            }
        }

        void order(FulfilmentInput input) {
            var decision = orderDecider.decision(input, orders.getOrDefault(input.orderId(), OrderFulfilment.initial()),
                    Fixtures.DECIDED_AT);
            orders.put(input.orderId(), decision.state());
            for (FulfilmentEvent event : decision.facts()) {
                switch (event) {
                    case Published p -> published.add(p.event());
                    case LineRequest request -> stock(request.sku(), request); // re-keyed by SKU
                    case FulfilmentEvent.OrderFact ignored -> {
                    }
                }
            }
        }

        void receive(String sku, int units) {
            stock(sku, new Receive(stockReceived(sku, units, "R-" + sku + "-" + units)));
        }

        /** What a punctuator does when the attempt is due: book it, feed the answer back. */
        void dispatchDue(String orderId, Carrier carrier) {
            OrderFulfilmentDecider.pendingDispatch(orders.get(orderId))
                    .ifPresent(request -> order(request.bookWith(carrier, Fixtures.CARRIER_CLOCK)));
        }

        FulfilmentStatus status(String orderId) {
            return orders.get(orderId).status();
        }

        SkuStock stock(String sku) {
            return stocks.get(sku);
        }

        List<String> publishedTypes() {
            return published.stream().map(e -> e.getClass().getSimpleName()).toList();
        }
    }

    private static final Carrier BOOKS = (key, orderId, address, attempt) -> DispatchResult.booked("DPD", "T-" + orderId);
    private static final Carrier FULL = (key, orderId, address, attempt) -> DispatchResult.noCapacity("no capacity");

    private static final OrderPlaced ORDER = orderPlaced("o-1", line(1, "A", 2), line(2, "B", 1));

    private static Warehouse stocked() {
        var warehouse = new Warehouse();
        warehouse.receive("A", 5);
        warehouse.receive("B", 5);
        return warehouse;
    }

    @Test
    void happy_path_reserve_pack_dispatch() {
        var warehouse = stocked();
        warehouse.order(new OnOrderPlaced(ORDER));
        assertThat(warehouse.publishedTypes()).containsExactly("StockReserved");
        assertThat(warehouse.stock("A").available()).isEqualTo(3);

        warehouse.order(new OnPaymentTaken(paymentTaken("o-1", "p", T0.plusSeconds(10))));
        warehouse.dispatchDue("o-1", BOOKS);

        assertThat(warehouse.publishedTypes()).containsExactly("StockReserved", "OrderPackaged", "OrderDispatched");
        assertThat(warehouse.status("o-1")).isEqualTo(FulfilmentStatus.DISPATCHED);
        assertThat(warehouse.stock("A").onHand()).isEqualTo(3);
        assertThat(warehouse.stock("A").shipped()).isEqualTo(2);
        assertThat(warehouse.stock("A").reserved()).isZero();
        assertThat(warehouse.stock("B").onHand()).isEqualTo(4);
        assertThat(((OrderDispatched) warehouse.published.get(2)).getTrackingNumber()).isEqualTo("T-o-1");
        assertThat(((OrderPackaged) warehouse.published.get(1)).getPackageId()).isEqualTo("PKG-o-1");
    }

    @Test
    void insufficient_stock_releases_what_was_held_and_no_payment_is_expected() {
        var warehouse = new Warehouse();
        warehouse.receive("A", 5);
        warehouse.order(new OnOrderPlaced(ORDER)); // B was never received

        assertThat(warehouse.publishedTypes()).containsExactly("StockInsufficient");
        var insufficient = (StockInsufficient) warehouse.published.getFirst();
        assertThat(insufficient.getShortLines()).singleElement()
                .satisfies(s -> assertThat(s.getSku() + ":" + s.getShortBy()).isEqualTo("B:1"));
        assertThat(warehouse.stock("A").available()).isEqualTo(5);
        assertThat(warehouse.status("o-1")).isEqualTo(FulfilmentStatus.INSUFFICIENT);

        warehouse.order(new OnPaymentTaken(paymentTaken("o-1", "p", T0.plusSeconds(10))));
        assertThat(warehouse.published.getLast()).isInstanceOf(EventRejected.class);
    }

    @Test
    void two_orders_cannot_both_take_the_last_unit() {
        var warehouse = new Warehouse();
        warehouse.receive("A", 1);
        warehouse.order(new OnOrderPlaced(orderPlaced("o-1", line(1, "A", 1))));
        warehouse.order(new OnOrderPlaced(orderPlaced("o-2", line(1, "A", 1))));
        assertThat(warehouse.publishedTypes()).containsExactly("StockReserved", "StockInsufficient");
        assertThat(warehouse.stock("A").available()).isZero();
    }

    @Test
    void a_declined_payment_puts_the_stock_back() {
        var warehouse = stocked();
        warehouse.order(new OnOrderPlaced(ORDER));
        warehouse.order(new OnPaymentFailed(paymentFailed("o-1", T0.plusSeconds(10))));

        assertThat(warehouse.publishedTypes()).containsExactly("StockReserved", "StockReleased");
        assertThat(((StockReleased) warehouse.published.getLast()).getReleases())
                .containsExactly(new StockRelease("A", 2), new StockRelease("B", 1));
        assertThat(warehouse.stock("A").available()).isEqualTo(5);
        assertThat(warehouse.stock("B").available()).isEqualTo(5);
    }

    @Test
    void a_shelf_correction_after_reserving_is_found_when_packing() {
        var warehouse = stocked();
        warehouse.order(new OnOrderPlaced(ORDER));
        // 3 unreserved units of A plus one of the order's two are not on the shelf
        warehouse.stock("A", new Adjust(stockAdjusted("A", -4, "count-1")));
        assertThat(warehouse.stock("A").available()).isZero();
        assertThat(warehouse.stock("A").missing()).isEqualTo(1);

        warehouse.order(new OnPaymentTaken(paymentTaken("o-1", "p", T0.plusSeconds(10))));

        assertThat(warehouse.publishedTypes()).containsExactly("StockReserved", "ItemNotFound", "StockReleased");
        var notFound = (ItemNotFound) warehouse.published.get(1);
        assertThat(notFound.getLineNumber()).isEqualTo(1);
        assertThat(notFound.getMissingQuantity()).isEqualTo(1);
        assertThat(((StockReleased) warehouse.published.get(2)).getReleases())
                .containsExactlyInAnyOrder(new StockRelease("A", 1), new StockRelease("B", 1));
        assertThat(warehouse.status("o-1")).isEqualTo(FulfilmentStatus.RELEASED);
        assertThat(warehouse.stock("A").onHand()).isEqualTo(1);
        assertThat(warehouse.stock("A").available()).isEqualTo(1);
        assertThat(warehouse.stock("A").reserved()).isZero();
        assertThat(warehouse.stock("B").available()).isEqualTo(5);
        warehouse.dispatchDue("o-1", BOOKS);
        assertThat(warehouse.publishedTypes()).doesNotContain("OrderDispatched");
    }

    @Test
    void dispatch_retries_then_fails_then_an_operator_retries() {
        var warehouse = stocked();
        warehouse.order(new OnOrderPlaced(ORDER));
        warehouse.order(new OnPaymentTaken(paymentTaken("o-1", "p", T0.plusSeconds(10))));
        warehouse.dispatchDue("o-1", FULL);
        warehouse.dispatchDue("o-1", FULL);
        warehouse.dispatchDue("o-1", FULL); // nothing pending any more: a person must act

        assertThat(warehouse.publishedTypes())
                .containsExactly("StockReserved", "OrderPackaged", "DispatchDelayed", "DispatchFailed");
        assertThat(warehouse.stock("A").reserved()).isEqualTo(2);

        warehouse.order(RetryDispatch.of("o-1", Fixtures.sagaOf("o-1"), "op-1", T0.plus(Duration.ofHours(1))));
        warehouse.dispatchDue("o-1", BOOKS);
        assertThat(warehouse.publishedTypes()).endsWith("OrderDispatched");
        assertThat(warehouse.stock("A").shipped()).isEqualTo(2);
    }

    @Test
    void dispatch_fails_and_the_order_is_cancelled_so_its_package_goes_back_on_the_shelf() {
        var warehouse = stocked();
        warehouse.order(new OnOrderPlaced(ORDER));
        warehouse.order(new OnPaymentTaken(paymentTaken("o-1", "p", T0.plusSeconds(10))));
        warehouse.dispatchDue("o-1", FULL);
        warehouse.dispatchDue("o-1", FULL);
        assertThat(warehouse.stock("A").onShelf()).as("packed, not on the shelf").isEqualTo(3);

        warehouse.order(new OnOrderCancelled(Fixtures.orderCancelled("o-1", CancellationReason.DISPATCH_FAILED,
                T0.plus(Duration.ofHours(1)))));

        assertThat(warehouse.publishedTypes()).endsWith("DispatchFailed", "StockReleased");
        for (String sku : List.of("A", "B")) {
            SkuStock stock = warehouse.stock(sku);
            assertThat(stock.available()).isEqualTo(5);
            assertThat(stock.reserved()).isZero();
            assertThat(stock.onShelf()).isEqualTo(5);
            assertThat(stock.reserved() + stock.available()).isEqualTo(stock.onHand()); // received 5 - shipped 0
        }
        assertThat(warehouse.status("o-1")).isEqualTo(FulfilmentStatus.RELEASED);
        warehouse.dispatchDue("o-1", BOOKS);
        assertThat(warehouse.publishedTypes()).doesNotContain("OrderDispatched");
    }

    @Test
    void an_order_of_one_line_is_reserved_by_its_sku_once_and_packs_when_paid() {
        var warehouse = stocked();
        var placed = new OnOrderPlaced(orderPlaced("o-9", line(1, "A", 2)));
        warehouse.order(placed);
        warehouse.order(placed);
        assertThat(warehouse.publishedTypes()).containsExactly("StockReserved");
        assertThat(warehouse.status("o-9")).isEqualTo(FulfilmentStatus.RESERVED);
        assertThat(warehouse.stock("A").reserved()).isEqualTo(2);

        warehouse.order(new OnPaymentTaken(paymentTaken("o-9", "p", T0.plusSeconds(10))));
        warehouse.dispatchDue("o-9", BOOKS);
        assertThat(warehouse.publishedTypes()).containsExactly("StockReserved", "OrderPackaged", "OrderDispatched");
        assertThat(warehouse.stock("A").shipped()).isEqualTo(2);
    }

    @Test
    void a_whole_saga_delivered_twice_publishes_once() {
        var warehouse = stocked();
        var placed = new OnOrderPlaced(ORDER);
        var paid = new OnPaymentTaken(paymentTaken("o-1", "p", T0.plusSeconds(10)));
        warehouse.order(placed);
        warehouse.order(placed);
        warehouse.order(paid);
        warehouse.order(paid);
        assertThat(warehouse.publishedTypes()).containsExactly("StockReserved", "OrderPackaged");
        assertThat(warehouse.stock("A").reserved()).isEqualTo(2);
        assertThat(warehouse.published.getFirst()).isInstanceOf(StockReserved.class);
    }
}
