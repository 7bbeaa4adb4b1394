package com.musiccorp.platform.gateway;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the gateway: {@code API_HTTP_PORT} (default 8080), routes from {@code MUSICCORP_ROUTES}.
 * Prints {@code READY api http=http://localhost:PORT routes=N}; stops on SIGTERM.
 */
public final class ApiGatewayMain {

    private ApiGatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String port = System.getenv().getOrDefault("API_HTTP_PORT", "8080");
        Routes routes = Routes.parse(System.getenv("MUSICCORP_ROUTES"));
        ApiGatewayServer server = ApiGatewayServer.start(Integer.parseInt(port.isBlank() ? "8080" : port.strip()), routes);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "stop-api"));
        System.out.println("READY api http=http://localhost:" + server.port() + " routes=" + routes.all().size());
        stopped.await();
    }
}
