package com.musiccorp.platform.streams.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

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

    /** The W3C format as a regular expression, as parse read it before reading it by hand. */
    private static final Pattern FORMAT =
            Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");

    @Test
    void readsEveryTraceparentExactlyAsTheFormatsRegularExpressionDoes() {
        Random random = new Random(7);
        String valid = "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String alphabet = "0123456789abcdefABF-xz \n\t\u2028";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder value = new StringBuilder(valid);
            for (int edits = random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(value.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> value.insert(at, c);
                    case 1 -> { if (at < value.length()) value.deleteCharAt(at); }
                    default -> { if (at < value.length()) value.setCharAt(at, c); }
                }
            }
            if (random.nextInt(4) == 0) value.replace(0, 2, random.nextBoolean() ? "00" : "ff");
            if (random.nextInt(3) == 0) { // what a later version may add, or garbage
                value.append(random.nextBoolean() ? "-" : "");
                for (int i = random.nextInt(3); i > 0; i--) value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                value.append("x");
            }
            String traceparent = value.toString();
            assertThat(TraceContext.parse(traceparent, null)).as(traceparent).isEqualTo(byRegex(traceparent));
        }
    }

    private static Optional<TraceContext> byRegex(String traceparent) {
        var m = FORMAT.matcher(traceparent.trim());
        if (!m.matches() || m.group(1).equals("ff") || (m.group(1).equals("00") && m.group(5) != null)
                || m.group(2).equals("0".repeat(32)) || m.group(3).equals("0".repeat(16))) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(m.group(2), m.group(3), null, m.group(4), null));
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
