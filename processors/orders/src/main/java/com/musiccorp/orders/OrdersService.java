package com.musiccorp.orders;

import com.musiccorp.orders.domain.OrderPlacement;
import com.musiccorp.orders.http.OrderPlacing;
import com.musiccorp.orders.http.OrdersHttpServer;
import com.musiccorp.orders.stream.OrderEventPublisher;
import com.musiccorp.orders.stream.OrderStoreQueries;
import com.musiccorp.orders.stream.OrdersTopology;
import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.platform.streams.StreamsSettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the orders context: the Kafka Streams topology that ends each order's saga, and the HTTP
 * API that places and shows orders. Prints {@code READY orders http=http://localhost:PORT} once
 * Streams is RUNNING with its store restored and HTTP serves (the start command waits for that
 * line); on SIGTERM stops taking requests first, then leaves the consumer group.
 */
public final class OrdersService {

    private static final Logger log = LoggerFactory.getLogger(OrdersService.class);

    private OrdersService() {
    }

    public static void main(String[] args) throws InterruptedException {
        ContextSettings context = ContextSettings.fromEnvironment("orders");
        OrdersSettings settings = OrdersSettings.fromEnvironment();
        Properties streamsProperties = StreamsSettings.forContext(context);
        Serde<SpecificRecord> events = EventSerdes.anyEvent(streamsProperties);

        StreamsRuntime runtime = new StreamsRuntime(OrdersTopology.build(events, streamsProperties), streamsProperties);
        OrderEventPublisher publisher = new OrderEventPublisher(context.bootstrapServers(), events.serializer());
        OrderStoreQueries store = new OrderStoreQueries(runtime);
        OrderPlacing placing = new OrderPlacing(new OrderPlacement(settings.shippingPolicy(), UUID::randomUUID),
                store, publisher);

        runtime.start();
        OrdersHttpServer http;
        try {
            http = OrdersHttpServer.start(settings.httpPort(), runtime, store, placing);
        } catch (RuntimeException e) {
            System.err.println("orders could not serve HTTP on port " + settings.httpPort() + ": " + e);
            runtime.close();
            publisher.close();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            log.info("Stopping: HTTP first, then Kafka Streams (leaving the group)");
            http.close();      // no new requests that would need Streams or the producer
            runtime.close();   // leaves the group: a restart gets its partitions back in seconds
            publisher.close();
            events.close();
            log.info("Stopped");
            stopped.countDown();
        }, "orders-shutdown"));

        while (!runtime.isReady() && !stopping.get()) {
            KafkaStreams.State state = runtime.state();
            if ((state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) && !stopping.get()) {
                System.err.println("orders: Kafka Streams stopped before it was ready (" + state + ")");
                System.exit(1);
            }
            Thread.sleep(100);
        }
        if (!stopping.get()) {
            System.out.println("READY orders http=http://localhost:" + http.port());
        }
        stopped.await();
    }
}
