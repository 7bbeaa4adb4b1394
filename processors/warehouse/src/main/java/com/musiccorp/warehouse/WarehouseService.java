package com.musiccorp.warehouse;

import com.musiccorp.platform.personaldata.PersonalData;
import com.musiccorp.platform.personaldata.kafka.KafkaCustomerKeys;
import com.musiccorp.warehouse.stream.SealedAddressCarrier;
import com.musiccorp.platform.streams.EventPublisher;
import com.musiccorp.platform.streams.ContextService;
import com.musiccorp.platform.http.deadletters.DeadLetterQueue;
import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.platform.streams.StreamsSettings;
import com.musiccorp.warehouse.http.WarehouseHttpServer;
import com.musiccorp.warehouse.stream.FulfilmentStoreQueries;
import com.musiccorp.warehouse.stream.SimulatedCarrier;
import com.musiccorp.warehouse.stream.StockStoreQueries;
import com.musiccorp.warehouse.stream.WarehouseCommands;
import com.musiccorp.warehouse.stream.WarehouseTopology;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

import java.time.Clock;
import java.util.Properties;

/**
 * Runs the warehouse context: the Kafka Streams topology (reservation, packing, dispatch) and the
 * HTTP API for stock and fulfilments (operator dispatch retries go through warehouse.commands). Prints {@code READY warehouse http=http://localhost:PORT} once Streams is
 * RUNNING with its stores restored and HTTP serves; on SIGTERM stops HTTP first, then Streams.
 */
public final class WarehouseService {

    private WarehouseService() {
    }

    public static void main(String[] args) throws InterruptedException {
        ContextSettings context = ContextSettings.fromEnvironment("warehouse");
        WarehouseSettings settings = WarehouseSettings.fromEnvironment();
        Properties streamsProperties = StreamsSettings.forContext(context);
        Serde<SpecificRecord> events = EventSerdes.anyEvent(streamsProperties);

        // The carrier is the one reader of the sealed address lines: opened for the call only.
        KafkaCustomerKeys keys = KafkaCustomerKeys.reader(context.kafkaConnection(), "warehouse");
        WarehouseTopology.Dispatching dispatching = new WarehouseTopology.Dispatching(settings.dispatchPolicy(),
                new SealedAddressCarrier(new SimulatedCarrier(settings.carrierCapacity(), Clock.systemUTC()),
                        new PersonalData(keys)), settings.dispatchCheck());
        StreamsRuntime runtime = new StreamsRuntime(WarehouseTopology.build(events, streamsProperties, dispatching,
                settings.receiptIdRetention()),
                streamsProperties);
        EventPublisher publisher = new EventPublisher(context.kafkaConnection(), "warehouse-http", events.serializer());
        WarehouseCommands commands = new WarehouseCommands(context.kafkaConnection());
        StockStoreQueries store = new StockStoreQueries(runtime);
        FulfilmentStoreQueries fulfilments = new FulfilmentStoreQueries(runtime);

        ContextService.run("warehouse", runtime, settings.httpPort(),
                port -> WarehouseHttpServer.start(port, runtime, DeadLetterQueue.of(context), store, fulfilments, publisher, commands,
                        new KeyOwners(runtime, context.applicationServer())),
                publisher, commands, keys, events);
    }
}
