package com.musiccorp.platform.gateway;

import com.musiccorp.platform.streams.trace.OtlpSpans;
import com.musiccorp.platform.streams.trace.Spans;
import com.musiccorp.platform.streams.trace.TraceContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway is a span of every request's W3C trace: the owner gets the gateway's span as its
 * parent, so a trace shows the hop through the one base URL; a caller without (or with a malformed)
 * trace context starts a new trace; an answer the gateway gives itself still names its span.
 */
class GatewayTraceTest {
    @RegisterExtension
    static final GatewayWithOwners system = new GatewayWithOwners();

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Test
    void theOwnerIsSentTheGatewaysSpanAChildOfTheCallersInTheSameTrace() throws Exception {
        RawHttp.Answer a = RawHttp.exchange(system.port(), "GET /stock/SKU-1 HTTP/1.1\r\nHost: x\r\n"
                + "traceparent: 00-" + TRACE + "-" + CALLER_SPAN + "-01\r\ntracestate: vendor=1\r\nConnection: close\r\n\r\n");

        assertThat(a.status()).isEqualTo(200);
        RecordingOwner.Received received = system.warehouse.received().getFirst();
        TraceContext forwarded = TraceContext.parse(received.traceparent(), received.tracestate()).orElseThrow();
        assertThat(forwarded.traceId()).isEqualTo(TRACE);
        assertThat(forwarded.spanId()).as("the gateway's own span").isNotEqualTo(CALLER_SPAN);
        assertThat(received.tracestate()).isEqualTo("vendor=1");
        assertThat(a.headers().get("traceparent")).as("an owner that names no span: the gateway's")
                .isEqualTo(received.traceparent());
    }

    @Test
    void aCallerWithoutOrWithAMalformedTraceContextStartsANewTrace() throws Exception {
        for (String header : List.of("", "traceparent: 00-NOT-A-TRACE-01\r\n")) {
            system.warehouse.forget();
            RawHttp.Answer a = RawHttp.exchange(system.port(), "GET /stock/SKU-1 HTTP/1.1\r\nHost: x\r\n" + header
                    + "Connection: close\r\n\r\n");
            assertThat(a.status()).isEqualTo(200);
            String forwarded = system.warehouse.received().getFirst().traceparent();
            assertThat(forwarded).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain("NOT-A-TRACE");
            assertThat(a.headers().get("traceparent")).isEqualTo(forwarded);
        }
    }

    @Test
    void anAnswerTheGatewayGivesItselfNamesItsSpan() throws Exception {
        RawHttp.Answer refused = RawHttp.exchangeAsIs(system.port(), "GET /stock/SKU-1 HTTP/1.1\r\nHost: x\r\n"
                + "traceparent: 00-" + TRACE + "-" + CALLER_SPAN + "-01\r\nConnection: close\r\n\r\n");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().get("traceparent")).startsWith("00-" + TRACE + "-").doesNotContain(CALLER_SPAN);
        assertThat(system.warehouse.received()).isEmpty();
    }

    @Test
    void withExportOnEachRequestIsAServerSpanOfTheGateway() throws Exception {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        List<SpanData> finished;
        try (OtlpSpans spans = new OtlpSpans(exported, "test"); AutoCloseable installed = Spans.install(spans)) {
            RawHttp.exchange(system.port(), "GET /stock/SKU-1 HTTP/1.1\r\nHost: x\r\n"
                    + "traceparent: 00-" + TRACE + "-" + CALLER_SPAN + "-01\r\nConnection: close\r\n\r\n");
            spans.flush();
            finished = List.copyOf(exported.getFinishedSpanItems()); // closing the exporter empties it
        }
        assertThat(finished).hasSize(1);
        SpanData span = finished.getFirst();
        assertThat(span.getName()).isEqualTo("api GET /stock/SKU-1");
        assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.getTraceId()).isEqualTo(TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(span.getSpanId()).as("the span the owner was sent")
                .isEqualTo(TraceContext.parse(system.warehouse.received().getFirst().traceparent(), null).orElseThrow().spanId());
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.response.status_code"))).isEqualTo("200");
    }
}
