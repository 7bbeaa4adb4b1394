package com.musiccorp.platform.streams.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidTraceparentIsReadWithItsTracestate() {
        TraceContext trace = TraceContext.parse(TRACEPARENT, "vendor=a,other=b").orElseThrow();
        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(trace.tracestate()).isEqualTo("vendor=a,other=b");
        assertThat(trace.sampled()).isTrue();
        assertThat(trace.traceparent()).isEqualTo(TRACEPARENT);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "garbage", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"})
    void aMissingOrMalformedTraceparentIsNoContextNeverAnError(String traceparent) {
        assertThat(TraceContext.parse(traceparent, "vendor=a")).isEmpty();
    }

    @Test
    void aLaterVersionIsReadAsFarAsItIsKnown() {
        assertThat(TraceContext.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-more", null))
                .hasValueSatisfying(t -> assertThat(t.spanId()).isEqualTo("00f067aa0ba902b7"));
    }

    @Test
    void aChildForAnIdKeepsTheTraceNamesItsParentAndIsTheSameEveryTime() {
        TraceContext parent = TraceContext.parse(TRACEPARENT, "vendor=a").orElseThrow();
        UUID eventId = UUID.randomUUID();

        TraceContext child = parent.childFor(eventId);

        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.parentSpanId()).isEqualTo(parent.spanId());
        assertThat(child.spanId()).hasSize(16).isNotEqualTo(parent.spanId()).isNotEqualTo("0".repeat(16));
        assertThat(child.tracestate()).isEqualTo("vendor=a");
        assertThat(parent.childFor(eventId)).isEqualTo(child);
        assertThat(parent.childFor(UUID.randomUUID()).spanId()).isNotEqualTo(child.spanId());
        assertThat(TraceContext.parse(child.traceparent(), null)).isPresent();
    }

    @Test
    void aNewTraceIsValidAndARequestSpanIsANewChild() {
        TraceContext root = TraceContext.newTrace();
        assertThat(TraceContext.parse(root.traceparent(), null)).isPresent();
        assertThat(root.parentSpanId()).isNull();
        TraceContext request = root.child();
        assertThat(request.traceId()).isEqualTo(root.traceId());
        assertThat(request.parentSpanId()).isEqualTo(root.spanId());
        assertThat(request.spanId()).isNotEqualTo(root.spanId());
    }
}
