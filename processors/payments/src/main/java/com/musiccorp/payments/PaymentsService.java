package com.musiccorp.payments;

import com.musiccorp.payments.domain.PaymentDecider;
import com.musiccorp.payments.gateway.HttpPaymentGateway;
import com.musiccorp.payments.http.PaymentsHttpServer;
import com.musiccorp.payments.stream.PaymentsTopology;
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

import java.util.Properties;

/**
 * Runs the payments context: the Kafka Streams topology that decides charges and refunds and
 * executes them against the payment gateway ({@code PAYMENT_GATEWAY_URL}), and
 * {@code GET /health/ready}. Prints {@code READY payments http=http://localhost:PORT} once Streams
 * is RUNNING with its store restored and HTTP serves; on SIGTERM stops HTTP, then leaves the group.
 */
public final class PaymentsService {

    private static final Logger log = LoggerFactory.getLogger(PaymentsService.class);

    private PaymentsService() {
    }

    public static void main(String[] args) throws InterruptedException {
        ContextSettings context = ContextSettings.fromEnvironment("payments");
        PaymentsSettings settings = PaymentsSettings.fromEnvironment();
        Properties streamsProperties = StreamsSettings.forContext(context);
        Serde<SpecificRecord> events = EventSerdes.anyEvent(streamsProperties);
        HttpPaymentGateway gateway = new HttpPaymentGateway(settings.gatewayUrl(), settings.gatewayTimeout());

        StreamsRuntime runtime = new StreamsRuntime(PaymentsTopology.build(events, streamsProperties,
                new PaymentDecider(settings.retryPolicy()), gateway, settings.callInterval()), streamsProperties);
        log.info("Charging through the payment gateway at {}", settings.gatewayUrl());
        ContextService.run("payments", runtime, settings.httpPort(), port -> PaymentsHttpServer.start(port, runtime, DeadLetterQueue.of(context)), events);
    }
}
