package com.musiccorp.platform.launcher;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %service} in a log pattern: which service of a {@link ServicesHost} wrote the line. */
public final class ServiceNameConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return ServicesHost.serviceName();
    }
}
