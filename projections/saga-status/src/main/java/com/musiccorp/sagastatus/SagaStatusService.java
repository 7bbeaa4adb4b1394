package com.musiccorp.sagastatus;

import com.musiccorp.platform.metrics.ProcessMeters;
import com.musiccorp.platform.streams.ContextService;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.http.deadletters.DeadLetterQueue;
import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.platform.streams.StreamsSettings;
import com.musiccorp.platform.streams.rebuild.StateRebuilds;
import com.musiccorp.sagastatus.http.SagaStatusHttpServer;
import com.musiccorp.sagastatus.stream.SagaMeters;
import com.musiccorp.sagastatus.stream.SagaQueries;
import com.musiccorp.sagastatus.stream.SagaStatusFold;
import com.musiccorp.sagastatus.stream.SagaUpdates;
import com.musiccorp.sagastatus.stream.StreamsLocalStores;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

import java.util.Optional;
import java.util.Properties;

/**
 * Runs the saga-status projection: the topology that folds every context's events into sagas by
 * correlation id, and its HTTP views ({@code /sagas}, {@code /choreography}, {@code /health/ready},
 * {@code /prometheus} with the saga meters of {@link SagaMeters}).
 * Prints {@code READY saga-status http=http://localhost:PORT} once Streams is RUNNING with its
 * stores restored and HTTP serves; on SIGTERM stops HTTP, then leaves the group.
 */
public final class SagaStatusService {

    private SagaStatusService() {
    }

    public static void main(String[] args) throws InterruptedException {
        ContextSettings context = ContextSettings.fromEnvironment("saga-status");
        SagaStatusSettings settings = SagaStatusSettings.fromEnvironment();
        Properties streamsProperties = StreamsSettings.forRebuildableContext(context);
        Serde<SpecificRecord> events = EventSerdes.anyEvent(streamsProperties);
        SagaUpdates updates = new SagaUpdates();

        SagaStatusFold fold = new SagaStatusFold(events, settings.stallAfter(), settings.stallCheck(), updates,
                SagaStatusHttpServer::view);
        StreamsRuntime runtime = new StreamsRuntime(fold.foldTopology(streamsProperties, Optional.empty()),
                streamsProperties);
        SagaQueries queries = new SagaQueries(new StreamsLocalStores(runtime));
        SagaMeters.stalledGauge(ProcessMeters.meters(), queries);
        StateRebuilds rebuilds = new StateRebuilds("saga-status", runtime, streamsProperties,
                StreamsSettings.generations(context), fold);
        ContextService.run("saga-status", runtime, settings.httpPort(),
                port -> SagaStatusHttpServer.start(port, runtime, DeadLetterQueue.of(context), queries, updates,
                        new KeyOwners(runtime, context.applicationServer()), rebuilds), rebuilds, updates, events);
    }
}
