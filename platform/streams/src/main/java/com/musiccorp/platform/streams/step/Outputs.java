package com.musiccorp.platform.streams.step;

import java.util.List;

/** Which records a decided fact is forwarded as: none for a private fact, one for an event. */
@FunctionalInterface
public interface Outputs<F, O> {

    /** @param key the key of the state the fact was decided for */
    List<Output<O>> of(String key, F fact);
}
