package com.musiccorp.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input through the one base URL: every endpoint gets malformed, mistyped, oversized and
 * ill-encoded requests, on a raw socket so that nothing is cleaned up on the way. Each refused
 * request must be answered with the right 4xx (505 only for an HTTP version other than 1.x) and a
 * JSON body with a {@code message}; a handful of repeats and far-but-valid bounds are answered as
 * usual. Above all, the whole batch writes nothing: the end offsets of every topic of the catalog
 * are the same before and after it. A well-formed order at the end writes and completes, which
 * shows both that the measurement sees writes and that the system still works.
 *
 * <p>One line per case; every failure of the run is reported at once.
 */
@ExtendWith(RunningSystem.class)
class HostileInputIT {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SKU = "HOSTILE-1";

    private final RunningSystem.Services system = RunningSystem.get();
    private final Shop shop = new Shop(system);
    private final URI api = URI.create(system.url("api"));
    private final String run = Long.toString(System.nanoTime(), 36);
    private int keys;

    /** One hostile request: a name, the request as bytes, the answers that are right, and any extra check. */
    private record Case(String name, RawHttp.Request request, Set<Integer> expected, Consumer<Check> extra) {
        boolean refused() {
            return expected.stream().allMatch(s -> s >= 400);
        }
    }

    /** What an extra check gets: the answer, and where to record a failure. */
    private record Check(String name, RawHttp.Response response, SoftAssertions softly) {
    }

