package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.avro.AvroSerializer;
import com.musiccorp.platform.avro.HttpSchemaRegistryClient;
import com.musiccorp.platform.avro.RegisteredSchema;
import com.musiccorp.platform.avro.SchemaRegistryException;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.kafka.TopicSpec;
import com.musiccorp.platform.streams.EventHeaders;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish events written as plain JSON, validated against the schema registered for "
                + "com.musiccorp.events.<EventType> (its latest version).",
                "Input (--file or stdin): one JSON object, an array of objects, or one object per line. "
                        + "Everything is validated first; nothing is published unless every event is valid.",
                "Missing metadata fields are filled: eventId random, correlationId from --correlation-id or "
                        + "derived from the key as orders does, occurredAt now, producer \"cli\", schemaVersion 1."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:published", "1:the registry or cluster failed", "2:invalid input; nothing published"})
final class PublishCommand implements Callable<Integer> {
    private static final String NAMESPACE = "com.musiccorp.events.";

    private final MusicCorpCli.Io io;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "A topic of the catalog, e.g. orders.events.")
    String topic;
    @Parameters(index = "1", paramLabel = "EVENT_TYPE", description = "The event type, e.g. OrderPlaced.")
    String eventType;
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the JSON from FILE instead of stdin.")
    Path file;
    @Option(names = "--correlation-id", paramLabel = "ID",
            description = "Correlation id for events whose metadata has none.")
    String correlationId;
    @Mixin
    Options.Kafka kafka;
    @Mixin
    Options.Registry registry;
    @Mixin
    Options.Output output;

    PublishCommand(MusicCorpCli.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        TopicSpec spec = TopicCatalog.find(topic).orElseThrow(() -> CliException.invalid("no topic '" + topic
                + "' in the catalog; event topics: " + eventTopics()));
        String subject = NAMESPACE + eventType;
        if (!spec.valueSubjects().contains(subject)) {
            throw CliException.invalid("topic " + topic + " does not carry " + eventType + "; it carries "
                    + spec.valueSubjects().stream().map(s -> s.substring(NAMESPACE.length())).toList());
        }
        String keyField = spec.key().equals("sku") ? "sku" : "orderId";
        List<JsonNode> inputs = EventInput.parse(readInput());

        try (var registryClient = registry.client()) {
            RegisteredSchema latest = latest(registryClient, subject);
            List<Event> events = validate(inputs, latest, keyField);
            io.err().printf("%d %s event(s) valid against %s version %d (id %d); publishing to %s%n",
                    events.size(), eventType, subject, latest.version(), latest.id(), topic);
            List<RecordMetadata> written = publish(registryClient, events);
            for (int i = 0; i < events.size(); i++) report(events.get(i), written.get(i));
        }
        return MusicCorpCli.OK;
    }

    private String readInput() {
        try {
            if (file != null) return Files.readString(file, StandardCharsets.UTF_8);
            InputStream in = io.in();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.invalid("cannot read " + (file == null ? "stdin" : file) + ": " + e.getMessage());
        }
    }

    private static RegisteredSchema latest(HttpSchemaRegistryClient registryClient, String subject) {
        try {
            return registryClient.latest(subject);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw CliException.failed("subject " + subject + " is not registered in the registry: "
                        + "run `schemas register` (or start the system) first");
            }
            throw CliException.failed("cannot read subject " + subject + " from the registry: " + e.getMessage());
        }
    }

    /** Every event converted, or every problem of every event reported (exit 2) and nothing published. */
    private List<Event> validate(List<JsonNode> inputs, RegisteredSchema latest, String keyField) {
        MetadataDefaults defaults = new MetadataDefaults(correlationId, Instant.now());
        List<Event> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i).deepCopy();
            defaults.fill(input, keyField);
            JsonToAvro.Result result = JsonToAvro.convert(input, latest.schema());
            String prefix = inputs.size() == 1 ? "" : "event " + (i + 1) + ": ";
            if (result.valid()) {
                events.add(new Event(result.record(), keyField));
            } else {
                result.violations().forEach(v -> problems.add(prefix + v));
            }
        }
        if (!problems.isEmpty()) {
            throw CliException.invalid(String.join("\n", problems) + "\n" + problems.size()
                    + " problem(s) against " + latest.subject() + " version " + latest.version()
                    + "; nothing published");
        }
        return events;
    }

    private List<RecordMetadata> publish(HttpSchemaRegistryClient registryClient, List<Event> events) {
        // Write with the registered latest schema's id; never register anything from here.
        Map<String, Object> config = registry.serdeConfig();
        config.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);
        config.put(AvroSerdeConfig.USE_LATEST_VERSION, true);
        var values = new AvroSerializer<GenericRecord>(registryClient, config, false);
        try (KafkaProducer<String, GenericRecord> producer =
                     Clients.transactionalProducer(kafka.bootstrapServers, new StringSerializer(), values)) {
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Event event : events) {
                SpecificRecord typed = event.typed();
                sent.add(producer.send(new ProducerRecord<>(topic, null, event.timestamp(), event.key(),
                        event.record(), EventHeaders.of(typed))));
            }
            producer.commitTransaction();
            List<RecordMetadata> written = new ArrayList<>();
            for (Future<RecordMetadata> f : sent) written.add(f.get());
            return written;
        } catch (KafkaException | ExecutionException e) {
            throw CliException.failed("publishing failed, nothing was published: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted; nothing was published");
        }
    }

    private void report(Event event, RecordMetadata written) {
        if (output.json) {
            ObjectNode line = Json.object().put("topic", written.topic()).put("partition", written.partition())
                    .put("offset", written.offset()).put("key", event.key()).put("timestamp", event.timestamp());
            line.put("eventType", eventType).put("eventId", event.metadata("eventId"))
                    .put("correlationId", event.metadata("correlationId"));
            io.out().println(Json.compact(line));
        } else {
            io.out().printf("published %s key=%s to %s[%d]@%d eventId=%s correlationId=%s%n", eventType, event.key(),
                    written.topic(), written.partition(), written.offset(), event.metadata("eventId"),
                    event.metadata("correlationId"));
        }
    }

    private static List<String> eventTopics() {
        return TopicCatalog.all().stream().filter(t -> !t.valueSubjects().isEmpty()).map(TopicSpec::name).toList();
    }
}
