package com.musiccorp.payments.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.payments.domain.ChargeOutcome;
import com.musiccorp.payments.domain.ChargeRequest;
import com.musiccorp.payments.domain.LookupOutcome;
import com.musiccorp.payments.domain.PaymentGateway;
import com.musiccorp.payments.domain.RefundOutcome;
import com.musiccorp.payments.domain.RefundRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The {@link PaymentGateway} port over HTTP ({@code java.net.http}), for the gateway API the
 * simulator serves: {@code POST /charges} and {@code POST /refunds} with a JSON body, and
 * {@code GET /charges/{key}} to look a charge up by its idempotency key.
 *
 * <p>One call per method call, never retried here (the domain owns the schedule); the request's
 * idempotency key is sent unchanged. Nothing is thrown: a timeout, a connection error, a 5xx or an
 * answer that cannot be read is {@code Transient}; 402 is a decline; 409 (the key was used for
 * another charge) is a decline too, because retrying a clash could never become a safe charge.
 */
public final class HttpPaymentGateway implements PaymentGateway {

    private static final Logger log = LoggerFactory.getLogger(HttpPaymentGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl e.g. {@code http://localhost:8090}
     * @param timeout for the whole call (connect, send, answer); past it the call is {@code Transient}
     */
    public HttpPaymentGateway(URI baseUrl, Duration timeout) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", request.idempotencyKey().toString());
        body.put("orderId", request.orderId());
        body.put("customerId", request.customerId());
        body.put("amountMinor", request.amount().minor());
        body.put("currency", request.amount().currency());
        body.put("token", request.paymentMethodToken());
        Answer answer;
        try {
            answer = post("charges", body, request.idempotencyKey().toString());
        } catch (IOException e) {
            return new ChargeOutcome.Transient("gateway unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ChargeOutcome.Transient("interrupted while calling the gateway");
        } catch (RuntimeException e) {
            return new ChargeOutcome.Transient("gateway call failed: " + e);
        }
        log.debug("charge {} attempt {} for order {}: HTTP {}", request.idempotencyKey(), request.attempt(),
                request.orderId(), answer.status());
        return switch (answer.status()) {
            case 200, 201 -> answer.text("reference") != null
                    ? new ChargeOutcome.Approved(answer.text("reference"))
                    : new ChargeOutcome.Transient("approved without a reference: " + answer.raw());
            case 402 -> new ChargeOutcome.Declined(answer.reason(),
                    "LIMIT_EXCEEDED".equals(answer.text("code"))
                            ? ChargeOutcome.DeclineCode.LIMIT_EXCEEDED : ChargeOutcome.DeclineCode.DECLINED);
            case 400, 409, 422 -> new ChargeOutcome.Declined(answer.reason(), ChargeOutcome.DeclineCode.DECLINED);
            default -> new ChargeOutcome.Transient("gateway answered HTTP " + answer.status() + ": " + answer.reason());
        };
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", request.idempotencyKey().toString());
        body.put("chargeKey", request.chargeKey().toString());
        body.put("reason", request.reason());
        Answer answer;
        try {
            answer = post("refunds", body, request.idempotencyKey().toString());
        } catch (IOException e) {
            return new RefundOutcome.Transient("gateway unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RefundOutcome.Transient("interrupted while calling the gateway");
        } catch (RuntimeException e) {
            return new RefundOutcome.Transient("gateway call failed: " + e);
        }
        return switch (answer.status()) {
            case 200, 201 -> answer.text("reference") != null
                    ? new RefundOutcome.Refunded(answer.text("reference"))
                    : new RefundOutcome.Transient("refunded without a reference: " + answer.raw());
            case 400, 402, 404, 409, 422 -> new RefundOutcome.Refused(answer.reason());
            default -> new RefundOutcome.Transient("gateway answered HTTP " + answer.status() + ": " + answer.reason());
        };
    }

    /**
     * {@code GET /charges/{key}}: 200 with the key's final answer ({@code status} APPROVED with its
     * reference, DECLINED or LIMIT_EXCEEDED), 404 when the gateway has none (and has closed the key).
     */
    @Override
    public LookupOutcome lookup(UUID chargeKey) {
        Answer answer;
        try {
            HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("charges/" + chargeKey))
                    .timeout(timeout)
                    .GET()
                    .build();
            answer = answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return new LookupOutcome.Transient("gateway unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LookupOutcome.Transient("interrupted while calling the gateway");
        } catch (RuntimeException e) {
            return new LookupOutcome.Transient("gateway call failed: " + e);
        }
        return switch (answer.status()) {
            case 200 -> switch (String.valueOf(answer.text("status"))) {
                case "APPROVED" -> answer.text("reference") != null
                        ? new LookupOutcome.Captured(answer.text("reference"))
                        : new LookupOutcome.Transient("captured without a reference: " + answer.raw());
                case "DECLINED" -> new LookupOutcome.Refused("declined", ChargeOutcome.DeclineCode.DECLINED);
                case "LIMIT_EXCEEDED" ->
                        new LookupOutcome.Refused("limit exceeded", ChargeOutcome.DeclineCode.LIMIT_EXCEEDED);
                default -> new LookupOutcome.Transient("unreadable lookup answer: " + answer.raw());
            };
            case 404 -> new LookupOutcome.NotFound(answer.reason());
            default -> new LookupOutcome.Transient("gateway answered HTTP " + answer.status() + ": " + answer.reason());
        };
    }

    private Answer post(String path, Map<String, Object> body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static Answer answer(HttpResponse<String> response) {
        JsonNode json;
        try {
            json = response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        return new Answer(response.statusCode(), json, response.body());
    }

    private record Answer(int status, JsonNode json, String raw) {
        String text(String field) {
            return json != null && json.hasNonNull(field) ? json.get(field).asText() : null;
        }

        String reason() {
            String reason = text("reason");
            return reason != null ? reason : "HTTP " + status + (raw == null ? "" : ": " + raw);
        }
    }
}
