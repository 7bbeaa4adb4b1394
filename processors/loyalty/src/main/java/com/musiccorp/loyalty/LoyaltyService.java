package com.musiccorp.loyalty;

import com.musiccorp.loyalty.domain.CustomerBalanceDecider;
import com.musiccorp.loyalty.domain.OrderPointsDecider;
import com.musiccorp.loyalty.http.LoyaltyHttpServer;
import com.musiccorp.loyalty.stream.LoyaltyTopology;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the loyalty context: the Kafka Streams topology that credits points for dispatched orders,
 * {@code GET /loyalty/{customerId}} and {@code GET /health/ready}. Prints
 * {@code READY loyalty http=http://localhost:PORT} once Streams is RUNNING with its stores restored
 * and HTTP serves; on SIGTERM stops HTTP, then leaves the group.
 */
public final class LoyaltyService {

    private static final Logger log = LoggerFactory.getLogger(LoyaltyService.class);

    private LoyaltyService() {
    }

    public static void main(String[] args) throws InterruptedException {
        ContextSettings context = ContextSettings.fromEnvironment("loyalty");
        LoyaltySettings settings = LoyaltySettings.fromEnvironment();
        Properties streamsProperties = StreamsSettings.forContext(context);
        Serde<SpecificRecord> events = EventSerdes.anyEvent(streamsProperties);

        StreamsRuntime runtime = new StreamsRuntime(LoyaltyTopology.build(events, streamsProperties,
                new OrderPointsDecider(), new CustomerBalanceDecider()), streamsProperties);
        runtime.start();
        LoyaltyHttpServer http;
        try {
            http = LoyaltyHttpServer.start(settings.httpPort(), runtime);
        } catch (RuntimeException e) {
            System.err.println("loyalty could not serve HTTP on port " + settings.httpPort() + ": " + e);
            runtime.close();
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
            events.close();
            log.info("Stopped");
            stopped.countDown();
        }, "loyalty-shutdown"));

        while (!runtime.isReady() && !stopping.get()) {
            KafkaStreams.State state = runtime.state();
            if ((state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) && !stopping.get()) {
                System.err.println("loyalty: Kafka Streams stopped before it was ready (" + state + ")");
                System.exit(1);
            }
            Thread.sleep(100);
        }
        if (!stopping.get()) {
            System.out.println("READY loyalty http=http://localhost:" + http.port());
        }
        stopped.await();
    }
}
