package com.musiccorp.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrderMixTest {
    private final OrderMix mix = new OrderMix("r1", 1000);

    @Test
    void everyPathOfTheMixOccursAndMostOrdersComplete() {
        Map<OrderMix.Kind, Integer> counts = new EnumMap<>(OrderMix.Kind.class);
        for (int i = 0; i < 1000; i++) counts.merge(OrderMix.kindOf(i), 1, Integer::sum);
        assertThat(counts.keySet()).containsExactlyInAnyOrder(OrderMix.Kind.values());
        assertThat(counts.get(OrderMix.Kind.COMPLETE)).isGreaterThan(500);
    }

    @Test
    void bodiesCarryThePathsTokenPostalCodeAndLines() throws Exception {
        JsonNode declined = Http.JSON.readTree(mix.body(indexOf(OrderMix.Kind.DECLINED)));
        assertThat(declined.path("paymentMethodToken").asText()).isEqualTo("tok_decline");
        JsonNode slow = Http.JSON.readTree(mix.body(indexOf(OrderMix.Kind.SLOW_GATEWAY)));
        assertThat(slow.path("paymentMethodToken").asText()).startsWith("tok_slow_");
        JsonNode multi = Http.JSON.readTree(mix.body(indexOf(OrderMix.Kind.MULTI_LINE)));
        assertThat(multi.path("lines")).hasSize(3);
        JsonNode cancel = Http.JSON.readTree(mix.body(indexOf(OrderMix.Kind.OPERATOR_CANCELS)));
        assertThat(cancel.path("shippingAddress").path("postalCode").asText()).isEqualTo("NOVAN 99");
        assertThat(mix.isOurCustomer(declined.path("customerId").asText())).isTrue();
        assertThat(mix.isOurCustomer("other")).isFalse();
    }

    @Test
    void scarceSkusGetFewerUnitsThanRaceForThemAndTheShortSkuLessThanAnyOrder() {
        Map<String, Integer> stock = mix.receipts();
        long racing = java.util.stream.IntStream.range(0, 1000).filter(i -> OrderMix.kindOf(i) == OrderMix.Kind.SCARCE_RACE).count();
        int scarceUnits = 0;
        for (int i = 0; i < OrderMix.SCARCE_SKUS; i++) scarceUnits += stock.get(mix.scarce(i));
        assertThat(scarceUnits).isPositive().isLessThan((int) racing);
        assertThat(stock.get(mix.shortSku())).isLessThan(mix.lines(indexOf(OrderMix.Kind.INSUFFICIENT_STOCK)).get(0).quantity());
        assertThat(stock.values()).allMatch(q -> q >= 1 && q <= 10_000);
    }

    private static int indexOf(OrderMix.Kind kind) {
        for (int i = 0; i < 100; i++) if (OrderMix.kindOf(i) == kind) return i;
        throw new AssertionError(kind);
    }
}
