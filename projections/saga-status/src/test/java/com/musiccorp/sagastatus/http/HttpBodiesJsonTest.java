package com.musiccorp.sagastatus.http;

import com.musiccorp.sagastatus.domain.Events;
import com.musiccorp.sagastatus.domain.SagaProjection;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bodies as Micronaut's serializer writes them: empty lists and a null cursor are still fields. */
class HttpBodiesJsonTest {

    private final ObjectMapper json = ObjectMapper.getDefault();

    @Test
    void anEmptyPageShowsBothFields() throws Exception {
        assertThat(json.writeValueAsString(new HttpBodies.SagaPage(List.of(), null))).isEqualTo("{\"sagas\":[],\"next\":null}");
        assertThat(json.writeValueAsString(new HttpBodies.Choreography(List.of()))).isEqualTo("{\"transitions\":[]}");
        assertThat(json.writeValueAsString(new HttpBodies.LocalPage(List.of(), List.of())))
                .isEqualTo("{\"partitions\":[],\"entries\":[]}");
    }

    @Test
    void aSagaShowsItsEmptyListsAndOmittedStepsButNotItsMissingTimes() throws Exception {
        Events order = Events.forOrder("order-json");
        String body = json.writeValueAsString(HttpBodies.SagaBody.of(SagaProjection.foldAll(
                Events.read(List.of(order.placed())), Instant.parse("2026-03-01T12:00:00Z"))));
        assertThat(body).contains("\"compensations\":[]", "\"omittedSteps\":0", "\"timeline\":[{")
                .doesNotContain("stalledSince", "failureReason");
    }

    @Test
    void aRefusalNamesTheParameter() throws Exception {
        assertThat(json.writeValueAsString(new BadParameter("limit", "must be a whole number from 1 to 500").problem()))
                .isEqualTo("{\"message\":\"limit must be a whole number from 1 to 500\",\"violations\":"
                        + "[{\"field\":\"limit\",\"message\":\"must be a whole number from 1 to 500\"}]}");
    }
}
