package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockReceived;
import com.musiccorp.events.StockReservation;
import com.musiccorp.events.StockReserved;
import com.musiccorp.platform.decider.Decider;
import com.musiccorp.schemas.Causation;
import com.musiccorp.schemas.ContractLimits;
import com.musiccorp.warehouse.domain.LineAnswer.LineMissing;
import com.musiccorp.warehouse.domain.LineAnswer.LinePicked;
import com.musiccorp.warehouse.domain.LineAnswer.LineReserved;
import com.musiccorp.warehouse.domain.LineAnswer.LineShort;
import com.musiccorp.warehouse.domain.LineRequest.ReserveLine;
import com.musiccorp.warehouse.domain.StockEvent.LinePacked;
import com.musiccorp.warehouse.domain.StockEvent.LineReleased;
import com.musiccorp.warehouse.domain.StockEvent.LineShipped;
import com.musiccorp.warehouse.domain.StockEvent.OrderReserved;
import com.musiccorp.warehouse.domain.StockEvent.Received;
import com.musiccorp.warehouse.domain.StockEvent.Refused;
import com.musiccorp.warehouse.domain.StockEvent.ShelfCorrected;
import com.musiccorp.warehouse.domain.StockInput.Adjust;
import com.musiccorp.warehouse.domain.StockInput.Receive;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.musiccorp.warehouse.domain.Fixtures.pack;
import static com.musiccorp.warehouse.domain.Fixtures.pick;
import static com.musiccorp.warehouse.domain.Fixtures.release;
import static com.musiccorp.warehouse.domain.Fixtures.reserve;
import static com.musiccorp.warehouse.domain.Fixtures.ship;
import static com.musiccorp.warehouse.domain.Fixtures.stockAdjusted;
import static com.musiccorp.warehouse.domain.Fixtures.stockReceived;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SkuStockDeciderTest {
    private static final String SKU = "VINYL-001";
    private final Decider<StockInput, StockEvent, SkuStock> decider = SkuStockDecider.decider();

    private Scenario<StockInput, StockEvent, SkuStock> givenReceived(int units) {
        return Scenario.given(decider, new Receive(stockReceived(SKU, units, "R1")));
    }


    @Test
    void receiving_stock_increases_on_hand_and_names_the_item() {
        var received = stockReceived(SKU, 5, "R1");
        var then = Scenario.given(decider).when(new Receive(received)).then(new Received(received));
        assertThat(then.after().onHand()).isEqualTo(5);
        assertThat(then.after().available()).isEqualTo(5);
        assertThat(then.after().sku()).isEqualTo(SKU);
        assertThat(then.after().item()).isEqualTo(new SkuStock.Item("Title " + SKU, "Artist " + SKU, MediaFormat.VINYL));
    }

    @Test
    void a_receipt_is_the_same_receipt_by_its_id_whatever_its_event_id() {
        var viaHttp = new Receive(stockReceived(SKU, 5, "R1"));
        var viaCli = new Receive(StockReceived.newBuilder(stockReceived(SKU, 5, "R1"))
                .setMetadata(Fixtures.metadata("cli", "random-event-id", SKU, Fixtures.T0)).build());
        assertThat(viaCli.metadata().getEventId()).isNotEqualTo(viaHttp.metadata().getEventId());
        assertThat(viaCli.countedAs()).isEqualTo(viaHttp.countedAs()).hasValue("receipt:R1");
        assertThat(new Adjust(stockAdjusted(SKU, 1, "R1")).countedAs()).hasValue("adjustment:R1");
        assertThat(reserve("o-1", 1, SKU, 1).countedAs()).as("idempotent by what the order holds").isEmpty();
    }

    @Test
    void a_receipt_beyond_the_field_bounds_is_refused_and_changes_nothing() {
        var scenario = givenReceived(5);
        for (int quantity : List.of(0, -3, ContractLimits.MAX_QUANTITY + 1, Integer.MAX_VALUE)) {
            var then = scenario.when(new Receive(stockReceived(SKU, quantity, "R-" + quantity)));
            assertThat(then.events()).singleElement().isInstanceOfSatisfying(Refused.class,
                    refused -> assertThat(refused.refusal().field()).isEqualTo("quantity"));
            assertThat(then.after()).isEqualTo(then.before());
        }
        var longTitle = StockReceived.newBuilder(stockReceived(SKU, 1, "R-title"))
                .setTitle("x".repeat(ContractLimits.MAX_TEXT_LENGTH + 1)).build();
        assertThat(scenario.apply(new Receive(longTitle))).singleElement()
                .isEqualTo(new Refused(SKU, "StockReceived", new Refusal("title", "must be at most "
                        + ContractLimits.MAX_TEXT_LENGTH + " characters")));
        var badId = StockReceived.newBuilder(stockReceived(SKU, 1, "R-id")).setReceiptId("r 1\u0000").build();
        assertThat(scenario.apply(new Receive(badId))).singleElement().isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.refusal().field()).isEqualTo("receiptId"));
        assertThat(scenario.state().onHand()).isEqualTo(5);
    }

    @Test
    void on_hand_never_goes_beyond_what_a_sku_can_hold_nor_wraps() {
        var nearlyFull = new SkuStock(SKU, null, ContractLimits.MAX_STOCK_ON_HAND - 2, Map.of(), 0);
        var tooMuch = new Receive(stockReceived(SKU, 3, "R-over"));
        assertThat(decider.decide(tooMuch, nearlyFull, Fixtures.DECIDED_AT)).singleElement()
                .isEqualTo(new Refused(SKU, "StockReceived", new Refusal("quantity", "would take on hand to "
                        + (ContractLimits.MAX_STOCK_ON_HAND + 1L) + ", beyond the " + ContractLimits.MAX_STOCK_ON_HAND
                        + " units a SKU can hold")));
        var found = new Adjust(stockAdjusted(SKU, 3, "A-over"));
        assertThat(decider.decide(found, nearlyFull, Fixtures.DECIDED_AT)).singleElement().isInstanceOf(Refused.class);
        var fits = new Receive(stockReceived(SKU, 2, "R-fits"));
        assertThat(decider.decision(fits, nearlyFull, Fixtures.DECIDED_AT).state().onHand())
                .isEqualTo(ContractLimits.MAX_STOCK_ON_HAND);

        // what used to wrap: 2147483647 then 2
        var scenario = Scenario.given(decider);
        scenario.apply(new Receive(stockReceived(SKU, Integer.MAX_VALUE, "R-max")));
        scenario.apply(new Receive(stockReceived(SKU, 2, "R-2")));
        assertThat(scenario.state().onHand()).isEqualTo(2);
    }

    @Test
    void a_correction_beyond_its_bounds_is_refused() {
        var scenario = givenReceived(5);
        for (int delta : List.of(0, Integer.MIN_VALUE, -ContractLimits.MAX_QUANTITY - 1, ContractLimits.MAX_QUANTITY + 1)) {
            var then = scenario.when(new Adjust(stockAdjusted(SKU, delta, "A" + delta)));
            assertThat(then.events()).singleElement().isInstanceOfSatisfying(Refused.class,
                    refused -> assertThat(refused.refusal().field()).isEqualTo("quantityDelta"));
            assertThat(then.after()).isEqualTo(then.before());
        }
        var noReason = StockAdjusted.newBuilder(stockAdjusted(SKU, -1, "A-reason"))
                .setReason("x".repeat(ContractLimits.MAX_REASON_LENGTH + 1)).build();
        assertThat(scenario.apply(new Adjust(noReason))).singleElement().isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.refusal().field()).isEqualTo("reason"));
        assertThat(scenario.state().onHand()).isEqualTo(5);
    }

    @Test
    void a_line_is_reserved_when_enough_units_are_available() {
        var request = reserve("o-1", 1, SKU, 3);
        var then = givenReceived(5).when(request).then(new LineReserved("o-1", 1, SKU, 3, false,
                Causation.causedBy(request.metadata(), "warehouse", "LineReserved", 0, Fixtures.DECIDED_AT)));
        assertThat(then.after().reserved()).isEqualTo(3);
        assertThat(then.after().available()).isEqualTo(2);
        assertThat(then.after().reservedByOrder()).containsEntry("o-1", 3);
    }

    @Test
    void the_only_line_of_an_order_held_is_published_as_the_orders_reservation_with_the_answer() {
        var request = reserve("o-1", 1, SKU, 3, true);
        var then = givenReceived(5).when(request);
        var answer = new LineReserved("o-1", 1, SKU, 3, true,
                Causation.causedBy(request.metadata(), "warehouse", "LineReserved", 0, Fixtures.DECIDED_AT));
        assertThat(then.events()).hasSize(2).first().isEqualTo(answer);
        StockReserved published = ((OrderReserved) then.events().get(1)).event();
        assertThat(published.getOrderId()).isEqualTo("o-1");
        assertThat(published.getReservations()).containsExactly(new StockReservation(1, SKU, 3));
        assertThat(published.getReservedAt()).isEqualTo(Fixtures.DECIDED_AT);
        // As the order's step would have made it: its id from the answer, its cause the OrderPlaced.
        EventMetadata own = Causation.causedBy(answer.metadata(), "warehouse", "StockReserved", 0, Fixtures.DECIDED_AT);
        assertThat(published.getMetadata().getEventId()).isEqualTo(own.getEventId());
        assertThat(published.getMetadata().getCausationId()).isEqualTo(request.metadata().getCausationId());
        assertThat(published.getMetadata().getCorrelationId()).isEqualTo(Fixtures.sagaOf("o-1"));
        assertThat(then.after().reservedByOrder()).containsEntry("o-1", 3);
        assertThat(then.after().available()).isEqualTo(2);
    }

    @Test
    void the_only_line_short_is_only_answered_since_the_order_names_its_details_in_stock_insufficient() {
        givenReceived(5).when(reserve("o-1", 1, SKU, 7, true)).events().forEach(event ->
                assertThat(event).isInstanceOf(LineShort.class));
    }

    @Test
    void a_line_of_an_order_of_several_is_only_answered() {
        assertThat(givenReceived(5).when(reserve("o-1", 1, SKU, 3, false)).events())
                .singleElement().isInstanceOfSatisfying(LineReserved.class, answer -> assertThat(answer.published()).isFalse());
    }

    @Test
    void a_redelivered_only_line_publishes_nothing_again() {
        var request = reserve("o-1", 1, SKU, 3, true);
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 5, "R1")), request);
        scenario.when(request).thenNothing();
        assertThat(scenario.state().reserved()).isEqualTo(3);
    }

    @Test
    void the_answer_keeps_the_saga_correlation_and_takes_the_time_the_sku_decided_it() {
        var request = reserve("o-1", 1, SKU, 1);
        var answer = (LineReserved) givenReceived(5).when(request).events().getFirst();
        assertThat(answer.metadata().getCorrelationId()).isEqualTo(Fixtures.sagaOf("o-1"));
        assertThat(answer.metadata().getCausationId()).isEqualTo(request.metadata().getEventId().toString());
        assertThat(answer.metadata().getOccurredAt()).isEqualTo(Fixtures.DECIDED_AT)
                .isNotEqualTo(request.metadata().getOccurredAt());
    }

    @Test
    void a_line_is_short_when_fewer_units_are_available_and_nothing_is_held() {
        var request = reserve("o-1", 1, SKU, 7);
        var then = givenReceived(5).when(request).then(new LineShort("o-1", 1, SKU, 7, 5,
                Causation.causedBy(request.metadata(), "warehouse", "LineShort", 0, Fixtures.DECIDED_AT)));
        assertThat(((LineShort) then.events().getFirst()).shortBy()).isEqualTo(2);
        assertThat(then.after().reserved()).isZero();
        assertThat(then.after().available()).isEqualTo(5);
    }

    @Test
    void the_last_unit_goes_to_the_first_order_that_asks() {
        var scenario = givenReceived(1);
        assertThat(scenario.apply(reserve("o-1", 1, SKU, 1))).singleElement().isInstanceOf(LineReserved.class);
        assertThat(scenario.apply(reserve("o-2", 1, SKU, 1))).singleElement().isInstanceOf(LineShort.class);
    }

    @Test
    void a_redelivered_reservation_request_is_ignored() {
        var request = reserve("o-1", 1, SKU, 3);
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 5, "R1")), request);
        scenario.when(request).thenNothing();
        // the same line asked again under another id (e.g. re-sent after a rebuild) is still held once
        scenario.when(new ReserveLine("o-1", 1, SKU, 3, false, Fixtures.metadata("warehouse", "other", "o-1", Fixtures.T0)))
                .thenNothing();
        assertThat(scenario.state().reserved()).isEqualTo(3);
    }

    @Test
    void two_lines_of_one_order_on_the_same_sku_are_held_together() {
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 5, "R1")),
                reserve("o-1", 1, SKU, 2), reserve("o-1", 3, SKU, 1));
        assertThat(scenario.state().reservedByOrder()).containsEntry("o-1", 3);
    }

    @Test
    void releasing_gives_the_units_back_once() {
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 5, "R1")), reserve("o-1", 1, SKU, 3));
        var request = release("o-1", SKU, "payment failed");
        var then = scenario.when(request).then(new LineReleased("o-1", SKU, 3,
                Causation.causedBy(request.metadata(), "warehouse", "LineReleased", 0, Fixtures.DECIDED_AT)));
        assertThat(then.after().available()).isEqualTo(5);
        assertThat(then.after().reservedByOrder()).doesNotContainKey("o-1");
        scenario.when(request).thenNothing();
        scenario.when(release("o-1", SKU, "another reason")).thenNothing();
    }

    @Test
    void packing_then_shipping_moves_the_units_out_of_the_building() {
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 5, "R1")), reserve("o-1", 1, SKU, 3));
        var packRequest = pack("o-1", SKU, 3);
        scenario.when(packRequest).then(new LinePacked("o-1", SKU, 3, 0,
                Causation.causedBy(packRequest.metadata(), "warehouse", "LinePacked", 0, Fixtures.DECIDED_AT)));
        scenario.when(packRequest).thenNothing();
        // Packed whole: no hold entry any more, its units held and packed in the totals until shipped.
        assertThat(scenario.state().holds()).isEmpty();
        assertThat(scenario.state().reserved()).isEqualTo(3);
        assertThat(scenario.state().available()).isEqualTo(2);
        assertThat(scenario.state().onShelf()).isEqualTo(2);
        var shipRequest = ship("o-1", SKU, 3);
        var then = scenario.when(shipRequest).then(new LineShipped("o-1", SKU, 3, 0,
                Causation.causedBy(shipRequest.metadata(), "warehouse", "LineShipped", 0, Fixtures.DECIDED_AT)));
        assertThat(then.after().onHand()).isEqualTo(2);
        assertThat(then.after().shipped()).isEqualTo(3);
        assertThat(then.after().reserved()).isZero();
        assertThat(then.after().available()).isEqualTo(2);
        assertThat(then.after().totals().packed()).isZero();
        assertThatThrownBy(() -> scenario.apply(ship("o-1", SKU, 3)))
                .as("more than the SKU's packages hold is refused whole (dead-lettered), never applied")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("whose packages hold 0");
        assertThat(scenario.state()).isEqualTo(then.after());
    }

    @Test
    void a_package_packed_whole_goes_back_on_the_shelf_when_released() {
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 5, "R1")), reserve("o-1", 1, SKU, 3),
                pack("o-1", SKU, 3));
        var releaseRequest = release("o-1", SKU, "dispatch failed", 3);
        var then = scenario.when(releaseRequest).then(new LineReleased("o-1", SKU, 3,
                Causation.causedBy(releaseRequest.metadata(), "warehouse", "LineReleased", 0, Fixtures.DECIDED_AT)));
        assertThat(then.after().available()).isEqualTo(5);
        assertThat(then.after().onShelf()).isEqualTo(5);
        assertThat(then.after().shipped()).isZero();
    }

    @Test
    void a_hold_picked_before_packed_holds_left_their_entries_ships_by_its_entry() {
        // Written by an earlier version: the picked hold is still an entry, and its ShipLine (layout 1) names no units.
        var picked = new SkuStock.Hold(Map.of(1, 3), 0, true, 1);
        var stock = new SkuStock(SKU, null, 5, Map.of("o-1", picked), 0);
        var then = decider.decision(ship("o-1", SKU, 0), stock, Fixtures.DECIDED_AT);
        assertThat(then.facts()).singleElement().isInstanceOfSatisfying(LineShipped.class,
                shipped -> assertThat(shipped.quantity()).isEqualTo(3));
        assertThat(then.state().holds()).isEmpty();
        assertThat(then.state().onHand()).isEqualTo(2);
        assertThat(then.state().reserved()).isZero();
    }

    @Test
    void a_shipment_that_overtook_its_pack_ships_the_hold_and_the_pack_then_changes_nothing() {
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 5, "R1")), reserve("o-1", 1, SKU, 3));
        var shipRequest = ship("o-1", SKU, 3);
        var then = scenario.when(shipRequest).then(new LineShipped("o-1", SKU, 3, 0,
                Causation.causedBy(shipRequest.metadata(), "warehouse", "LineShipped", 0, Fixtures.DECIDED_AT)));
        assertThat(then.after().holds()).isEmpty();
        assertThat(then.after().onHand()).isEqualTo(2);
        assertThat(then.after().shipped()).isEqualTo(3);
        assertThat(then.after().reserved()).isZero();
        assertThat(then.after().packed()).isZero();
        scenario.when(pack("o-1", SKU, 3)).thenNothing();
    }

    @Test
    void nothing_ships_that_was_never_held() {
        givenReceived(5).when(ship("o-9", SKU, 0)).thenNothing();
    }

    @Test
    void an_earlier_versions_pick_for_an_order_that_holds_nothing_reports_everything_missing() {
        var then = givenReceived(5).when(pick("o-9", SKU, 2));
        assertThat(then.events()).singleElement()
                .isEqualTo(new LinePicked("o-9", SKU, 0, 2, ((LinePicked) then.events().getFirst()).metadata()));
    }

    @Test
    void missing_units_come_out_of_unreserved_stock_first() {
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 10, "R1")), reserve("o-1", 1, SKU, 4));
        var adjustment = stockAdjusted(SKU, -5, "A1");
        var then = scenario.when(new Adjust(adjustment)).then(new ShelfCorrected(adjustment, -5));
        assertThat(then.after().onHand()).isEqualTo(5);
        assertThat(then.after().available()).isEqualTo(1);
        assertThat(then.after().reservedByOrder()).containsEntry("o-1", 4);
        assertThat(then.after().missing()).isZero();
    }

    @Test
    void when_the_shelf_has_fewer_units_than_reserved_the_newest_reservations_are_marked_missing_and_their_orders_told() {
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 10, "R1")),
                reserve("o-1", 1, SKU, 4), reserve("o-2", 1, SKU, 4));
        var adjustment = stockAdjusted(SKU, -5, "A1"); // 2 unreserved + 3 of the reservations
        var then = scenario.when(new Adjust(adjustment)).then(new ShelfCorrected(adjustment, -5),
                new LineMissing("o-2", SKU, 3, missingFrom(adjustment, 1)));
        assertThat(then.after().available()).isZero();
        assertThat(then.after().onHand()).isEqualTo(5);
        assertThat(then.after().missing()).isEqualTo(3);
        assertThat(then.after().reservedByOrder()).containsEntry("o-1", 4).containsEntry("o-2", 1);

        // an order an earlier version left packing: its pick reports it
        var pickRequest = pick("o-2", SKU, 4);
        var picked = decider.decision(pickRequest, scenario.state(), Fixtures.DECIDED_AT);
        assertThat(picked.facts()).containsExactly(new LinePicked("o-2", SKU, 1, 3,
                Causation.causedBy(pickRequest.metadata(), "warehouse", "LinePicked", 0, Fixtures.DECIDED_AT)));
    }

    private static EventMetadata missingFrom(StockAdjusted adjustment, int index) {
        return Causation.causedBy(adjustment.getMetadata(), "warehouse", "LineMissing", index, Fixtures.DECIDED_AT);
    }

    @Test
    void an_order_that_packed_before_it_heard_of_the_count_takes_the_count_back_for_its_units() {
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 10, "R1")),
                reserve("o-1", 1, SKU, 4), reserve("o-2", 1, SKU, 4), new Adjust(stockAdjusted(SKU, -5, "A1")));
        var packRequest = pack("o-2", SKU, 4); // decided when paid, before the order read its LineMissing
        var then = scenario.when(packRequest).then(new LinePacked("o-2", SKU, 4, 3,
                Causation.causedBy(packRequest.metadata(), "warehouse", "LinePacked", 0, Fixtures.DECIDED_AT)));
        assertThat(then.after().onHand()).as("the 3 units were in its package, not missing").isEqualTo(8);
        assertThat(then.after().missing()).isZero();
        assertThat(then.after().packed()).isEqualTo(4);
        assertThat(then.after().reserved()).isEqualTo(8);
        assertThat(then.after().available()).isZero();
        assertThat(then.after().holds()).doesNotContainKey("o-2");
        var shipped = scenario.when(ship("o-2", SKU, 4)).after();
        assertThat(shipped.onHand()).isEqualTo(4);
        assertThat(shipped.reserved()).isEqualTo(4);
        assertThat(shipped.available()).isZero();

        // the same when the shipment overtakes the pack
        var overtaken = Scenario.given(decider, new Receive(stockReceived(SKU, 10, "R1")),
                reserve("o-1", 1, SKU, 4), reserve("o-2", 1, SKU, 4), new Adjust(stockAdjusted(SKU, -5, "A1")));
        var shipRequest = ship("o-2", SKU, 4);
        assertThat(overtaken.when(shipRequest).events()).containsExactly(new LineShipped("o-2", SKU, 4, 3,
                Causation.causedBy(shipRequest.metadata(), "warehouse", "LineShipped", 0, Fixtures.DECIDED_AT)));
        assertThat(overtaken.state()).isEqualTo(shipped);
    }

    @Test
    void the_shortfall_spills_over_to_older_reservations_when_the_newest_is_too_small() {
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 6, "R1")),
                reserve("o-1", 1, SKU, 3), reserve("o-2", 1, SKU, 2));
        var adjustment = stockAdjusted(SKU, -5, "A1");
        scenario.when(new Adjust(adjustment)).then(new ShelfCorrected(adjustment, -5),
                new LineMissing("o-2", SKU, 2, missingFrom(adjustment, 1)),
                new LineMissing("o-1", SKU, 2, missingFrom(adjustment, 2)));
        assertThat(scenario.state().available()).isZero();
        assertThat(scenario.state().reserved()).isEqualTo(1);
    }

    @Test
    void packed_units_are_not_on_the_shelf_so_a_count_cannot_lose_them() {
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 5, "R1")),
                reserve("o-1", 1, SKU, 3), pack("o-1", SKU, 3));
        var tooMany = stockAdjusted(SKU, -4, "A1"); // only 2 units are on the shelf
        var then = scenario.when(new Adjust(tooMany)).then(new Refused(SKU, "StockAdjusted", new Refusal("quantityDelta",
                "would take 4 unit(s) off the shelf, which holds 2 (packed units cannot go missing)")));
        assertThat(then.after()).isEqualTo(then.before());
        var adjustment = stockAdjusted(SKU, -2, "A2");
        scenario.when(new Adjust(adjustment)).then(new ShelfCorrected(adjustment, -2));
        assertThat(scenario.state().onHand()).isEqualTo(3);
        assertThat(scenario.state().available()).isZero();
        assertThat(scenario.state().reserved()).isEqualTo(3);
        assertThat(scenario.state().packed()).isEqualTo(3);
    }

    @Test
    void found_units_become_available() {
        var adjustment = stockAdjusted(SKU, 2, "A1");
        var then = givenReceived(5).when(new Adjust(adjustment)).then(new ShelfCorrected(adjustment, 2));
        assertThat(then.after().available()).isEqualTo(7);
    }

    @Test
    void the_state_of_a_sku_does_not_grow_with_its_receipts() {
        var scenario = givenReceived(1);
        SkuStock afterOne = scenario.state();
        for (int i = 0; i < 1_000; i++) {
            scenario.apply(new Receive(stockReceived(SKU, 1, "bulk-" + i)));
        }
        assertThat(scenario.state()).isEqualTo(new SkuStock(SKU, afterOne.item(), 1_001, Map.of(), 0));
    }

    @Test
    void a_rebuild_from_the_recorded_facts_equals_the_live_stock() {
        var scenario = Scenario.given(decider, new Receive(stockReceived(SKU, 10, "R1")),
                reserve("o-1", 1, SKU, 4), reserve("o-2", 1, SKU, 4), reserve("o-3", 1, SKU, 9),
                new Adjust(stockAdjusted(SKU, -5, "A1")), pick("o-1", SKU, 4), ship("o-1", SKU, 4),
                release("o-2", SKU, "item not found"), reserve("o-4", 1, SKU, 1), pack("o-4", SKU, 1),
                release("o-4", SKU, "dispatch failed", 1), new Receive(stockReceived(SKU, 2, "R2")),
                reserve("o-5", 1, SKU, 2), ship("o-5", SKU, 2),
                pack("o-5", SKU, 2));
        assertThat(scenario.rebuilt()).isEqualTo(scenario.state());
    }
}
