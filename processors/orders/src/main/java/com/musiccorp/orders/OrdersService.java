package com.musiccorp.orders;

import com.musiccorp.orders.http.PersonalFields;
import com.musiccorp.platform.personaldata.PersonalData;
import com.musiccorp.platform.personaldata.kafka.KafkaCustomerKeys;
import com.musiccorp.platform.kafka.TopicCatalog;
import java.time.Duration;
import com.musiccorp.orders.domain.CancelOrder;
import com.musiccorp.orders.domain.OrderPlacement;
import com.musiccorp.orders.http.OrderCancelling;
import com.musiccorp.orders.http.OrderPlacing;
import com.musiccorp.orders.http.OrdersHttpServer;
import com.musiccorp.orders.stream.OrderStoreQueries;
import com.musiccorp.orders.stream.OrdersFold;
import com.musiccorp.orders.stream.OrdersTopology;
import com.musiccorp.orders.stream.PlacedBeforeStart;
import com.musiccorp.orders.stream.ReachablePositions;
import com.musiccorp.platform.streams.AckedPublisher;
import com.musiccorp.platform.streams.ContextService;
import com.musiccorp.platform.http.deadletters.DeadLetterQueue;
import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.EventPublisher;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.platform.streams.StreamsSettings;
import com.musiccorp.platform.streams.rebuild.StateRebuilds;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

import java.util.Properties;

/**
 * Runs the orders context: the Kafka Streams topology that ends each order's saga, and the HTTP
 * API that places and shows orders. Prints {@code READY orders http=http://localhost:PORT} once
 * Streams is RUNNING with its store restored and HTTP serves (the start command waits for that
 * line); on SIGTERM stops taking requests first, then leaves the consumer group.
 */
public final class OrdersService {

    /** Every key made before this process must be known before it seals (a retry must seal as its first try did). */
    private static final Duration KEYS_READ = Duration.ofSeconds(60);

    private OrdersService() {
    }

    public static void main(String[] args) throws InterruptedException {
        ContextSettings context = ContextSettings.fromEnvironment("orders");
        OrdersSettings settings = OrdersSettings.fromEnvironment();
        Properties streamsProperties = StreamsSettings.forRebuildableContext(context);
        Serde<SpecificRecord> events = EventSerdes.anyEvent(streamsProperties);

        StreamsRuntime runtime = new StreamsRuntime(OrdersTopology.build(events, streamsProperties), streamsProperties);
        EventPublisher publisher = new EventPublisher(context.kafkaConnection(), "orders-http", events.serializer());
        OrderStoreQueries store = new OrderStoreQueries(runtime);
        ReachablePositions positions = new ReachablePositions(context.kafkaConnection());
        KafkaCustomerKeys keys = KafkaCustomerKeys.maker(context.kafkaConnection(), "orders");
        if (!keys.awaitCaughtUp(KEYS_READ)) {
            throw new IllegalStateException("could not read " + TopicCatalog.CUSTOMER_KEYS + " within " + KEYS_READ);
        }
        PersonalData personalData = new PersonalData(keys);
        PersonalFields personalFields = new PersonalFields(personalData);
        OrderPlacing placing = new OrderPlacing(new OrderPlacement(settings.shippingPolicy()), personalData,
                store, publisher, new PlacedBeforeStart(positions::ends, runtime::hasCommitted, (partition, end) ->
                        positions.onlyMarkersLeft(runtime.applicationId(), TopicCatalog.ORDERS_EVENTS, partition, end)));

        AckedPublisher<CancelOrder> commands = new AckedPublisher<>(context.kafkaConnection(), "orders-commands-http",
                OrdersTopology.COMMANDS.serializer());
        OrderCancelling cancelling = new OrderCancelling(store, commands);

        StateRebuilds rebuilds = new StateRebuilds("orders", runtime, streamsProperties,
                StreamsSettings.generations(context), new OrdersFold(events, personalFields::opened));

        ContextService.run("orders", runtime, settings.httpPort(),
                port -> OrdersHttpServer.start(port, runtime, DeadLetterQueue.of(context), store, placing, cancelling, positions,
                        new KeyOwners(runtime, context.applicationServer()), rebuilds, keys, personalFields),
                rebuilds, publisher, commands, positions, keys, events);
    }
}
