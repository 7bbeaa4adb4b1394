package com.musiccorp.notifications.stream;

import com.musiccorp.notifications.domain.Delivery;
import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.platform.streams.step.StateWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message given up reaches nobody and has no public event yet, so a person must hear of it here:
 * told of every state the step stores, it logs each template that became undeliverable.
 */
final class GivenUpMessages implements StateWatcher<OrderNotifications> {

    private static final Logger log = LoggerFactory.getLogger(GivenUpMessages.class);

    @Override
    public void changed(String orderId, OrderNotifications before, OrderNotifications after) {
        after.undeliverable().forEach((template, reason) -> {
            if (before != null && !before.undeliverable().containsKey(template)) {
                Delivery last = before.pending().get(template);
                log.error("Order {}: {} given up after {} attempts: {}", orderId, template,
                        last == null ? "?" : last.attempt(), reason);
            }
        });
    }
}
