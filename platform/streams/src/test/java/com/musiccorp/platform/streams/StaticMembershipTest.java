package com.musiccorp.platform.streams;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class StaticMembershipTest {

    @Test
    void theSameStateDirectoryOnTheSameHostIsTheSameMemberAfterARestart() {
        String id = StaticMembership.instanceId("musiccorp-orders", "host-a", Path.of("/srv/state/orders"));

        assertThat(id).startsWith("musiccorp-orders-").hasSize("musiccorp-orders-".length() + 12)
                .isEqualTo(StaticMembership.instanceId("musiccorp-orders", "host-a", Path.of("/srv/state/../state/orders")));
        JoinGroupRequest.validateGroupInstanceId(id + "-1"); // a stream thread's id, as the broker checks it
    }

    @Test
    void instancesWithTheirOwnStateOrHostOrApplicationAreDifferentMembers() {
        String id = StaticMembership.instanceId("musiccorp-saga-status", "host-a", Path.of("/srv/state/a"));

        assertThat(StaticMembership.instanceId("musiccorp-saga-status", "host-a", Path.of("/srv/state/b"))).isNotEqualTo(id);
        assertThat(StaticMembership.instanceId("musiccorp-saga-status", "host-b", Path.of("/srv/state/a")))
                .as("containers mount the same path: their host names tell them apart").isNotEqualTo(id);
        assertThat(StaticMembership.instanceId("musiccorp-saga-status-g1", "host-a", Path.of("/srv/state/a")))
                .as("a rebuild's application beside the live one").startsWith("musiccorp-saga-status-g1-").isNotEqualTo(id);
    }

    @Test
    void propertiesGetTheIdWithoutChangingTheCallersAndKeepAnExplicitOne() {
        Properties live = new Properties();
        live.put(StreamsConfig.APPLICATION_ID_CONFIG, "musiccorp-loyalty");
        live.put(StreamsConfig.STATE_DIR_CONFIG, "/srv/state/loyalty");

        Properties withId = StaticMembership.withInstanceId(live);

        assertThat(withId.getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).startsWith("musiccorp-loyalty-");
        assertThat(live).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        live.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "loyalty-pod-0");
        assertThat(StaticMembership.withInstanceId(live).getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("loyalty-pod-0");
    }
}
