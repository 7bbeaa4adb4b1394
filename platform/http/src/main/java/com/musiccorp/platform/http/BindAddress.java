package com.musiccorp.platform.http;

/**
 * The address an HTTP server listens on: loopback, so a development machine's services are not
 * reachable from its network, unless {@code BIND_ADDRESS} says otherwise (the compose file sets
 * 0.0.0.0, where containers reach each other over their own network).
 */
public final class BindAddress {

    public static final String VARIABLE = "BIND_ADDRESS";
    public static final String LOOPBACK = "127.0.0.1";

    private BindAddress() {
    }

    public static String fromEnvironment() {
        String v = System.getenv(VARIABLE);
        return v == null || v.isBlank() ? LOOPBACK : v.strip();
    }
}
