package com.musiccorp.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.events.Address;
import com.musiccorp.events.Customer;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.Money;
import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPlaced;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class GeneratedClassRoundTripTest {

  @Test
  void orderPlacedSurvivesAvroBinary() throws Exception {
    OrderPlaced placed = orderPlaced();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<>(OrderPlaced.class).write(placed, encoder);
    encoder.flush();
    OrderPlaced read = new SpecificDatumReader<>(OrderPlaced.class)
        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

    assertThat(read).isEqualTo(placed);
    assertThat(read.getMetadata().getEventId()).isEqualTo(placed.getMetadata().getEventId());
    assertThat(read.getLines().getFirst().getFormat()).isEqualTo(MediaFormat.VINYL);
    assertThat(read.getShippingAddress().getLine2()).isNull();
  }

  @Test
  void moneyIsMinorUnitsInALong() {
    long cents = orderPlaced().getTotal().getAmountMinor(); // compiles only if it is a long

    assertThat(cents).isEqualTo(2_798L);
    assertThat(Money.getClassSchema().getField("amountMinor").schema().getType()).isEqualTo(Schema.Type.LONG);
  }

  private static OrderPlaced orderPlaced() {
    Instant placedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS); // timestamp-millis keeps millis only
    return OrderPlaced.newBuilder()
        .setMetadata(EventMetadata.newBuilder()
            .setEventId(UUID.randomUUID())
            .setCorrelationId("order-1")
            .setOccurredAt(placedAt)
            .setProducer("orders")
            .setSchemaVersion(1)
            .build())
        .setOrderId("order-1")
        .setCustomer(new Customer("c-7", "Ada Lovelace", "ada@example.com"))
        .setLines(List.of(OrderLine.newBuilder()
            .setLineNumber(1).setSku("LP-0042").setTitle("Blue Train").setArtist("John Coltrane")
            .setFormat(MediaFormat.VINYL).setQuantity(1).setUnitPrice(gbp(2_299))
            .build()))
        .setSubtotal(gbp(2_299))
        .setShippingCost(gbp(499))
        .setTotal(gbp(2_798))
        .setCurrency("GBP")
        .setShippingAddress(Address.newBuilder()
            .setName("Ada Lovelace").setLine1("12 St James's Square").setCity("London")
            .setPostalCode("SW1Y 4JH").setCountryCode("GB")
            .build())
        .setPaymentMethodToken("tok_test_4f2a")
        .setPlacedAt(placedAt)
        .build();
  }

  private static Money gbp(long minor) {
    return new Money(minor, "GBP");
  }
}
