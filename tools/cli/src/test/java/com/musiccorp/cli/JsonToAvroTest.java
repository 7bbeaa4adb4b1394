package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentTaken;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The friendly JSON rules and the error messages a person sees for input that does not fit. */
class JsonToAvroTest {
    private static final String METADATA = """
            {"eventId": "123e4567-e89b-12d3-a456-426614174000", "correlationId": "corr-1",
             "occurredAt": "2026-11-20T10:00:00Z", "producer": "cli", "schemaVersion": 1}""";

    @Test
    void plainJsonConvertsWithDefaultsEnumsTimestampsAndBareUnions() throws Exception {
        JsonNode json = Json.MAPPER.readTree(Events.orderPlaced("o-1", "2").replaceFirst("\\{", "{\"metadata\": "
                + METADATA.replace("}", ", \"causationId\": \"cause-1\"}") + ", "));
        JsonToAvro.Result result = JsonToAvro.convert(json, OrderPlaced.getClassSchema());

        assertThat(result.violations()).isEmpty();
        GenericRecord record = result.record();
        GenericRecord metadata = (GenericRecord) record.get("metadata");
        assertThat(metadata.get("occurredAt")).isEqualTo(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli());
        assertThat(metadata.get("causationId")).isEqualTo("cause-1"); // ["null","string"] without {"string": ...}
        assertThat(((GenericRecord) record.get("shippingAddress")).get("line2")).isNull(); // the schema's default
        GenericRecord line = (GenericRecord) ((List<?>) record.get("lines")).getFirst();
        assertThat(line.get("format").toString()).isEqualTo("VINYL");
        assertThat(line.get("quantity")).isEqualTo(2);
    }

    @Test
    void avroJsonWrappersAndEpochNumbersAreAcceptedToo() throws Exception {
        String metadata = METADATA.replace("\"2026-11-20T10:00:00Z\"", "1763632800000")
                .replace("}", ", \"causationId\": {\"string\": \"cause-1\"}}");
        JsonToAvro.Result result = JsonToAvro.convert(Json.MAPPER.readTree(Events.paymentTaken("o-1", metadata)),
                PaymentTaken.getClassSchema());
        assertThat(result.violations()).isEmpty();
        GenericRecord m = (GenericRecord) result.record().get("metadata");
        assertThat(m.get("occurredAt")).isEqualTo(1763632800000L);
        assertThat(m.get("causationId")).isEqualTo("cause-1");
    }

    @Test
    void everyProblemIsNamedByItsPathAndTheSchemasExpectation() throws Exception {
        String broken = Events.orderPlaced("o-1", "\"two\"")
                .replace("\"format\": \"VINYL\"", "\"format\": \"VINYLS\"")
                .replace(", \"email\": \"ada@example.com\"", "")
                .replace("\"currency\": \"GBP\",\n", "\"curency\": \"GBP\",\n")
                .replace("\"placedAt\": \"2026-11-20T10:00:00Z\"", "\"placedAt\": \"yesterday\"");
        String withMetadata = broken.replaceFirst("\\{", "{\"metadata\": "
                + METADATA.replace("123e4567-e89b-12d3-a456-426614174000", "not-a-uuid") + ", ");

        JsonToAvro.Result result = JsonToAvro.convert(Json.MAPPER.readTree(withMetadata), OrderPlaced.getClassSchema());

        assertThat(result.valid()).isFalse();
        assertThat(result.violations()).map(JsonToAvro.Violation::toString).containsExactlyInAnyOrder(
                "metadata.eventId: expected uuid (a string like \"123e4567-e89b-12d3-a456-426614174000\"), got \"not-a-uuid\"",
                "customer.email: missing, expected string",
                "lines[0].format: expected one of [CD, VINYL, CASSETTE, DIGITAL, UNKNOWN], got \"VINYLS\"",
                "lines[0].quantity: expected int, got \"two\"",
                "currency: missing, expected string",
                "curency: unknown field; OrderPlaced has [currency, customer, lines, metadata, orderId, "
                        + "paymentMethodToken, placedAt, shippingAddress, shippingCost, subtotal, total]",
                "placedAt: expected timestamp-millis (ISO-8601 like \"2026-11-23T10:15:30Z\", or epoch number), got \"yesterday\"");
    }

    @Test
    void nullOnlyFitsWhereTheSchemaAllowsIt() throws Exception {
        JsonNode json = Json.MAPPER.readTree(Events.paymentTaken("o-1", METADATA).replace("\"gw-1\"", "null"));
        assertThat(JsonToAvro.convert(json, PaymentTaken.getClassSchema()).violations())
                .map(JsonToAvro.Violation::toString)
                .containsExactly("gatewayReference: expected string, got null");
    }
}
