package com.musiccorp.gateway;

import com.musiccorp.gateway.http.GatewayHttpServer;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulated payment gateway: {@code GATEWAY_HTTP_PORT} (default 8090, 0 = a free port)
 * and {@code GATEWAY_CUSTOMER_LIMIT_MINOR} (default: no limit). Prints
 * {@code READY payment-gateway http=http://localhost:PORT} once it serves. The ledger lives in
 * memory: a restart forgets every charge.
 */
public final class PaymentGatewayMain {

    private PaymentGatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(env("GATEWAY_HTTP_PORT", "8090"));
        String limit = env("GATEWAY_CUSTOMER_LIMIT_MINOR", "");
        GatewaySimulator simulator = limit.isEmpty() ? new GatewaySimulator() : new GatewaySimulator(Long.parseLong(limit));
        GatewayHttpServer http;
        try {
            http = GatewayHttpServer.start(port, simulator);
        } catch (RuntimeException e) {
            System.err.println("payment-gateway could not serve HTTP on port " + port + ": " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            stopped.countDown();
        }, "payment-gateway-shutdown"));
        System.out.println("READY payment-gateway http=" + http.url());
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
