package com.musiccorp.platform.streams;

import java.util.Map;

/**
 * Where a Kafka Streams application's dead letters go, changeable while it runs: a rebuild writes
 * what it cannot fold to its own generation's topic, and once it switches to serving, the same
 * application's dead letters belong in the context's topic ({@code <context>.dlq}). Kafka's own
 * setting is read once at start, so the handlers read this instead; it reaches them through the
 * Streams configuration as an object under {@link #CONFIG}.
 */
public final class DeadLetterRoute {
    public static final String CONFIG = "musiccorp.dead.letter.route";

    private volatile String topic;

    public DeadLetterRoute(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** From now on dead letters go to {@code newTopic}. */
    public void switchTo(String newTopic) {
        topic = newTopic;
    }

    /** The route in a handler's (or an application's) configuration, if any. */
    public static DeadLetterRoute in(Map<?, ?> configs) {
        return configs.get(CONFIG) instanceof DeadLetterRoute route ? route : null;
    }
}
