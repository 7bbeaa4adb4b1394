package com.musiccorp.cli;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsGroupsTest {

    @Test
    void a_context_s_lag_is_shown_for_its_base_group_and_every_rebuild_generation_but_no_other_context_s() {
        Set<String> groups = Set.of("musiccorp-saga-status-g2", "musiccorp-saga-status-g10", "musiccorp-orders",
                "musiccorp-saga-status-gx", "musiccorp-saga", "console-consumer-1");
        assertThat(TopicsCommand.groupsOf("saga-status", groups))
                .containsExactly("musiccorp-saga-status-g10", "musiccorp-saga-status-g2");
        assertThat(TopicsCommand.groupsOf("orders", groups)).containsExactly("musiccorp-orders");
        assertThat(TopicsCommand.groupsOf("loyalty", groups)).as("none yet: the base group, lag unknown")
                .containsExactly("musiccorp-loyalty");
    }
}
