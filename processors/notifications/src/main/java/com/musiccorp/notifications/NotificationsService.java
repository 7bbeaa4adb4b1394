package com.musiccorp.notifications;

import com.musiccorp.notifications.mail.SealedRecipientMailer;
import com.musiccorp.platform.personaldata.PersonalData;
import com.musiccorp.platform.personaldata.kafka.KafkaCustomerKeys;
import com.musiccorp.notifications.domain.NotificationDecider;
import com.musiccorp.notifications.http.NotificationsHttpServer;
import com.musiccorp.notifications.mail.SimulatedMailer;
import com.musiccorp.notifications.stream.NotificationsTopology;
import com.musiccorp.platform.streams.ContextService;
import com.musiccorp.platform.http.deadletters.DeadLetterQueue;
import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.platform.streams.StreamsSettings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Runs the notifications context: the Kafka Streams topology that decides which e-mails to send and
 * hands them, with retries, to a simulated mailer (which logs them and keeps them in a mailbox file),
 * and {@code GET /health/ready}. Prints
 * {@code READY notifications http=http://localhost:PORT} once Streams is RUNNING with its store
 * restored and HTTP serves; on SIGTERM stops HTTP, then leaves the group.
 */
public final class NotificationsService {

    private static final Logger log = LoggerFactory.getLogger(NotificationsService.class);

    private NotificationsService() {
    }

    public static void main(String[] args) throws InterruptedException {
        ContextSettings context = ContextSettings.fromEnvironment("notifications");
        NotificationsSettings settings = NotificationsSettings.fromEnvironment();
        Properties streamsProperties = StreamsSettings.forContext(context);
        Serde<SpecificRecord> events = EventSerdes.anyEvent(streamsProperties);

        // The provider's mailbox, not the context's state: wiping <STATE_DIR>/notifications keeps it.
        Path mailbox = settings.mailbox().orElse(context.stateDir().resolveSibling("mail-provider").resolve("mailbox.log"));

        // The mailer is the one reader of the sealed recipient: opened for the hand-over only.
        KafkaCustomerKeys keys = KafkaCustomerKeys.reader(context.kafkaConnection(), "notifications");
        StreamsRuntime runtime = new StreamsRuntime(NotificationsTopology.build(events, streamsProperties,
                new NotificationDecider(settings.retryPolicy()),
                new SealedRecipientMailer(new SimulatedMailer(mailbox), new PersonalData(keys)), settings.sendInterval()),
                streamsProperties);
        log.info("Sending e-mails through the simulated mailer (logged, kept in {}, not delivered); retries {}",
                mailbox.toAbsolutePath(), settings.retryPolicy());
        ContextService.run("notifications", runtime, settings.httpPort(), port -> NotificationsHttpServer.start(port, runtime, DeadLetterQueue.of(context)), keys, events);
    }
}
