package com.musiccorp.notifications;

import com.musiccorp.notifications.domain.NotificationDecider;
import com.musiccorp.notifications.http.NotificationsHttpServer;
import com.musiccorp.notifications.mail.SimulatedMailer;
import com.musiccorp.notifications.stream.NotificationsTopology;
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
 * Runs the notifications context: the Kafka Streams topology that decides which e-mails to send and
 * hands them to a simulated mailer (which logs them), and {@code GET /health/ready}. Prints
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

        StreamsRuntime runtime = new StreamsRuntime(NotificationsTopology.build(events, streamsProperties,
                new NotificationDecider(), new SimulatedMailer()), streamsProperties);
        runtime.start();
        NotificationsHttpServer http;
        try {
            http = NotificationsHttpServer.start(settings.httpPort(), runtime);
        } catch (RuntimeException e) {
            System.err.println("notifications could not serve HTTP on port " + settings.httpPort() + ": " + e);
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
        }, "notifications-shutdown"));

        while (!runtime.isReady() && !stopping.get()) {
            KafkaStreams.State state = runtime.state();
            if ((state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) && !stopping.get()) {
                System.err.println("notifications: Kafka Streams stopped before it was ready (" + state + ")");
                System.exit(1);
            }
            Thread.sleep(100);
        }
        if (!stopping.get()) {
            log.info("Sending e-mails through the simulated mailer (logged, not delivered)");
            System.out.println("READY notifications http=http://localhost:" + http.port());
        }
        stopped.await();
    }
}
