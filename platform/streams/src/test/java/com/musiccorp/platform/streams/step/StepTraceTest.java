package com.musiccorp.platform.streams.step;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.EventRejected;
import com.musiccorp.platform.decider.Decider;
import com.musiccorp.platform.streams.trace.OtlpSpans;
import com.musiccorp.platform.streams.trace.Spans;
import com.musiccorp.platform.streams.trace.TraceContext;
import com.musiccorp.platform.streams.trace.TraceHeaders;
import com.musiccorp.schemas.Causation;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The step continues its input's trace on every record it forwards; with export on, each is a span. */
class StepTraceTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-06-01T00:00:00Z");
    private static final TraceContext INPUT = TraceContext.parse(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "vendor=a").orElseThrow();

    /** Each input "key:cause" is refused once: an EventRejected caused by the event {@code cause}. */
    static final class Refusing implements Decider<String, SpecificRecord, Integer> {
        @Override
        public List<SpecificRecord> decide(String input, Integer seen, Instant decidedAt) {
            if (seen > 0) {
                return List.of();
            }
            String[] parts = input.split(":");
            EventMetadata cause = Causation.fromCommand(parts[1], "saga-" + parts[0], Instant.EPOCH, "test", "Cause");
            return List.of(EventRejected.newBuilder()
                    .setMetadata(Causation.causedBy(cause, "test", "EventRejected", 0, decidedAt))
                    .setOrderId(parts[0]).setRejectedEventId(cause.getEventId().toString())
                    .setRejectedEventType("Cause").setReason("refused").build());
        }

        @Override
        public Integer evolve(Integer seen, SpecificRecord fact) {
            return seen + 1;
        }

        @Override
        public Integer initialState() {
            return 0;
        }
    }

    private static TopologyTestDriver driver() {
        Step<String, String, SpecificRecord, Integer, SpecificRecord> step = Step.of("seen", new Refusing(),
                Inputs.of(Optional::of, (String input) -> input.split(":")[0]),
                (key, fact) -> List.of(Output.event(key, fact)));
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("seen"), Serdes.String(),
                Serdes.Integer()));
        Serializer<SpecificRecord> asText = (topic, event) -> event.toString().getBytes(StandardCharsets.UTF_8);
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .process(step.processor(), "seen")
                .to("out", Produced.with(Serdes.String(), Serdes.serdeFrom(asText, (t, b) -> null)));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "trace-test");
        return new TopologyTestDriver(builder.build(), props, WALL_CLOCK);
    }

    private static TestRecord<String, String> decide(TopologyTestDriver driver, String input, TraceContext trace) {
        TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                Serdes.String().serializer());
        TestOutputTopic<String, String> out = driver.createOutputTopic("out", Serdes.String().deserializer(),
                Serdes.String().deserializer());
        RecordHeaders headers = new RecordHeaders();
        if (trace != null) {
            TraceHeaders.write(headers, trace);
        }
        in.pipeInput(new TestRecord<>(input.split(":")[0], input, headers, WALL_CLOCK));
        return out.readRecord();
    }

    @Test
    void anOutputContinuesItsInputsTraceWithAChildSpanDerivedFromItsEventId() throws Exception {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        OtlpSpans spans = new OtlpSpans(exported, "test");
        TestRecord<String, String> out;
        List<SpanData> finished;
        try (AutoCloseable installed = Spans.install(spans); TopologyTestDriver driver = driver()) {
            out = decide(driver, "o-1:c-1", INPUT);
            spans.flush();
            finished = List.copyOf(exported.getFinishedSpanItems()); // closing the exporter empties it
        } finally {
            spans.close();
        }

        TraceContext forwarded = TraceHeaders.read(out.headers());
        assertThat(forwarded.traceId()).as("the same trace").isEqualTo(INPUT.traceId());
        assertThat(forwarded.spanId()).as("a new span").isNotEqualTo(INPUT.spanId());
        assertThat(forwarded.tracestate()).isEqualTo("vendor=a");
        String eventId = new String(out.headers().lastHeader("event-id").value(), StandardCharsets.UTF_8);
        assertThat(forwarded.spanId()).as("derived from the event's id")
                .isEqualTo(INPUT.childFor(java.util.UUID.fromString(eventId)).spanId());

        assertThat(finished).singleElement().satisfies((SpanData span) -> {
            assertThat(span.getTraceId()).isEqualTo(INPUT.traceId());
            assertThat(span.getSpanId()).isEqualTo(forwarded.spanId());
            assertThat(span.getParentSpanId()).as("the input's span is the parent").isEqualTo(INPUT.spanId());
            assertThat(span.getName()).isEqualTo("trace-test String -> EventRejected");
            assertThat(span.getAttributes().asMap().toString()).contains("musiccorp.key=o-1");
        });
    }

    @Test
    void theSameInputDecidedAgainForwardsTheSameSpan() {
        String first;
        try (TopologyTestDriver driver = driver()) {
            first = TraceHeaders.read(decide(driver, "o-2:c-2", INPUT).headers()).spanId();
        }
        try (TopologyTestDriver again = driver()) { // a restart that lost the state: decided again
            assertThat(TraceHeaders.read(decide(again, "o-2:c-2", INPUT).headers()).spanId()).isEqualTo(first);
        }
    }

    @Test
    void anInputWithoutATraceForwardsNone() {
        try (TopologyTestDriver driver = driver()) {
            assertThat(decide(driver, "o-3:c-3", null).headers().lastHeader(TraceContext.TRACEPARENT)).isNull();
        }
    }
}
