package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.kafka.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Show the records of topics, decoded: Avro through the registry, JSON command topics as "
                + "JSON, undecodable records with the error.",
                "Without topics: every saga event topic of the catalog. With --correlation-id: one saga's events "
                        + "across all those topics, as they happen."})
final class TailCommand implements Callable<Integer> {
    private final MusicCorpCli.Io io;

    @Parameters(arity = "0..*", paramLabel = "TOPIC", description = "Topics to read (default: every event topic).")
    List<String> topics = new ArrayList<>();
    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the end.")
    boolean fromBeginning;
    @Option(names = "--correlation-id", paramLabel = "ID",
            description = "Only records of this saga (correlation-id header, or metadata.correlationId).")
    String correlationId;
    @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type, e.g. OrderPlaced.")
    String type;
    @Option(names = "--follow", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep waiting for new records (default); --no-follow stops at the current end.")
    boolean follow;
    @Option(names = "--max", paramLabel = "N", description = "Stop after N records shown.")
    Long max;
    @Option(names = "--sealed", description = "Show customers' personal fields as the events carry them (sealed), "
            + "instead of opened with their keys ([erased] once a customer was erased).")
    boolean sealed;
    @Mixin
    Options.Kafka kafka;
    @Mixin
    Options.Registry registry;
    @Mixin
    Options.Output output;

    private long shown;
    private SealedFields personal;

    TailCommand(MusicCorpCli.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (max != null && max <= 0) throw CliException.invalid("--max must be at least 1");
        List<String> names = topics.isEmpty() ? sagaEventTopics() : topics;
        try (RecordDecoder decoder = new RecordDecoder(registry);
             SealedFields personal = sealed ? SealedFields.asWritten() : SealedFields.open(kafka.bootstrapServers, io.err());
             TopicReader reader = new TopicReader(kafka.bootstrapServers, names, fromBeginning)) {
            this.personal = personal;
            io.err().println("reading " + String.join(", ", names) + (fromBeginning ? " from the beginning" : " from now")
                    + (follow ? " (Ctrl-C stops)" : ""));
            io.err().flush();
            if (fromBeginning || !follow) {
                reader.readToEnd(record -> show(decoder, record), new Progress(io.err(), "tail"));
            }
            if (follow && !done()) reader.follow(record -> show(decoder, record));
        }
        return MusicCorpCli.OK;
    }

    /** Every topic that carries events (Avro subjects), i.e. the saga's story. */
    static List<String> sagaEventTopics() {
        return TopicCatalog.all().stream().filter(t -> !t.valueSubjects().isEmpty()).map(TopicSpec::name).toList();
    }

    /** Prints the record if it passes the filters; false once --max records are shown. */
    private boolean show(RecordDecoder decoder, ConsumerRecord<byte[], byte[]> record) {
        RecordDecoder.Decoded decoded = decoder.decode(record);
        if (correlationId != null && !correlationId.equals(decoded.correlationId())) return true;
        if (type != null && !type.equals(decoded.eventType())) return true;
        personal.show(decoded.json());
        io.out().println(output.json ? Json.compact(decoded.json()) : human(decoded));
        io.out().flush();
        shown++;
        return !done();
    }

    private boolean done() {
        return max != null && shown >= max;
    }

    private static String human(RecordDecoder.Decoded decoded) {
        JsonNode j = decoded.json();
        return String.format("%s %s[%d]@%d key=%s %s%s%n    %s", j.path("timestamp").asText(), j.path("topic").asText(),
                j.path("partition").asInt(), j.path("offset").asLong(), j.path("key").asText(),
                decoded.eventType() == null ? "" : decoded.eventType(),
                decoded.correlationId() == null ? "" : " correlationId=" + decoded.correlationId(),
                Json.compact(j.path("value")));
    }
}
