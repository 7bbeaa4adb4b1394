package com.musiccorp.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.events.EventMetadata;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CausationTest {
  private final EventMetadata placed = Causation.fromCommand(
      "idem-key-1", "corr-1", Instant.parse("2026-11-23T10:00:00Z"), "orders", "OrderPlaced");

  @Test
  void aRetriedCommandGetsTheSameEventId() {
    EventMetadata again = Causation.fromCommand(
        "idem-key-1", "corr-1", Instant.parse("2026-11-23T10:00:00Z"), "orders", "OrderPlaced");
    assertThat(again).isEqualTo(placed);
    assertThat(placed.getCausationId()).isNull();
    assertThat(Causation.fromCommand("idem-key-2", "corr-1", placed.getOccurredAt(), "orders", "OrderPlaced")
        .getEventId()).isNotEqualTo(placed.getEventId());
  }

  @Test
  void aCausedEventInheritsTheCorrelationTakesItsDecisionTimeAndItsIdIgnoresTheTime() {
    Instant decidedAt = Instant.parse("2026-11-23T10:00:00.250Z");
    EventMetadata reserved = Causation.causedBy(placed, "warehouse", "StockReserved", 0, decidedAt);
    assertThat(reserved.getCorrelationId()).isEqualTo("corr-1");
    assertThat(reserved.getCausationId()).isEqualTo(placed.getEventId().toString());
    assertThat(reserved.getOccurredAt()).as("when it was decided, not its cause's time").isEqualTo(decidedAt);
    assertThat(reserved.getProducer()).isEqualTo("warehouse");
    assertThat(reserved.getSchemaVersion()).isEqualTo(Causation.SCHEMA_VERSION);
    assertThat(Causation.causedBy(placed, "warehouse", "StockReserved", 0, decidedAt)).isEqualTo(reserved);
    assertThat(Causation.causedBy(placed, "warehouse", "StockReserved", 0, decidedAt.plusSeconds(30)).getEventId())
        .as("decided again later (after a crash): the same id").isEqualTo(reserved.getEventId());
    assertThat(Causation.causedBy(placed, "warehouse", "StockReserved", 1, decidedAt).getEventId())
        .isNotEqualTo(reserved.getEventId());
  }
}
