package com.musiccorp.warehouse;

import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.platform.streams.StreamsSettings;
import com.musiccorp.warehouse.http.WarehouseHttpServer;
import com.musiccorp.warehouse.stream.SimulatedCarrier;
import com.musiccorp.warehouse.stream.StockPublisher;
import com.musiccorp.warehouse.stream.StockStoreQueries;
import com.musiccorp.warehouse.stream.WarehouseTopology;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the warehouse context: the Kafka Streams topology (reservation, packing, dispatch) and the
 * HTTP API for stock. Prints {@code READY warehouse http=http://localhost:PORT} once Streams is
 * RUNNING with its stores restored and HTTP serves; on SIGTERM stops HTTP first, then Streams.
 */
public final class WarehouseService {

    private static final Logger log = LoggerFactory.getLogger(WarehouseService.class);

    private WarehouseService() {
    }

    public static void main(String[] args) throws InterruptedException {
        ContextSettings context = ContextSettings.fromEnvironment("warehouse");
        WarehouseSettings settings = WarehouseSettings.fromEnvironment();
        Properties streamsProperties = StreamsSettings.forContext(context);
        Serde<SpecificRecord> events = EventSerdes.anyEvent(streamsProperties);

        WarehouseTopology.Dispatching dispatching = new WarehouseTopology.Dispatching(settings.dispatchPolicy(),
                new SimulatedCarrier(settings.carrierCapacity(), Clock.systemUTC()), settings.dispatchCheck());
        StreamsRuntime runtime = new StreamsRuntime(WarehouseTopology.build(events, streamsProperties, dispatching),
                streamsProperties);
        StockPublisher publisher = new StockPublisher(context.bootstrapServers(), events.serializer());
        StockStoreQueries store = new StockStoreQueries(runtime);

        runtime.start();
        WarehouseHttpServer http;
        try {
            http = WarehouseHttpServer.start(settings.httpPort(), runtime, store, publisher);
        } catch (RuntimeException e) {
            System.err.println("warehouse could not serve HTTP on port " + settings.httpPort() + ": " + e);
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
            http.close();
            runtime.close();
            publisher.close();
            events.close();
            log.info("Stopped");
            stopped.countDown();
        }, "warehouse-shutdown"));

        while (!runtime.isReady() && !stopping.get()) {
            KafkaStreams.State state = runtime.state();
            if ((state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) && !stopping.get()) {
                System.err.println("warehouse: Kafka Streams stopped before it was ready (" + state + ")");
                System.exit(1);
            }
            Thread.sleep(100);
        }
        if (!stopping.get()) {
            System.out.println("READY warehouse http=http://localhost:" + http.port());
        }
        stopped.await();
    }
}
