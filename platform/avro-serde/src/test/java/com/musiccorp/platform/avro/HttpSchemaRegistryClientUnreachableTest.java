package com.musiccorp.platform.avro;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A registry nobody listens on: a real refused connection, not a mock. */
class HttpSchemaRegistryClientUnreachableTest {

    @Test
    void connectFailuresAreRetriedABoundedNumberOfTimesThenReported() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();
        RegistryClientOptions options = RegistryClientOptions.of(url)
                .withRetries(2, Duration.ofMillis(20), Duration.ofMillis(50));
        try (HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(options)) {
            long t0 = System.nanoTime();
            SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> client.getById(1));
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(e.status()).isEqualTo(-1);
            assertThat(e.url()).isEqualTo(url + "/schemas/ids/1");
            assertThat(e.getMessage()).contains("cannot connect");
            assertThat(elapsedMs).isGreaterThanOrEqualTo(20 + 40).isLessThan(10_000); // waited 20 ms, then 40 ms
        }
    }

    @Test
    void aUrlListWithoutUrlsIsRejected() {
        assertThatThrownBy(() -> RegistryClientOptions.of(" , ")).isInstanceOf(IllegalArgumentException.class);
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
