package com.musiccorp.notifications.stream;

import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.platform.streams.JsonSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The format of {@code notifications-store}: an {@link OrderNotifications} as JSON. Unlike payments'
 * state it holds no sealed type (its parked messages are the concrete {@code Parked} record), so no
 * Jackson mix-in is needed; the domain stays free of Jackson annotations.
 */
public final class NotificationStateSerde {

    private NotificationStateSerde() {
    }

    public static Serde<OrderNotifications> create() {
        return new JsonSerde<>(OrderNotifications.class);
    }
}
