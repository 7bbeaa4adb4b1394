package com.musiccorp.sagastatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.http.ForwardToKeyOwner;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.ContextServiceProcess;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.sagastatus.domain.Events;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of saga-status share the application id: Kafka Streams splits the partitions
 * between them, and either answers for every saga, its own or the other's (sent on to the owner
 * named by the key's metadata). With one stopped, the survivor takes every partition over and
 * serves every saga; in between the answer is a 503 with Retry-After, never a 404.
 */
class SagaStatusScaleOutIT {
    private static final int SAGAS = 24;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void eitherInstanceAnswersForEverySagaAndTheSurvivorServesThemAll(@TempDir Path stateA, @TempDir Path stateB)
            throws Exception {
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0)) {
            Properties serdeConfig = new Properties();
            serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
            List<Events> sagas = new ArrayList<>();
            try (Serde<SpecificRecord> events = EventSerdes.anyEvent(serdeConfig);
                 var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                         new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < SAGAS; i++) {
                    Events saga = Events.forOrder("scale-order-" + i);
                    OrderPlaced placed = saga.placed();
                    publish(producer, events, placed);
                    publish(producer, events, saga.reserved(placed));
                    sagas.add(saga);
                }
            }

            int portA = freePort();
            int portB = freePort();
            ContextServiceProcess a = start("saga-status-a", registry, stateA, portA);
            try (ContextServiceProcess b = start("saga-status-b", registry, stateB, portB)) {
                String urlA = "http://localhost:" + portA;
                String urlB = "http://localhost:" + portB;

                Set<String> servedBy = new HashSet<>();
                for (Events saga : sagas) {
                    for (String base : List.of(urlA, urlB)) {
                        HttpResponse<String> answer = awaitAnswer(base + "/sagas/" + saga.correlationId);
                        JsonNode body = JSON.readTree(answer.body());
                        assertThat(body.get("orderId").asText()).isEqualTo(saga.orderId);
                        assertThat(body.get("version").asLong()).isEqualTo(2);
                        servedBy.add(answer.headers().firstValue(ForwardToKeyOwner.SERVED_BY).orElseThrow());
                        JsonNode byOrder = JSON.readTree(awaitAnswer(base + "/sagas/by-order/" + saga.orderId).body());
                        assertThat(byOrder.get("correlationId").asText()).isEqualTo(saga.correlationId);
                    }
                }
                assertThat(servedBy).as("each instance owns some sagas and answers for the other's")
                        .containsExactlyInAnyOrder("localhost:" + portA, "localhost:" + portB);

                a.close(); // SIGTERM: leaves the group, so B is given every partition
                for (Events saga : sagas) {
                    HttpResponse<String> answer = awaitAnswer(urlB + "/sagas/" + saga.correlationId);
                    assertThat(JSON.readTree(answer.body()).get("orderId").asText()).isEqualTo(saga.orderId);
                    assertThat(answer.headers().firstValue(ForwardToKeyOwner.SERVED_BY)).hasValue("localhost:" + portB);
                }
            } finally {
                a.close();
            }
        }
    }

    /** The first answer that is not a 503 (whose Retry-After is honoured by asking again); it must be a 200. */
    private static HttpResponse<String> awaitAnswer(String url) {
        List<HttpResponse<String>> last = new ArrayList<>(List.of());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 503) {
                assertThat(r.headers().firstValue("Retry-After")).as(r.body()).isPresent();
                return false;
            }
            last.add(r);
            return true;
        });
        HttpResponse<String> answer = last.getLast();
        assertThat(answer.statusCode()).as(url + " " + answer.body()).isEqualTo(200);
        return answer;
    }

    private static ContextServiceProcess start(String instance, SchemaRegistryServer registry, Path state, int port)
            throws Exception {
        return ContextServiceProcess.start("saga-status", instance, SagaStatusService.class, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(),
                "STATE_DIR", state.toString(),
                "SAGA_STATUS_HTTP_PORT", String.valueOf(port),
                "STREAMS_NUM_STANDBY_REPLICAS", "1"));
    }

    private static void publish(KafkaProducer<byte[], byte[]> producer, Serde<SpecificRecord> events, SpecificRecord event)
            throws Exception {
        String topic = Events.metadataOf(event).getProducer() + ".events";
        String orderId = (String) event.get(event.getSchema().getField("orderId").pos());
        producer.send(new ProducerRecord<>(topic, null, Events.metadataOf(event).getOccurredAt().toEpochMilli(),
                orderId.getBytes(StandardCharsets.UTF_8), events.serializer().serialize(topic, event),
                EventHeaders.of(event))).get();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
