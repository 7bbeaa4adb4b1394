package com.musiccorp.loyalty;

import com.musiccorp.loyalty.domain.CustomerBalanceDecider;
import com.musiccorp.loyalty.domain.OrderPointsDecider;
import com.musiccorp.loyalty.http.LoyaltyHttpServer;
import com.musiccorp.loyalty.stream.LoyaltyTopology;
import com.musiccorp.platform.streams.ContextService;
import com.musiccorp.platform.http.deadletters.DeadLetterQueue;
import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.platform.streams.StreamsSettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

import java.util.Properties;

/**
 * Runs the loyalty context: the Kafka Streams topology that credits points for dispatched orders,
 * {@code GET /loyalty/{customerId}} and {@code GET /health/ready}. Prints
 * {@code READY loyalty http=http://localhost:PORT} once Streams is RUNNING with its stores restored
 * and HTTP serves; on SIGTERM stops HTTP, then leaves the group.
 */
public final class LoyaltyService {

    private LoyaltyService() {
    }

    public static void main(String[] args) throws InterruptedException {
        ContextSettings context = ContextSettings.fromEnvironment("loyalty");
        LoyaltySettings settings = LoyaltySettings.fromEnvironment();
        Properties streamsProperties = StreamsSettings.forContext(context);
        Serde<SpecificRecord> events = EventSerdes.anyEvent(streamsProperties);

        StreamsRuntime runtime = new StreamsRuntime(LoyaltyTopology.build(events, streamsProperties,
                new OrderPointsDecider(), new CustomerBalanceDecider()), streamsProperties);
        ContextService.run("loyalty", runtime, settings.httpPort(), port -> LoyaltyHttpServer.start(port, runtime, DeadLetterQueue.of(context),
                new KeyOwners(runtime, context.applicationServer())), events);
    }
}
