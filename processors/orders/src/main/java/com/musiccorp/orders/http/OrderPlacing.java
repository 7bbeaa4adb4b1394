package com.musiccorp.orders.http;

import com.musiccorp.orders.domain.Order;
import com.musiccorp.orders.domain.OrderCommandRefused;
import com.musiccorp.orders.domain.OrderDecider;
import com.musiccorp.orders.domain.OrderPlacement;
import com.musiccorp.orders.domain.PlaceOrder;
import com.musiccorp.orders.domain.PlaceOrderRequest;
import com.musiccorp.orders.domain.Violation;
import com.musiccorp.orders.stream.OrderStoreQueries;
import com.musiccorp.orders.stream.PlacedBeforeStart;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.personaldata.PersonalData;
import com.musiccorp.platform.streams.AckedPublisher;
import com.musiccorp.platform.streams.EventPublisher;
import com.musiccorp.platform.streams.PositionToken;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A customer places an order: validate and price it, seal its personal fields, decide against what is known of the order
 * (so a retry with the same idempotency key places nothing new), and write the {@code OrderPlaced}.
 *
 * <p>Every request carries an idempotency key, which names the order, so every request reads the
 * store first: a retry finds its order and places nothing new.
 */
public final class OrderPlacing {

    /** What happened to the request. */
    public sealed interface Outcome {
        /**
         * The order is placed (now, or by an earlier try of the same request).
         *
         * @param position what this request wrote, for a read-your-writes query; null when it wrote nothing
         */
        record Placed(String orderId, String correlationId, PositionToken position) implements Outcome {
        }

        /** Nothing was placed; every reason, each tied to its field. */
        record Refused(List<Violation> violations) implements Outcome {
        }
    }

    private static final int LOCK_STRIPES = 64;

    private final OrderPlacement placement;
    private final PersonalData personalData;
    private final OrderStoreQueries store;
    private final EventPublisher publisher;
    private final RecentlyPlaced recentlyPlaced = new RecentlyPlaced(10_000);
    private final PlacedBeforeStart placedBeforeStart;
    private final Object[] locks = new Object[LOCK_STRIPES];

    public OrderPlacing(OrderPlacement placement, PersonalData personalData, OrderStoreQueries store,
            EventPublisher publisher, PlacedBeforeStart placedBeforeStart) {
        this.placedBeforeStart = placedBeforeStart;
        this.personalData = personalData;
        this.placement = placement;
        this.store = store;
        this.publisher = publisher;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * @throws OrderCommandRefused               the idempotency key was used for a different order (409)
     * @throws OrderStoreQueries.StoreNotReady   the order store cannot say whether this is a retry (503)
     * @throws AckedPublisher.PublishFailed     the broker did not acknowledge the event or a new customer's key (503)
     */
    public Outcome place(PlaceOrderRequest request, Instant now) {
        return switch (placement.place(request, now)) {
            case OrderPlacement.Result.Refused refused -> new Outcome.Refused(refused.violations());
            case OrderPlacement.Result.Accepted accepted -> decideAndPublish(sealed(accepted.command()));
        };
    }

    /**
     * The command with its personal fields sealed under the customer's key (made now for a new
     * customer), before it meets the state: the event, the store and every copy downstream hold only
     * sealed text, and a retry seals to the same text, so it still compares equal.
     */
    private PlaceOrder sealed(PlaceOrder command) {
        try {
            return command.withPersonalFields(personalData.sealerFor(command.customerId()));
        } catch (IllegalStateException e) {
            throw new AckedPublisher.PublishFailed("the customer's key could not be written: " + e.getMessage(), e);
        }
    }

    private Outcome decideAndPublish(PlaceOrder command) {
        String orderId = command.orderId();
        // Two tries of the same request on this instance take turns, so the second sees the first.
        synchronized (locks[Math.floorMod(orderId.hashCode(), LOCK_STRIPES)]) {
            Order known = known(orderId);
            OrderDecider.Step step = OrderDecider.step(known, command, command.placedAt());
            List<RecordMetadata> written = new ArrayList<>();
            for (SpecificRecord event : step.emitted()) {
                written.add(publisher.publish(TopicCatalog.ORDERS_EVENTS, orderId, event));
            }
            recentlyPlaced.remember(step.state());
            return new Outcome.Placed(orderId, step.state().correlationId(),
                    written.isEmpty() ? null : PositionToken.of(written));
        }
    }

    /**
     * The order as the store knows it or, in the gap before the store has caught up, as placed here;
     * unknown only once the store has read back what earlier processes placed ({@link PlacedBeforeStart}).
     */
    private Order known(String orderId) {
        Optional<Order> stored = store.find(orderId);
        if (stored.isPresent() && stored.get().isPlaced()) {
            return stored.get();
        }
        Optional<Order> placedHere = recentlyPlaced.find(orderId);
        if (placedHere.isPresent()) {
            return placedHere.get();
        }
        placedBeforeStart.requireReadBack(orderId); // or an order an earlier process placed is not seen yet
        return stored.orElseGet(OrderDecider::initialState);
    }
}
