package com.musiccorp.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.DeadLetters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "A context's dead-letter topic (<context>.dlq): records it could not read or process.",
        subcommands = {DlqCommand.ListDeadLetters.class, DlqCommand.Replay.class})
final class DlqCommand implements Runnable {
    @Override
    public void run() {
        throw CliException.invalid("say which: dlq list <context> | dlq replay <context> (see dlq --help)");
    }

    /** The context's dead letters, read to the current end (the HTTP endpoint's re-drive markers left out). */
    static List<DeadLetter> read(String bootstrapServers, String context, MusicCorpCli.Io io) {
        String topic = dlqTopic(context);
        List<DeadLetter> letters = new ArrayList<>();
        try (TopicReader reader = new TopicReader(bootstrapServers, List.of(topic), true)) {
            reader.readToEnd(record -> {
                if (record.headers().lastHeader(DeadLetters.REDRIVE_OF) == null) letters.add(new DeadLetter(record));
                return true;
            }, new Progress(io.err(), topic));
        }
        return letters;
    }

    private static String dlqTopic(String context) {
        String topic = TopicCatalog.deadLetterTopic(context);
        if (TopicCatalog.find(topic).isEmpty()) {
            throw CliException.invalid("no context '" + context + "'; contexts: " + TopicsCommand.contexts());
        }
        return topic;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show the dead letters of a context with their __streams.errors.* headers "
                    + "(exception, message, original topic, partition, offset) and the original value decoded.")
    static final class ListDeadLetters implements Callable<Integer> {
        private final MusicCorpCli.Io io;
        @Parameters(paramLabel = "CONTEXT", description = "orders, warehouse, payments, loyalty, notifications, saga-status.")
        String context;
        @Mixin
        Options.Kafka kafka;
        @Mixin
        Options.Registry registry;
        @Mixin
        Options.Output output;

