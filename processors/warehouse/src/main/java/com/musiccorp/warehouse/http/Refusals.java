package com.musiccorp.warehouse.http;

import com.musiccorp.platform.http.StrictJson;
import com.musiccorp.schemas.ContractLimits;
import com.musiccorp.warehouse.domain.Refusal;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * How the warehouse API refuses a request before writing anything: 400 with a {@link HttpBodies.Problem}
 * naming every field at fault (a path id, a header, a body field, or {@code body} itself).
 */
final class Refusals {

    private Refusals() {
    }

    /** Adds a violation for {@code field} unless {@code value} is an identifier (ContractLimits' one rule). */
    static void identifier(String field, String value, int maxLength, List<HttpBodies.FieldViolation> violations) {
        String problem = ContractLimits.identifierProblem(value, maxLength);
        if (problem != null) {
            violations.add(new HttpBodies.FieldViolation(field, problem));
        }
    }

    static void identifier(String field, String value, List<HttpBodies.FieldViolation> violations) {
        identifier(field, value, ContractLimits.MAX_IDENTIFIER_LENGTH, violations);
    }

    static List<HttpBodies.FieldViolation> of(List<Refusal> refusals) {
        return refusals.stream().map(r -> new HttpBodies.FieldViolation(r.field(), r.message())).toList();
    }

    /** A body StrictJson refused: each field of the wrong JSON type, or the body as a whole. */
    static List<HttpBodies.FieldViolation> of(StrictJson.Refused refused) {
        var violations = new ArrayList<HttpBodies.FieldViolation>();
        refused.wrongTypes().forEach(wrong -> violations.add(new HttpBodies.FieldViolation(wrong.field(),
                wrong.message())));
        if (violations.isEmpty()) {
            violations.add(new HttpBodies.FieldViolation("body", refused.getMessage()));
        }
        return violations;
    }

    static MutableHttpResponse<HttpBodies.Problem> badRequest(String what, List<HttpBodies.FieldViolation> violations) {
        return HttpResponse.<HttpBodies.Problem>status(HttpStatus.BAD_REQUEST)
                .body(new HttpBodies.Problem(what + " was refused: " + violations.size()
                        + (violations.size() == 1 ? " violation" : " violations"), violations));
    }
}
