package com.musiccorp.gateway;

import com.musiccorp.gateway.http.GatewayHttpServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulated payment gateway: {@code GATEWAY_HTTP_PORT} (default 8090, 0 = a free port)
 * and {@code GATEWAY_CUSTOMER_LIMIT_MINOR} (default: no limit). Prints
 * {@code READY payment-gateway http=http://localhost:PORT} once it serves. The ledger is journaled
 * in {@code GATEWAY_LEDGER_FILE} (default {@code $STATE_DIR/payment-gateway/ledger.log}), so a
 * restart, even after SIGKILL, knows every charge; without either it lives in memory.
 */
public final class PaymentGatewayMain {

    private PaymentGatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(env("GATEWAY_HTTP_PORT", "8090"));
        String limit = env("GATEWAY_CUSTOMER_LIMIT_MINOR", "");
        String stateDir = env("STATE_DIR", "");
        String ledgerFile = env("GATEWAY_LEDGER_FILE", stateDir.isEmpty() ? "" : stateDir + "/payment-gateway/ledger.log");
        Ledger ledger;
        try {
            ledger = ledgerFile.isEmpty() ? new Ledger() : Ledger.journaled(Path.of(ledgerFile));
        } catch (IOException | RuntimeException e) {
            System.err.println("payment-gateway could not read its ledger " + ledgerFile + ": " + e);
            System.exit(1);
            return;
        }
        GatewaySimulator simulator = new GatewaySimulator(
                limit.isEmpty() ? GatewaySimulator.NO_LIMIT : Long.parseLong(limit), ledger);
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