        ListDeadLetters(MusicCorpCli.Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            List<DeadLetter> letters = read(kafka.bootstrapServers, context, io);
            try (RecordDecoder decoder = new RecordDecoder(registry)) {
                for (DeadLetter letter : letters) {
                    var r = letter.record();
                    ObjectNode json = Json.object().put("dlqTopic", r.topic()).put("dlqOffset", r.offset())
                            .put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))
                            .put("timestamp", java.time.Instant.ofEpochMilli(r.timestamp()).toString())
                            .put("exception", letter.exception()).put("message", letter.message())
                            .put("topic", letter.originTopic());
                    if (letter.originPartition() == null) json.putNull("partition");
                    else json.put("partition", letter.originPartition());
                    if (letter.originOffset() == null) json.putNull("offset");
                    else json.put("offset", letter.originOffset());
                    String origin = letter.originTopic() == null ? r.topic() : letter.originTopic();
                    json.set("value", decoder.value(origin, r.value()).json());
                    if (output.json) {
                        io.out().println(Json.compact(json));
                    } else {
                        io.out().printf("%s@%d key=%s from %s[%s]@%s at %s%n    exception: %s%n    message:   %s%n    value:     %s%n",
                                r.topic(), r.offset(), json.path("key").asText(), letter.originTopic(),
                                letter.originPartition(), letter.originOffset(), json.path("timestamp").asText(),
                                letter.exception(), letter.message(), Json.compact(json.path("value")));
                    }
                }
            }
            io.err().printf("%d dead letter(s) in %s%n", letters.size(), TopicCatalog.deadLetterTopic(context));
            return MusicCorpCli.OK;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Re-drive dead letters to the topic they came from, after a fix: the original key, bytes, "
                    + "timestamp and headers (minus __streams.errors.*), to the original partition.",
                    "One original is re-driven at most once per call, even if it was dead-lettered twice. "
                            + "All of them are written in one transaction: all or nothing."})
    static final class Replay implements Callable<Integer> {
        private final MusicCorpCli.Io io;
        @Parameters(paramLabel = "CONTEXT", description = "orders, warehouse, payments, loyalty, notifications, saga-status.")
        String context;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Selection selection;
        @Option(names = "--dry-run", description = "Only say what would be re-driven.")
        boolean dryRun;
        @Mixin
        Options.Kafka kafka;
        @Mixin
        Options.Output output;

        static final class Selection {
            @Option(names = "--offset", paramLabel = "N", description = "The dead letter at this offset of the DLQ.")
            Long offset;
            @Option(names = "--all", description = "Every dead letter.")
            boolean all;
        }

        Replay(MusicCorpCli.Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            List<DeadLetter> letters = read(kafka.bootstrapServers, context, io);
            List<DeadLetter> selected = letters.stream()
                    .filter(l -> selection.all || l.record().offset() == selection.offset).toList();
            if (selected.isEmpty() && !selection.all) {
                throw CliException.invalid("no dead letter at offset " + selection.offset + " of "
                        + TopicCatalog.deadLetterTopic(context));
            }
            List<DeadLetter> toReplay = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int duplicates = 0;
            for (DeadLetter letter : selected) {
                if (letter.originTopic() == null) {
                    io.err().printf("skipped %s: no %s header, so its topic is unknown%n", letter.where(), DeadLetter.TOPIC);
                } else if (!seen.add(letter.identity())) {
                    duplicates++;
                    io.err().printf("skipped %s: the same original (%s) is re-driven once%n", letter.where(), letter.identity());
                } else {
                    toReplay.add(letter);
                }
            }
            Set<String> targets = new LinkedHashSet<>(toReplay.stream().map(DeadLetter::originTopic).toList());
            if (!targets.isEmpty()) {
                try (Admin admin = Clients.admin(kafka.bootstrapServers)) {
                    Clients.describe(admin, targets); // every target exists before anything is written
                }
            }
            List<RecordMetadata> written = dryRun || toReplay.isEmpty() ? List.of() : redrive(toReplay);
            for (int i = 0; i < toReplay.size(); i++) {
                DeadLetter letter = toReplay.get(i);
                RecordMetadata to = dryRun ? null : written.get(i);
                if (output.json) {
                    ObjectNode line = Json.object().put("dlqOffset", letter.record().offset())
                            .put("topic", letter.originTopic()).put("dryRun", dryRun);
                    if (to != null) line.put("partition", to.partition()).put("offset", to.offset());
                    io.out().println(Json.compact(line));
                } else {
                    io.out().printf("%s %s -> %s%n", dryRun ? "would re-drive" : "re-drove", letter.where(),
                            to == null ? letter.originTopic() : to.topic() + "[" + to.partition() + "]@" + to.offset());
                }
            }
            int skipped = selected.size() - toReplay.size();
            io.err().printf("%s %d record(s) to %s; %d skipped (%d duplicate(s))%n", dryRun ? "would re-drive" : "re-drove",
                    toReplay.size(), targets.isEmpty() ? "nothing" : String.join(", ", targets), skipped, duplicates);
            return MusicCorpCli.OK;
        }

        private List<RecordMetadata> redrive(List<DeadLetter> letters) {
            try (KafkaProducer<byte[], byte[]> producer = Clients.transactionalProducer(kafka.bootstrapServers,
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.beginTransaction();
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (DeadLetter letter : letters) {
                    var r = letter.record();
                    sent.add(producer.send(new ProducerRecord<>(letter.originTopic(), letter.originPartition(),
                            r.timestamp(), r.key(), r.value(), letter.originalHeaders())));
                }
                producer.commitTransaction();
                List<RecordMetadata> written = new ArrayList<>();
                for (Future<RecordMetadata> f : sent) written.add(f.get());
                return written;
            } catch (KafkaException | ExecutionException e) {
                throw CliException.failed("re-driving failed, nothing was re-driven: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.failed("interrupted; nothing was re-driven");
            }
        }
    }
}
