package com.musiccorp.sagastatus.http;

/** A query parameter or path id the API refuses: answered 400 with a body naming it. */
final class BadParameter extends RuntimeException {

    private final String parameter;

    /** @param problem what is wrong, completing "{parameter} ..." (e.g. "must be at most 500") */
    BadParameter(String parameter, String problem) {
        super(parameter + " " + problem, null, false, false);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }

    /** What a 400 for this says. */
    HttpBodies.Problem problem() {
        return new HttpBodies.Problem(getMessage(), parameter);
    }
}
