package com.musiccorp.platform.avro;

import com.musiccorp.platform.avro.testevents.OrderLine;
import com.musiccorp.platform.avro.testevents.OrderPlaced;
import com.musiccorp.platform.kafka.EmbeddedKafkaBroker;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import org.apache.avro.generic.GenericRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Serialize/deserialize throughput for a ~200-byte event, single thread. Not a test (the suite
 * never runs it). Run after {@code install}:
 * <pre>
 * ./musiccorp mvn -q -f platform/avro-serde/pom.xml exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.musiccorp.platform.avro.AvroSerdeBenchmark [-Dexec.args="--records 2000000 --registry http://host:8081"]
 * </pre>
 * Without --registry it starts an embedded broker and the project's registry. The registry is asked
 * once per schema; the numbers measure the serdes, not the registry.
 */
public final class AvroSerdeBenchmark {

    public static void main(String[] args) throws Exception {
        int records = 1_000_000;
        String registryUrl = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--records" -> records = Integer.parseInt(args[i + 1]);
                case "--registry" -> registryUrl = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --records N, --registry URL");
            }
        }
        if (registryUrl != null) {
            run(registryUrl, records);
            return;
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
             SchemaRegistryServer registry = SchemaRegistryServer.start(broker.bootstrapServers(), 0)) {
            run(registry.url(), records);
        }
    }

    private static void run(String registryUrl, int records) {
        Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        OrderPlaced event = sampleEvent();
        try (AvroSerializer<OrderPlaced> serializer = new AvroSerializer<>();
             AvroDeserializer<OrderPlaced> specific = new AvroDeserializer<>();
             AvroDeserializer<GenericRecord> generic = new AvroDeserializer<>()) {
            serializer.configure(config, false);
            specific.configure(config, false);
            generic.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
            byte[] bytes = serializer.serialize("orders", event);
            System.out.printf("record: %d bytes (5 header + %d Avro), %,d records per pass%n",
                    bytes.length, bytes.length - WireFormat.HEADER_SIZE, records);
            for (int pass = 1; pass <= 3; pass++) { // pass 1 is JIT warm-up
                long sink = 0;
                long t0 = System.nanoTime();
                for (int i = 0; i < records; i++) sink += serializer.serialize("orders", event).length;
                long t1 = System.nanoTime();
                for (int i = 0; i < records; i++) sink += specific.deserialize("orders", bytes).getLines().size();
                long t2 = System.nanoTime();
                for (int i = 0; i < records; i++) sink += generic.deserialize("orders", bytes).getSchema().getFields().size();
                long t3 = System.nanoTime();
                System.out.printf("pass %d: serialize %,.0f rec/s | deserialize specific %,.0f rec/s | generic %,.0f rec/s  (%d)%n",
                        pass, rate(records, t0, t1), rate(records, t1, t2), rate(records, t2, t3), sink % 10);
            }
        }
    }

    private static double rate(int records, long fromNanos, long toNanos) {
        return records / ((toNanos - fromNanos) / 1e9);
    }

    /** 201 bytes framed: 5 header + 196 Avro. */
    static OrderPlaced sampleEvent() {
        return OrderPlaced.newBuilder()
                .setOrderId("0b7c3c1e-9a4f-4d2a-8a51-1f0e6c2d9b77")
                .setCustomerId("customer-000042")
                .setLines(List.of(
                        new OrderLine("CD-0001-ABBEY", "Abbey Road (2019 Remaster)", 1, 1299L),
                        new OrderLine("LP-0042-KINDB", "Kind of Blue - 180g Vinyl", 2, 2499L),
                        new OrderLine("LP-0077-BLUET", "Blue Train 2LP", 1, 3199L)))
                .setTotalCents(9496L)
                .setCurrency("GBP")
                .setShippingPostcode("EC1A 1BB")
                .setPlacedAt(Instant.parse("2026-11-23T10:15:30.123Z"))
                .build();
    }
}
