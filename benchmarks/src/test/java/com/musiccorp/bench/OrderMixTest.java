package com.musiccorp.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrderMixTest {

    @Test
    void everyHundredOrdersTakeEveryPathOfTheMix() {
        Map<OrderMix.Kind, Integer> kinds = kindsOfTheFirstHundred(new OrderMix("r", false));

        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of(OrderMix.Kind.COMPLETE, 90,
                OrderMix.Kind.INSUFFICIENT_STOCK, 4, OrderMix.Kind.DECLINED, 4, OrderMix.Kind.MULTI_LINE, 1,
                OrderMix.Kind.DISPATCH_DELAYED, 1));
    }

    @Test
    void theHappyPathOnlyCompletesEveryOrder() {
        assertThat(kindsOfTheFirstHundred(new OrderMix("r", true))).containsExactly(Map.entry(OrderMix.Kind.COMPLETE, 100));
        assertThat(new OrderMix("r", true).body(95)).as("a declined order's slot pays with a card that works")
                .contains("tok_ok").doesNotContain("tok_decline");
    }

    @Test
    void theOptionSaysWhichMixARunUses() {
        assertThat(BenchOptions.parse(Path.of("."), "--smoke").happyPathOnly()).isFalse();
        assertThat(BenchOptions.parse(Path.of("."), "--smoke", "--happy-path-only").happyPathOnly()).isTrue();
    }

    private static Map<OrderMix.Kind, Integer> kindsOfTheFirstHundred(OrderMix mix) {
        Map<OrderMix.Kind, Integer> kinds = new EnumMap<>(OrderMix.Kind.class);
        for (long i = 0; i < 100; i++) kinds.merge(mix.kindOf(i), 1, Integer::sum);
        return kinds;
    }
}
