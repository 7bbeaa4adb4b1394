package com.musiccorp.platform.http;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    @Serdeable
    record Line(String sku, Integer quantity, Long unitPriceMinor) {
    }

    @Serdeable
    record Request(String customerId, List<Line> lines, Boolean gift) {
    }

    private final StrictJson strict = new StrictJson(ObjectMapper.getDefault());

    @Test
    void readsAWellTypedBody() throws Exception {
        Request r = strict.read("""
                {"customerId":"c-1","lines":[{"sku":"S-1","quantity":2,"unitPriceMinor":2499}],"gift":false,"extra":1}""",
                Request.class);
        assertThat(r).isEqualTo(new Request("c-1", List.of(new Line("S-1", 2, 2499L)), false));
    }

    @Test
    void leavesMissingAndNullFieldsToTheValidator() throws Exception {
        assertThat(strict.read("{\"customerId\":null}", Request.class)).isEqualTo(new Request(null, null, null));
        assertThat(strict.read("  ", Request.class)).isNull();
    }

    @Test
    void refusesEveryCoercionNamingTheField() {
        assertThatThrownBy(() -> strict.read("""
                {"customerId":7,"gift":"yes","lines":[{"sku":"S-1","quantity":1.5},{"sku":["x"],"quantity":true},
                 {"quantity":"1","unitPriceMinor":1e3},{"quantity":2147483648}]}""", Request.class))
                .isInstanceOfSatisfying(StrictJson.Refused.class, e -> assertThat(e.wrongTypes())
                        .extracting(StrictJson.WrongType::field)
                        .containsExactly("customerId", "lines[0].quantity", "lines[1].sku", "lines[1].quantity",
                                "lines[2].quantity", "lines[2].unitPriceMinor", "lines[3].quantity", "gift"));
    }

    @Test
    void refusesAListOrObjectOfTheWrongShape() {
        assertThatThrownBy(() -> strict.read("{\"lines\":{\"sku\":\"S\"}}", Request.class))
                .isInstanceOfSatisfying(StrictJson.Refused.class, e -> assertThat(e.wrongTypes())
                        .containsExactly(new StrictJson.WrongType("lines", "must be a JSON array")));
        assertThatThrownBy(() -> strict.read("{\"lines\":[5]}", Request.class))
                .isInstanceOfSatisfying(StrictJson.Refused.class, e -> assertThat(e.wrongTypes())
                        .containsExactly(new StrictJson.WrongType("lines[0]", "must be a JSON object")));
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        for (String body : List.of("{\"customerId\":", "[1,2]", "\"text\"", "nul", "{\"a\":1}}", "{\"gift\":true,\"gift\":false}")) {
            assertThatThrownBy(() -> strict.read(body, Request.class)).as(body)
                    .isInstanceOf(StrictJson.Refused.class);
        }
    }

    @Test
    void refusesBytesThatAreNotUtf8AndReadsThoseThatAre() throws Exception {
        byte[] latin1 = "{\"customerId\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> strict.read(latin1, Request.class))
                .isInstanceOf(StrictJson.Refused.class).hasMessageContaining("not valid UTF-8");
        byte[] utf8 = "{\"customerId\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(strict.read(utf8, Request.class).customerId()).isEqualTo("caf\u00e9");
    }
}
