package com.musiccorp.sagastatus.http;

import java.util.List;

/** A query parameter or path id the API refuses: answered 400 with a body naming it. */
final class BadParameter extends RuntimeException {

    private final String parameter;
    private final String problem;

    /** @param problem what is wrong, completing "{parameter} ..." (e.g. "must be at most 500") */
    BadParameter(String parameter, String problem) {
        super(parameter + " " + problem, null, false, false);
        this.parameter = parameter;
        this.problem = problem;
    }

    String parameter() {
        return parameter;
    }

    /** What a 400 for this says: the same shape as every service's refusals, the parameter as the field. */
    HttpBodies.Problem problem() {
        return new HttpBodies.Problem(getMessage(), List.of(new HttpBodies.FieldViolation(parameter, problem)));
    }
}
