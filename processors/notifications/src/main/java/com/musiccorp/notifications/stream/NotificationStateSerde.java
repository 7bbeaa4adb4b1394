package com.musiccorp.notifications.stream;

import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.platform.streams.compact.CompactSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The format of {@code notifications-store}: an {@link OrderNotifications} in compact binary
 * ({@link OrderNotificationsCodec}), no registry needed. A value of the JSON (Smile) format it had
 * before is still read and rewritten compact when next stored (it holds no sealed type, so it needs no
 * Jackson mix-in; the domain stays free of Jackson annotations).
 */
public final class NotificationStateSerde {

    private NotificationStateSerde() {
    }

    public static Serde<OrderNotifications> create() {
        return new CompactSerde<>(new OrderNotificationsCodec(), new JsonSerde<>(OrderNotifications.class));
    }
}
