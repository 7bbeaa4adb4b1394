package com.musiccorp.schemas;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SeenInputsTest {

    @Test
    void keepsTheLatestIdsAndNoMore() {
        List<UUID> seen = List.of();
        UUID first = UUID.randomUUID();
        seen = SeenInputs.with(seen, first);
        List<UUID> all = new java.util.ArrayList<>(List.of(first));
        for (int i = 0; i < 10_000; i++) {
            UUID id = UUID.randomUUID();
            seen = SeenInputs.with(seen, id);
            all.add(id);
        }
        assertThat(seen).hasSize(SeenInputs.KEPT).containsExactlyElementsOf(all.subList(all.size() - SeenInputs.KEPT, all.size()));
        assertThat(seen).doesNotContain(first);
    }

    @Test
    void anIdSeenAlreadyChangesNothing() {
        UUID id = UUID.randomUUID();
        List<UUID> seen = SeenInputs.with(List.of(), id);
        assertThat(SeenInputs.with(seen, id)).isSameAs(seen);
    }
}