    @Test
    void everyHostileRequestIsRefusedWithAClearClientErrorAndNothingIsWritten() {
        // Set-up that writes (before the measurement): an order that completes, its idempotency key
        // to repeat, a dispatch retry granted and a cancellation decided, to repeat both.
        shop.receive(SKU, 50);
        shop.receive("HOSTILE-NOVAN", 10);
        String placedKey = "hostile-placed-" + run;
        Http.Answer placed = Http.post(api + "/orders", validOrder().toString(), placedKey);
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(202);
        String completed = placed.body().get("orderId").asText();
        String retried = shop.place("hostile-novan-a", "tok_visa", List.of(new Shop.Line("HOSTILE-NOVAN", 1, 1000)), "NOVAN 99");
        String cancelled = shop.place("hostile-novan-b", "tok_visa", List.of(new Shop.Line("HOSTILE-NOVAN", 1, 1000)), "NOVAN 99");
        shop.awaitOrder(completed, "COMPLETED");
        shop.awaitOrder(retried, "NEEDS_ATTENTION");
        shop.awaitOrder(cancelled, "NEEDS_ATTENTION");
        String retryKey = "hostile-retry-" + run;
        String cancelKey = "hostile-cancel-" + run;
        shop.operator("/fulfilments/" + retried + "/dispatch-retries", "", retryKey);
        shop.operator("/orders/" + cancelled + "/cancellation", Map.of("reason", "the carrier cannot reach it"), cancelKey);
        shop.awaitOrder(cancelled, "CANCELLED");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode f = Http.get(api + "/fulfilments/" + retried).body();
            return f.path("dispatchAttempts").asInt() >= 4 && f.path("status").asText().equals("DISPATCH_FAILED");
        });

        List<Case> cases = cases(completed, placedKey, retried, retryKey, cancelled, cancelKey);
        assertThat(cases).as("cases").hasSizeGreaterThanOrEqualTo(100);
        Map<TopicPartition, Long> before = CatalogOffsets.awaitQuiet(system);

        SoftAssertions softly = new SoftAssertions();
        StringBuilder table = new StringBuilder();
        for (Case c : cases) {
            RawHttp.Response r = RawHttp.exchange(api.getHost(), api.getPort(), c.request());
            table.append(String.format("%-4s %-78s %s%n", r.status(), c.name(), c.request().firstLine()));
            String what = c.name() + "\n  request: " + c.request().firstLine() + "\n  answer:  " + r.summary();
            softly.assertThat(r.status()).as(what + "\n  expected one of " + c.expected()).isIn(c.expected());
            softly.assertThat(r.status() < 500 || (r.status() == 505 && c.expected().contains(505)))
                    .as(what + "\n  a client's mistake must never be a 5xx").isTrue();
            if (c.refused() && r.status() >= 400) {
                JsonNode body = json(r.body());
                softly.assertThat(body.path("message").isTextual() && !body.path("message").asText().isBlank())
                        .as(what + "\n  a refusal is JSON with a message saying why").isTrue();
            }
            if (c.request().checkClosed()) {
                softly.assertThat(r.closedPromptly()).as(what + "\n  the connection must close within 2 s of the answer")
                        .isTrue();
            }
            if (c.extra() != null) c.extra().accept(new Check(what, r, softly));
        }
        System.out.println("HostileInputIT: " + cases.size() + " cases\n" + table);

        Map<TopicPartition, Long> after = CatalogOffsets.now(system);
        softly.assertThat(CatalogOffsets.growth(before, after))
                .as("records written to the catalog's topics by the batch of hostile requests:\n  "
                        + String.join("\n  ", CatalogOffsets.recordsBetween(system, before, after)))
                .allSatisfy((topic, grown) -> assertThat(grown).as(topic).isZero());

        // The issue's reproduction, then the measurement shown to see writes: a normal order completes.
        String orderId = shop.place("hostile-after", "tok_visa", List.of(new Shop.Line(SKU, 1, 1500)));
        softly.assertThat(shop.awaitOrder(orderId, Set.of("COMPLETED", "CANCELLED", "NEEDS_ATTENTION"),
                Duration.ofSeconds(90)).get("status").asText()).as("an order placed after the batch").isEqualTo("COMPLETED");
        softly.assertThat(CatalogOffsets.growth(after, CatalogOffsets.now(system)).get("orders.events"))
                .as("the measurement sees a write: orders.events grew after a well-formed order").isPositive();
        softly.assertAll();
    }

    // ---------------------------------------------------------------------------------------------
    // The table

    private List<Case> cases(String completed, String placedKey, String retried, String retryKey, String cancelled,
            String cancelKey) {
        List<Case> c = new ArrayList<>();
        String tenKb = "x".repeat(10_000);
        String idTenKb = "a".repeat(10_000);

        // POST /orders: the body as JSON
        c.add(refused("orders: malformed JSON", 400, postOrders("{\"customerId\": \"c1\", \"lines\": [")));
        c.add(refused("orders: truncated valid order", 400, postOrders(validOrder().toString().substring(0, 120))));
        c.add(refused("orders: empty body", 400, postOrders("")));
        c.add(refused("orders: body is a JSON array", 400, postOrders("[" + validOrder() + "]")));
        c.add(refused("orders: body is JSON null", 400, postOrders("null")));
        c.add(refused("orders: body is a bare string", 400, postOrders("\"an order\"")));
        c.add(refused("orders: trailing content after the object", 400, postOrders(validOrder() + " {}")));
        c.add(refused("orders: a key given twice", 400,
                postOrders(validOrder().toString().replaceFirst("\\{", "{\"customerId\": \"other\", "))));
        c.add(refused("orders: invalid UTF-8 in a string", 400,
                post("/orders", "application/json", key(), invalidUtf8(validOrder().toString()))));
        // wrong JSON types
        c.add(refused("orders: quantity 1.5", 400, postOrders(line(l -> l.put("quantity", 1.5)))));
        c.add(refused("orders: quantity true", 400, postOrders(line(l -> l.put("quantity", true)))));
        c.add(refused("orders: quantity \"1\"", 400, postOrders(line(l -> l.put("quantity", "1")))));
        c.add(refused("orders: quantity [1]", 400, postOrders(line(l -> l.set("quantity", NODES.arrayNode().add(1))))));
        c.add(refused("orders: quantity {}", 400, postOrders(line(l -> l.set("quantity", NODES.objectNode())))));
        c.add(refused("orders: quantity null", 400, postOrders(line(l -> l.set("quantity", NODES.nullNode())))));
        c.add(refused("orders: unitPriceMinor \"1000\"", 400, postOrders(line(l -> l.put("unitPriceMinor", "1000")))));
        c.add(refused("orders: customerId 42", 400, postOrders(order(o -> o.put("customerId", 42)))));
        c.add(refused("orders: customerId [\"a\"]", 400, postOrders(order(o -> o.set("customerId", NODES.arrayNode().add("a"))))));
        c.add(refused("orders: customerId {}", 400, postOrders(order(o -> o.set("customerId", NODES.objectNode())))));
        c.add(refused("orders: lines is an object", 400, postOrders(order(o -> o.set("lines", NODES.objectNode())))));
        c.add(refused("orders: lines is a string", 400, postOrders(order(o -> o.put("lines", "SKU-1 x2")))));
        c.add(refused("orders: shippingAddress is a string", 400, postOrders(order(o -> o.put("shippingAddress", "London")))));
        c.add(refused("orders: currency 826", 400, postOrders(order(o -> o.put("currency", 826)))));
        c.add(refused("orders: paymentMethodToken false", 400, postOrders(order(o -> o.put("paymentMethodToken", false)))));
        // extreme numbers
        c.add(refused("orders: quantity 2^31", 400, postOrders(line(l -> l.put("quantity", 2147483648L)))));
        c.add(refused("orders: quantity 2^63", 400, postOrders(line(l -> l.put("quantity", new BigInteger("9223372036854775808"))))));
        c.add(refused("orders: unitPriceMinor 2^63", 400, postOrders(line(l -> l.put("unitPriceMinor", new BigInteger("9223372036854775808"))))));
        c.add(refused("orders: unitPriceMinor 2^63-1", 400, postOrders(line(l -> l.put("unitPriceMinor", Long.MAX_VALUE)))));
        c.add(refused("orders: quantity -1", 400, postOrders(line(l -> l.put("quantity", -1)))));
        c.add(refused("orders: quantity 0", 400, postOrders(line(l -> l.put("quantity", 0)))));
        c.add(refused("orders: quantity 10001", 400, postOrders(line(l -> l.put("quantity", 10_001)))));
        c.add(refused("orders: unitPriceMinor -1", 400, postOrders(line(l -> l.put("unitPriceMinor", -1)))));
        c.add(refused("orders: unitPriceMinor 1e308", 400, postOrders(line(l -> l.put("unitPriceMinor", new BigDecimal("1e308"))))));
        c.add(refused("orders: quantity 1e2 (a whole number written as a float)", 400, postOrders(line(l -> l.put("quantity", new BigDecimal("1e2"))))));
        // missing, oversized and ill-formed fields and lists
        c.add(refused("orders: no customerId", 400, postOrders(order(o -> o.remove("customerId")))));
        c.add(refused("orders: lines []", 400, postOrders(order(o -> o.set("lines", NODES.arrayNode())))));
        c.add(refused("orders: 101 lines", 400, postOrders(order(o -> o.set("lines", lines(101))))));
        c.add(refusedAny("orders: 12,000 distinct valid lines (the issue's reproduction)", Set.of(400, 413),
                postOrders(order(o -> o.set("lines", lines(12_000))))));
        c.add(refused("orders: two lines of one SKU", 400, postOrders(order(o -> o.set("lines",
                NODES.arrayNode().add(validLine()).add(validLine()))))));
        c.add(refused("orders: customerName of 10 KB", 400, postOrders(order(o -> o.put("customerName", tenKb)))));
        c.add(refused("orders: line title of 10 KB", 400, postOrders(line(l -> l.put("title", tenKb)))));
        c.add(refused("orders: customerId of 10 KB", 400, postOrders(order(o -> o.put("customerId", idTenKb)))));
        c.add(refused("orders: customerId with a space and a slash", 400, postOrders(order(o -> o.put("customerId", "a b/c")))));
        c.add(refused("orders: customerName with NUL", 400, postOrders(order(o -> o.put("customerName", "Ada\u0000Lovelace")))));
        c.add(refused("orders: sku with NUL", 400, postOrders(line(l -> l.put("sku", "SKU\u00001")))));
        c.add(refused("orders: postalCode of 21 characters", 400, postOrders(order(o ->
                ((ObjectNode) o.get("shippingAddress")).put("postalCode", "N".repeat(21))))));
        c.add(refused("orders: customerEmail without @", 400, postOrders(order(o -> o.put("customerEmail", "ada.example.com")))));
        c.add(refused("orders: a card number as payment token", 400, postOrders(order(o -> o.put("paymentMethodToken", "4111 1111 1111 1111")))));
        c.add(refused("orders: currency XYZ", 400, postOrders(order(o -> o.put("currency", "XYZ")))));
        // headers: Idempotency-Key and Content-Type
        c.add(refused("orders: no Idempotency-Key", 400, post("/orders", "application/json", null, utf8(validOrder().toString()))));
        c.add(refused("orders: empty Idempotency-Key", 400, post("/orders", "application/json", "", utf8(validOrder().toString()))));
        c.add(refused("orders: Idempotency-Key with spaces and !", 400, post("/orders", "application/json", "not a key!", utf8(validOrder().toString()))));
        c.add(refused("orders: Idempotency-Key of 201 characters", 400, post("/orders", "application/json", "k".repeat(201), utf8(validOrder().toString()))));
        c.add(refused("orders: Idempotency-Key reused for another order", 409, post("/orders", "application/json", placedKey,
                utf8(line(l -> l.put("quantity", 2)).toString()))));
        c.add(new Case("orders: the same order again under its key (a retry: answered, nothing written)",
                post("/orders", "application/json", placedKey, utf8(validOrder().toString())), Set.of(202),
                k -> k.softly().assertThat(json(k.response().body()).path("orderId").asText()).as(k.name()).isEqualTo(completed)));
        c.add(refused("orders: Content-Type text/plain", 415, post("/orders", "text/plain", key(), utf8(validOrder().toString()))));
        c.add(refused("orders: Content-Type application/xml", 415, post("/orders", "application/xml", key(), utf8("<order/>"))));
        // oversized bodies
        c.add(refused("orders: 1 MB body, Content-Length declared", 413, post("/orders", "application/json", key(), bigJson(1 << 20))));
        c.add(refused("orders: 10 MB body, Content-Length declared", 413, post("/orders", "application/json", key(), bigJson(10 << 20))));
        c.add(refused("orders: 1 MB body, chunked", 413, chunked("/orders", key(), bigJson(1 << 20))));
        c.add(refused("orders: 256 KiB + 1 byte, chunked", 413, chunked("/orders", key(), bigJson(256 * 1024 + 1))));

        // GET /orders/{id}[?position,wait]
        c.add(refused("orders view: unknown order", 404, get("/orders/hostile-no-such-order")));
        c.add(refused("orders view: id %ff", 400, get("/orders/%ff")));
        c.add(refused("orders view: id a%00b (NUL)", 400, get("/orders/a%00b")));
        c.add(refused("orders view: id %zz (not an escape)", 400, get("/orders/%zz")));
        c.add(refused("orders view: id of 10 KB", 400, get("/orders/" + idTenKb)));
        c.add(refusedAny("orders view: request line over 16 KiB", Set.of(400, 413, 414), get("/orders/" + "a".repeat(17_000))));
        c.add(refused("orders view: id -x (not starting with a letter or digit)", 400, get("/orders/-x")));
        c.add(refused("orders view: position on a topic it does not read", 400, get("/orders/" + completed + "?position=warehouse.stock:0:0")));
        c.add(refused("orders view: position on no such topic", 400, get("/orders/" + completed + "?position=nosuch.topic:0:0")));
        c.add(refused("orders view: position partition 99", 400, get("/orders/" + completed + "?position=orders.events:99:0")));
        c.add(refused("orders view: position offset -1", 400, get("/orders/" + completed + "?position=orders.events:0:-1")));
        c.add(refused("orders view: position offset 2^63", 400, get("/orders/" + completed + "?position=orders.events:0:9223372036854775808")));
        c.add(refused("orders view: position beyond the log end", 400, get("/orders/" + completed + "?position=orders.events:0:999999999")));
        c.add(refused("orders view: position garbage", 400, get("/orders/" + completed + "?position=garbage")));
        c.add(refused("orders view: position %ff", 400, get("/orders/" + completed + "?position=%ff")));
        c.add(refused("orders view: position with NUL", 400, get("/orders/" + completed + "?position=orders.events:0:0%00")));
        c.add(refused("orders view: wait P1D", 400, get("/orders/" + completed + "?position=orders.events:0:0&wait=P1D")));
        c.add(refused("orders view: wait -PT1S", 400, get("/orders/" + completed + "?position=orders.events:0:0&wait=-PT1S")));
        c.add(refused("orders view: wait abc", 400, get("/orders/" + completed + "?position=orders.events:0:0&wait=abc")));

        // POST /orders/{id}/cancellation
        String reason = "{\"reason\": \"the carrier cannot reach the address\"}";
        c.add(refused("cancel: unknown order", 404, post("/orders/hostile-no-such-order/cancellation", "application/json", key(), utf8(reason))));
        c.add(refused("cancel: no Idempotency-Key", 400, post("/orders/" + retried + "/cancellation", "application/json", null, utf8(reason))));
        c.add(refused("cancel: Idempotency-Key with spaces", 400, post("/orders/" + retried + "/cancellation", "application/json", "a key", utf8(reason))));
        c.add(refused("cancel: no reason", 400, post("/orders/" + retried + "/cancellation", "application/json", key(), utf8("{}"))));
        c.add(refused("cancel: reason of 501 characters", 400, post("/orders/" + retried + "/cancellation", "application/json", key(),
                utf8("{\"reason\": \"" + "r".repeat(501) + "\"}"))));
        c.add(refused("cancel: reason 42", 400, post("/orders/" + retried + "/cancellation", "application/json", key(), utf8("{\"reason\": 42}"))));
        c.add(refused("cancel: reason with NUL", 400, post("/orders/" + retried + "/cancellation", "application/json", key(),
                utf8("{\"reason\": \"a\\u0000b\"}"))));
        c.add(refused("cancel: malformed JSON", 400, post("/orders/" + retried + "/cancellation", "application/json", key(), utf8("{\"reason\": "))));
        c.add(refused("cancel: Content-Type text/plain", 415, post("/orders/" + retried + "/cancellation", "text/plain", key(), utf8(reason))));
        c.add(refused("cancel: id %ff", 400, post("/orders/%ff/cancellation", "application/json", key(), utf8(reason))));
        c.add(refused("cancel: a completed order", 409, post("/orders/" + completed + "/cancellation", "application/json", key(), utf8(reason))));
        c.add(refused("cancel: a cancelled order, another key", 409, post("/orders/" + cancelled + "/cancellation", "application/json", key(), utf8(reason))));
        c.add(new Case("cancel: the decided cancellation again under its key (answered, nothing written)",
                post("/orders/" + cancelled + "/cancellation", "application/json", cancelKey,
                        utf8("{\"reason\": \"the carrier cannot reach it\"}")), Set.of(202), null));
        c.add(refused("cancel: 1 MB body", 413, post("/orders/" + retried + "/cancellation", "application/json", key(), bigJson(1 << 20))));

        // POST /stock/{sku}/receipts and /adjustments, GET /stock/{sku}
        c.add(refused("receipt: malformed JSON", 400, postJson("/stock/" + SKU + "/receipts", "{\"title\": ")));
        c.add(refused("receipt: quantity 1.5", 400, postJson("/stock/" + SKU + "/receipts", receipt("1.5"))));
        c.add(refused("receipt: quantity true", 400, postJson("/stock/" + SKU + "/receipts", receipt("true"))));
        c.add(refused("receipt: quantity \"1\"", 400, postJson("/stock/" + SKU + "/receipts", receipt("\"1\""))));
        c.add(refused("receipt: quantity [1]", 400, postJson("/stock/" + SKU + "/receipts", receipt("[1]"))));
        c.add(refused("receipt: quantity 2^31", 400, postJson("/stock/" + SKU + "/receipts", receipt("2147483648"))));
        c.add(refused("receipt: quantity 2^63", 400, postJson("/stock/" + SKU + "/receipts", receipt("9223372036854775808"))));
        c.add(refused("receipt: quantity -1", 400, postJson("/stock/" + SKU + "/receipts", receipt("-1"))));
        c.add(refused("receipt: quantity 0", 400, postJson("/stock/" + SKU + "/receipts", receipt("0"))));
        c.add(refused("receipt: quantity 1e308", 400, postJson("/stock/" + SKU + "/receipts", receipt("1e308"))));
        c.add(refused("receipt: quantity 10001", 400, postJson("/stock/" + SKU + "/receipts", receipt("10001"))));
        c.add(refused("receipt: title of 10 KB", 400, postJson("/stock/" + SKU + "/receipts",
                "{\"title\":\"" + tenKb + "\",\"artist\":\"A\",\"format\":\"VINYL\",\"quantity\":1}")));
        c.add(refused("receipt: title with NUL", 400, postJson("/stock/" + SKU + "/receipts",
                "{\"title\":\"a\\u0000b\",\"artist\":\"A\",\"format\":\"VINYL\",\"quantity\":1}")));
        c.add(refused("receipt: invalid UTF-8 in the title", 400, post("/stock/" + SKU + "/receipts", "application/json", null,
                invalidUtf8("{\"title\":\"Customer Hostile\",\"artist\":\"A\",\"format\":\"VINYL\",\"quantity\":1}"))));
        c.add(refused("receipt: no title", 400, postJson("/stock/" + SKU + "/receipts", "{\"artist\":\"A\",\"format\":\"VINYL\",\"quantity\":1}")));
        c.add(refused("receipt: format LASERDISC", 400, postJson("/stock/" + SKU + "/receipts",
                "{\"title\":\"T\",\"artist\":\"A\",\"format\":\"LASERDISC\",\"quantity\":1}")));
        c.add(refused("receipt: receiptId with a space", 400, postJson("/stock/" + SKU + "/receipts",
                "{\"title\":\"T\",\"artist\":\"A\",\"format\":\"VINYL\",\"quantity\":1,\"receiptId\":\"r 1\"}")));
        c.add(refused("receipt: a key given twice", 400, postJson("/stock/" + SKU + "/receipts",
                "{\"title\":\"T\",\"artist\":\"A\",\"format\":\"VINYL\",\"quantity\":1,\"quantity\":2}")));
        c.add(refused("receipt: trailing content", 400, postJson("/stock/" + SKU + "/receipts", receipt("1") + "]")));
        c.add(refused("receipt: body is an array", 400, postJson("/stock/" + SKU + "/receipts", "[" + receipt("1") + "]")));
        c.add(refused("receipt: Content-Type text/plain", 415, post("/stock/" + SKU + "/receipts", "text/plain", null, utf8(receipt("1")))));
        c.add(refused("receipt: sku %00", 400, postJson("/stock/%00/receipts", receipt("1"))));
        c.add(refused("receipt: sku %ff", 400, postJson("/stock/%ff/receipts", receipt("1"))));
        c.add(refused("receipt: sku of 10 KB", 400, postJson("/stock/" + idTenKb + "/receipts", receipt("1"))));
        c.add(refused("receipt: 1 MB body", 413, post("/stock/" + SKU + "/receipts", "application/json", null, bigJson(1 << 20))));
        c.add(refused("receipt: 10 MB body", 413, post("/stock/" + SKU + "/receipts", "application/json", null, bigJson(10 << 20))));
        c.add(refused("receipt: 1 MB body, chunked", 413, chunked("/stock/" + SKU + "/receipts", null, bigJson(1 << 20))));
        c.add(refused("adjustment: quantityDelta 0", 400, postJson("/stock/" + SKU + "/adjustments", adjustment("0"))));
        c.add(refused("adjustment: quantityDelta 1.5", 400, postJson("/stock/" + SKU + "/adjustments", adjustment("1.5"))));
        c.add(refused("adjustment: quantityDelta \"-1\"", 400, postJson("/stock/" + SKU + "/adjustments", adjustment("\"-1\""))));
        c.add(refused("adjustment: quantityDelta 10001", 400, postJson("/stock/" + SKU + "/adjustments", adjustment("10001"))));
        c.add(refused("adjustment: quantityDelta -2^31", 400, postJson("/stock/" + SKU + "/adjustments", adjustment("-2147483648"))));
        c.add(refused("adjustment: quantityDelta -2^63-1", 400, postJson("/stock/" + SKU + "/adjustments", adjustment("-9223372036854775809"))));
        c.add(refused("adjustment: a count beyond the shelf (-1000)", 400, postJson("/stock/" + SKU + "/adjustments", adjustment("-1000"))));
        c.add(refused("adjustment: no reason", 400, postJson("/stock/" + SKU + "/adjustments", "{\"quantityDelta\": -1}")));
        c.add(refused("adjustment: reason of 501 characters", 400, postJson("/stock/" + SKU + "/adjustments",
                "{\"quantityDelta\": -1, \"reason\": \"" + "r".repeat(501) + "\"}")));
        c.add(refused("adjustment: reason true", 400, postJson("/stock/" + SKU + "/adjustments", "{\"quantityDelta\": -1, \"reason\": true}")));
        c.add(refused("stock view: unknown SKU", 404, get("/stock/HOSTILE-NO-SUCH-SKU")));
        c.add(refused("stock view: sku %ff", 400, get("/stock/%ff")));
        c.add(refused("stock view: sku %00", 400, get("/stock/%00")));
        c.add(refused("stock view: sku of 10 KB", 400, get("/stock/" + idTenKb)));

        // GET /fulfilments/{id}, POST /fulfilments/{id}/dispatch-retries
        c.add(refused("fulfilment: unknown order", 404, get("/fulfilments/hostile-no-such-order")));
        c.add(refused("fulfilment: id %ff", 400, get("/fulfilments/%ff")));
        c.add(refused("fulfilment: id with NUL", 400, get("/fulfilments/a%00b")));
        c.add(refused("dispatch retry: unknown order", 404, post("/fulfilments/hostile-no-such-order/dispatch-retries", null, key(), null)));
        c.add(refused("dispatch retry: no Idempotency-Key", 400, post("/fulfilments/" + retried + "/dispatch-retries", null, null, null)));
        c.add(refused("dispatch retry: Idempotency-Key with spaces", 400, post("/fulfilments/" + retried + "/dispatch-retries", null, "a key", null)));
        c.add(refused("dispatch retry: Idempotency-Key of 201 characters", 400, post("/fulfilments/" + retried + "/dispatch-retries", null, "k".repeat(201), null)));
        c.add(refused("dispatch retry: id %ff", 400, post("/fulfilments/%ff/dispatch-retries", null, key(), null)));
        c.add(refused("dispatch retry: a completed order", 409, post("/fulfilments/" + completed + "/dispatch-retries", null, key(), null)));
        c.add(refused("dispatch retry: a cancelled order", 409, post("/fulfilments/" + cancelled + "/dispatch-retries", null, key(), null)));
        c.add(new Case("dispatch retry: the granted retry again under its key (answered, nothing written)",
                post("/fulfilments/" + retried + "/dispatch-retries", null, retryKey, null), Set.of(202), null));

        // GET /loyalty/{customerId}
        c.add(refused("loyalty: a customer never credited", 404, get("/loyalty/hostile-never-credited")));
        c.add(refused("loyalty: id %ff", 400, get("/loyalty/%ff")));
        c.add(refused("loyalty: id with NUL", 400, get("/loyalty/a%00b")));
        c.add(refused("loyalty: id of 10 KB", 400, get("/loyalty/" + idTenKb)));
        c.add(refused("loyalty: id with a space", 400, get("/loyalty/a%20b")));

        // saga-status: /sagas, /sagas/{id}, /sagas/by-order/{id}, /sagas/counts, /sagas/{id}/stream, /choreography
        for (String limit : List.of("0", "-1", "501", "2147483648", "1.5", "abc", "%ff")) {
            c.add(refused("sagas: limit=" + limit, 400, get("/sagas?limit=" + limit)));
        }
        c.add(refused("sagas: status=BOGUS", 400, get("/sagas?status=BOGUS")));
        c.add(refused("sagas: status with NUL", 400, get("/sagas?status=COMPLETED%00")));
        c.add(refused("sagas: after=not-a-cursor", 400, get("/sagas?after=not-a-cursor!")));
        c.add(refused("sagas: updatedSince=yesterday", 400, get("/sagas?updatedSince=yesterday")));
        c.add(refused("sagas: updatedSince month 13", 400, get("/sagas?updatedSince=2026-13-45T00:00:00Z")));
        c.add(refused("sagas: updatedSince with a literal + (a space)", 400, get("/sagas?updatedSince=+999999999-12-31T23:59:59Z")));
        c.add(refused("sagas: updatedSince beyond Instant.MAX", 400, get("/sagas?updatedSince=%2B1000000001-01-01T00:00:00Z")));
        c.add(refused("sagas: updatedSince after updatedUntil", 400,
                get("/sagas?updatedSince=2026-01-02T00:00:00Z&updatedUntil=2026-01-01T00:00:00Z")));
        c.add(refused("sagas: scope=everything", 400, get("/sagas?scope=everything")));
        c.add(new Case("sagas: updatedSince +999999999-12-31T23:59:59Z (clamped: an empty list, written whole)",
                get("/sagas?updatedSince=%2B999999999-12-31T23:59:59Z"), Set.of(200), k -> {
            JsonNode body = json(k.response().body());
            k.softly().assertThat(body.path("sagas").isArray() && body.path("sagas").isEmpty()).as(k.name() + ": sagas []").isTrue();
            k.softly().assertThat(body.has("next") && body.get("next").isNull()).as(k.name() + ": next null").isTrue();
        }));
        c.add(new Case("sagas: updatedUntil -999999999-01-01T00:00:00Z (clamped: an empty list)",
                get("/sagas?updatedUntil=-999999999-01-01T00:00:00Z"), Set.of(200),
                k -> k.softly().assertThat(json(k.response().body()).path("sagas").isEmpty()).as(k.name()).isTrue()));
        c.add(refused("saga: unknown correlation id", 404, get("/sagas/hostile-no-such-saga")));
        c.add(refused("saga: id %ff", 400, get("/sagas/%ff")));
        c.add(refused("saga: id with NUL", 400, get("/sagas/a%00b")));
        c.add(refused("saga: id of 10 KB", 400, get("/sagas/" + idTenKb)));
        c.add(refused("saga: waitForVersionAbove=-1", 400, get("/sagas/hostile-no-such-saga?waitForVersionAbove=-1")));
        c.add(refused("saga: waitForVersionAbove=1e3", 400, get("/sagas/hostile-no-such-saga?waitForVersionAbove=1e3")));
        c.add(refused("saga: waitForVersionAbove=2^63", 400, get("/sagas/hostile-no-such-saga?waitForVersionAbove=9223372036854775808")));
        c.add(refused("saga: timeout=P1D", 400, get("/sagas/hostile-no-such-saga?waitForVersionAbove=1&timeout=P1D")));
        c.add(refused("saga: timeout=-PT1S", 400, get("/sagas/hostile-no-such-saga?waitForVersionAbove=1&timeout=-PT1S")));
        c.add(refused("saga: timeout=PT9999999999999999999S", 400,
                get("/sagas/hostile-no-such-saga?waitForVersionAbove=1&timeout=PT9999999999999999999S")));
        c.add(refused("saga by order: unknown order", 404, get("/sagas/by-order/hostile-no-such-order")));
        c.add(refused("saga by order: id %ff", 400, get("/sagas/by-order/%ff")));
        c.add(refused("saga by order: id with NUL", 400, get("/sagas/by-order/a%00b")));
        c.add(refused("saga counts: scope=everything", 400, get("/sagas/counts?scope=everything")));
        c.add(refused("saga stream: id %ff", 400, get("/sagas/%ff/stream")));
        c.add(refused("saga stream: id with NUL", 400, get("/sagas/a%00b/stream")));
        c.add(refused("choreography: scope=everything", 400, get("/choreography?scope=everything")));

        // unknown paths, dot-segments, escapes that are no escapes, wrong methods
        c.add(refused("unknown path", 404, get("/hostile/no/such/view")));
        c.add(refused("unknown path under /orders", 404, get("/orders/x/y/z")));
        c.add(refused("path traversal: /orders/../stock/x", 400, get("/orders/../stock/" + SKU)));
        c.add(refused("path traversal: /orders/%2e%2e/stock/x", 400, get("/orders/%2e%2e/stock/" + SKU)));
        c.add(refused("path traversal: /stock/%2E%2E/x", 400, get("/stock/%2E%2E/" + SKU)));
        c.add(refused("path traversal: /sagas/./counts", 400, get("/sagas/./counts")));
        c.add(refused("path traversal: a receipt through /orders/../stock (would write)", 400,
                postJson("/orders/../stock/" + SKU + "/receipts", receipt("1"))));
        c.add(refused("path traversal: a receipt through %2e%2e (would write)", 400,
                postJson("/orders/%2e%2e/stock/" + SKU + "/receipts", receipt("1"))));
        c.add(refused("%zz in the path", 400, get("/sagas/%zz")));
        c.add(refused("%zz in the query", 400, get("/sagas?limit=%zz")));
        c.add(refused("a bare | in the target", 400, get("/orders/a|b")));
        c.add(refused("method PUT /orders", 405, method("PUT", "/orders")));
        c.add(refused("method DELETE /orders/{id}", 405, method("DELETE", "/orders/" + completed)));
        c.add(refused("method GET /orders/{id}/cancellation", 405, get("/orders/" + completed + "/cancellation")));
        c.add(refused("method GET /stock/{sku}/receipts", 405, get("/stock/" + SKU + "/receipts")));
        c.add(refused("method DELETE /stock/{sku}", 405, method("DELETE", "/stock/" + SKU)));
        c.add(refused("method PATCH /fulfilments/{id}", 405, method("PATCH", "/fulfilments/" + completed)));
        c.add(refused("method DELETE /loyalty/{id}", 405, method("DELETE", "/loyalty/hostile-cust")));
        c.add(refused("method POST /sagas", 405, postJson("/sagas", "{}")));
        c.add(refused("method POST /choreography", 405, postJson("/choreography", "{}")));

        // admin paths with bad input (none of these may start a rebuild)
        c.add(refused("admin: rebuild with asOf=yesterday", 400, postJson("/admin/orders/rebuild", "{\"asOf\": \"yesterday\"}")));
        c.add(refused("admin: rebuild with malformed JSON", 400, postJson("/admin/saga-status/rebuild", "{\"asOf\": ")));
        c.add(refused("admin: digest of=banana", 400, get("/admin/orders/digest?of=banana")));
        c.add(refused("admin: digest of=%ff", 400, get("/admin/saga-status/digest?of=%ff")));
        c.add(refused("admin: a context nobody serves", 404, get("/admin/nobody/digest")));
        c.add(refusedAny("admin: rebuild view of key %ff", Set.of(400, 404, 409), get("/admin/orders/rebuild/view/%ff")));
        c.add(refused("admin: path traversal into another context", 400, postJson("/admin/orders/../saga-status/rebuild", "{}")));

        // malformed HTTP on the socket
        c.add(refused("raw: HTTP/9.9 (an unsupported version; answered, then closed)", 505,
                raw("GET /orders/" + completed + " HTTP/9.9\r\nHost: localhost\r\n\r\n", true)));
        c.add(refused("raw: HTTP/2.0 without h2c", 505, raw("GET / HTTP/2.0\r\nHost: localhost\r\n\r\n", true)));
        c.add(refused("raw: a garbage request line", 400, raw("GARBAGE\r\n\r\n", false)));
        c.add(refused("raw: a request line of three words that are not HTTP", 400, raw("GET / HTTX/1.1\r\nHost: localhost\r\n\r\n", false)));
        c.add(refused("raw: a chunk size that is not hex", 400, raw("POST /stock/" + SKU + "/receipts HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", false)));
        c.add(refused("raw: Connection: close (answered, then closed)", 404,
                raw("GET /orders/hostile-no-such-order HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", true)));
        c.add(refused("raw: HTTP/1.0 without keep-alive (answered, then closed)", 404,
                raw("GET /loyalty/hostile-never-credited HTTP/1.0\r\n\r\n", true)));
        c.add(refused("raw: a refused POST with Connection: close (answered, then closed)", 400,
                raw("POST /stock/" + SKU + "/receipts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\n{]", true)));
        return c;
    }

    // ---------------------------------------------------------------------------------------------
    // Requests

    private Case refused(String name, int status, RawHttp.Request request) {
        return new Case(name, request, Set.of(status), null);
    }

    private Case refusedAny(String name, Set<Integer> statuses, RawHttp.Request request) {
        return new Case(name, request, statuses, null);
    }

    private String key() {
        return "hostile-" + run + "-" + (++keys);
    }

    private RawHttp.Request get(String target) {
        return method("GET", target);
    }

    private RawHttp.Request method(String method, String target) {
        return new RawHttp.Request(head(method, target, null, null, null, false), null, false, false);
    }

    private RawHttp.Request postOrders(Object body) {
        return post("/orders", "application/json", key(), utf8(body.toString()));
    }

    private RawHttp.Request postJson(String target, String body) {
        return post(target, "application/json", null, utf8(body));
    }

    private RawHttp.Request post(String target, String contentType, String idempotencyKey, byte[] body) {
        return new RawHttp.Request(head("POST", target, contentType, idempotencyKey,
                body == null ? 0 : body.length, false), body, false, false);
    }

    private RawHttp.Request chunked(String target, String idempotencyKey, byte[] body) {
        return new RawHttp.Request(head("POST", target, "application/json", idempotencyKey, null, true), body, true, false);
    }

    /** {@code head} as written, with the admin's token after its first line (so what is refused is the request, not the caller). */
    private RawHttp.Request raw(String head, boolean checkClosed) {
        String authorized = head.replaceFirst("\r\n", "\r\nAuthorization: " + Http.adminAuthorization() + "\r\n");
        return new RawHttp.Request(authorized.getBytes(StandardCharsets.ISO_8859_1), null, false, checkClosed);
    }

    private byte[] head(String method, String target, String contentType, String idempotencyKey, Integer length,
            boolean chunked) {
        StringBuilder h = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(api.getHost()).append(':').append(api.getPort()).append("\r\n")
                .append("Authorization: ").append(Http.adminAuthorization()).append("\r\n");
        if (contentType != null) h.append("Content-Type: ").append(contentType).append("\r\n");
        if (idempotencyKey != null) h.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
        if (chunked) h.append("Transfer-Encoding: chunked\r\n");
        else if (length != null) h.append("Content-Length: ").append(length).append("\r\n");
        return h.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------
    // Bodies

    private static ObjectNode validLine() {
        return NODES.objectNode().put("sku", SKU).put("title", "Blue Train").put("artist", "John Coltrane")
                .put("format", "VINYL").put("quantity", 1).put("unitPriceMinor", 1500);
    }

    private static ObjectNode validOrder() {
        ObjectNode order = NODES.objectNode().put("customerId", "hostile-cust").put("customerName", "Customer Hostile")
                .put("customerEmail", "hostile@example.com");
        order.putArray("lines").add(validLine());
        order.put("currency", "GBP");
        order.putObject("shippingAddress").put("name", "Customer Hostile").put("line1", "3 Abbey Road")
                .put("city", "London").put("postalCode", "NW8 9AY").put("countryCode", "GB");
        return order.put("paymentMethodToken", "tok_visa");
    }

    private static ObjectNode order(Consumer<ObjectNode> change) {
        ObjectNode order = validOrder();
        change.accept(order);
        return order;
    }

    private static ObjectNode line(Consumer<ObjectNode> change) {
        return order(o -> change.accept((ObjectNode) o.get("lines").get(0)));
    }

    /** {@code n} valid lines of distinct SKUs. */
    private static ArrayNode lines(int n) {
        ArrayNode lines = NODES.arrayNode();
        for (int i = 0; i < n; i++) lines.add(validLine().put("sku", String.format("BULK-%05d", i)));
        return lines;
    }

    private static String receipt(String quantity) {
        return "{\"title\":\"Blue Train\",\"artist\":\"John Coltrane\",\"format\":\"VINYL\",\"quantity\":" + quantity + "}";
    }

    private static String adjustment(String delta) {
        return "{\"quantityDelta\":" + delta + ",\"reason\":\"shelf count\"}";
    }

    /** A well-formed JSON object of about {@code bytes} bytes: only its size is wrong. */
    private static byte[] bigJson(int bytes) {
        String prefix = "{\"customerName\":\"";
        return utf8(prefix + "x".repeat(Math.max(0, bytes - prefix.length() - 2)) + "\"}");
    }

    /** The JSON with its customer's name made invalid UTF-8 (a lone continuation byte). */
    private static byte[] invalidUtf8(String json) {
        byte[] bytes = utf8(json.replace("Customer Hostile", "Customer #ostile"));
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == '#') bytes[i] = (byte) 0x80;
        return bytes;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? NODES.missingNode() : Http.JSON.readTree(body);
        } catch (java.io.IOException notJson) {
            return NODES.missingNode();
        }
    }
}
