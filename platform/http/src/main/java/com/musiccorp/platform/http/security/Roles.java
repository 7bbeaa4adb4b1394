package com.musiccorp.platform.http.security;

/**
 * The roles a bearer token's {@code roles} claim may name. There is no hierarchy in the token: each
 * endpoint lists every role it admits ({@code @Secured({Roles.OPERATOR, Roles.ADMIN})}), so what a
 * role may do is read off the endpoint.
 */
public final class Roles {

    /** Places orders and reads its own orders and sagas ({@code customerId} claim). */
    public static final String CUSTOMER = "customer";
    /** Everything a customer may, for any customer, and the operational commands and views. */
    public static final String OPERATOR = "operator";
    /** Everything, including rebuilds and digests ({@code /admin/**}). */
    public static final String ADMIN = "admin";
    /** Reads {@code /prometheus} and nothing else: what a metrics scraper is given. */
    public static final String METRICS = "metrics";

    private Roles() {
    }
}
