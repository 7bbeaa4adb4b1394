package com.musiccorp.platform.streams.rebuild;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateDigestTest {

    record Line(String sku, int quantity, Instant at) {
    }

    @Test
    void the_digest_depends_on_the_entries_not_on_the_order_they_were_added_in() {
        StateDigest a = new StateDigest()
                .add("orders", "o-1", new Line("SKU-1", 2, Instant.parse("2026-11-23T10:00:00Z")))
                .add("orders", "o-2", new Line("SKU-2", 1, Instant.parse("2026-11-23T10:01:00Z")))
                .add("index", "c-1", "o-1");
        StateDigest b = new StateDigest()
                .add("index", "c-1", "o-1")
                .add("orders", "o-2", new Line("SKU-2", 1, Instant.parse("2026-11-23T10:01:00Z")))
                .add("orders", "o-1", new Line("SKU-1", 2, Instant.parse("2026-11-23T10:00:00Z")));

        assertThat(a.digest()).isEqualTo(b.digest());
        assertThat(a.digest().entries()).isEqualTo(3);
        assertThat(a.digest().stores()).containsOnlyKeys("orders", "index");
        assertThat(a.digest().sha256()).hasSize(64);
    }

    @Test
    void any_changed_value_key_or_store_changes_the_digest_and_only_that_store_s_part() {
        StateDigest.Digest base = new StateDigest().add("orders", "o-1", new Line("SKU-1", 2, null))
                .add("index", "c-1", "o-1").digest();
        StateDigest.Digest changed = new StateDigest().add("orders", "o-1", new Line("SKU-1", 3, null))
                .add("index", "c-1", "o-1").digest();

        assertThat(changed.sha256()).isNotEqualTo(base.sha256());
        assertThat(changed.stores().get("index")).isEqualTo(base.stores().get("index"));
        assertThat(changed.stores().get("orders")).isNotEqualTo(base.stores().get("orders"));
        assertThat(new StateDigest().add("orders", "o-2", new Line("SKU-1", 2, null)).add("index", "c-1", "o-1")
                .digest().sha256()).isNotEqualTo(base.sha256());
        assertThat(new StateDigest().store("empty").add("orders", "o-1", new Line("SKU-1", 2, null))
                .add("index", "c-1", "o-1").digest().sha256()).as("an empty store is part of it").isNotEqualTo(base.sha256());
    }

    @Test
    void map_entries_are_sorted_so_a_map_s_insertion_order_does_not_matter() {
        Map<String, Integer> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Integer> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);
        assertThat(new StateDigest().add("s", "k", ab).digest()).isEqualTo(new StateDigest().add("s", "k", ba).digest());
        assertThat(new StateDigest().add("s", "k", List.of(1, 2)).digest())
                .as("a list's order is content").isNotEqualTo(new StateDigest().add("s", "k", List.of(2, 1)).digest());
    }

    @Test
    void a_digest_made_showing_a_key_shows_what_it_hashed_for_that_key_in_each_store_and_only_for_it() {
        Line line = new Line("SKU-1", 2, Instant.parse("2026-11-23T10:00:00Z"));
        StateDigest shown = StateDigest.showing("o-1").add("orders", "o-1", line).add("orders", "o-2", line)
                .add("index", "o-1", "c-1");

        assertThat(shown.entry("o-1")).containsOnlyKeys("orders", "index")
                .containsEntry("orders", "{\"at\":\"2026-11-23T10:00:00Z\",\"quantity\":2,\"sku\":\"SKU-1\"}")
                .containsEntry("index", "\"c-1\"");
        assertThat(shown.digest()).as("showing changes nothing hashed")
                .isEqualTo(new StateDigest().add("orders", "o-1", line).add("orders", "o-2", line).add("index", "o-1", "c-1").digest());
        assertThatThrownBy(() -> shown.entry("o-2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void one_key_with_two_different_values_is_refused_rather_than_hidden() {
        StateDigest digest = new StateDigest().add("s", "k", 1).add("s", "k", 1);
        assertThatThrownBy(() -> digest.add("s", "k", 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s holds key k twice");
    }
}
