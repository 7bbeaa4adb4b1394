package com.musiccorp.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static com.musiccorp.cli.AdminApiServer.json;
import static com.musiccorp.cli.AdminApiServer.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** `digest` against a real HTTP server playing the admin API. */
class DigestCommandTest {
    private AdminApiServer server;

    @BeforeEach
    void start() throws IOException {
        server = new AdminApiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void printsTheSha256AndATableOfStores() {
        server.on("GET", "/admin/saga-status/digest", json(200, RebuildJson.digest()));

        Cli.Run run = Cli.run("digest", "saga-status", "--api-url", server.url());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).containsExactly(
                "sha256  " + RebuildJson.SHA,
                "STORE                 ENTRIES  SHA256",
                "order-index-store       1,250  fedcba9876543210",
                "sagas-store             1,250  0123456789abcdef",
                "transitions-store          17  aaaabbbbccccdddd",
                "total                   2,517");
    }

    @Test
    void jsonIsTheDigestAsReturned() throws IOException {
        server.on("GET", "/admin/orders/digest?of=rebuild", json(200, RebuildJson.digest()));

        Cli.Run run = Cli.run("digest", "orders", "--of-rebuild", "--json", "--api-url", server.url());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Json.MAPPER.readTree(run.out())).isEqualTo(RebuildJson.digest());
        assertThat(server.requests()).extracting(AdminApiServer.Request::path)
                .containsExactly("/admin/orders/digest?of=rebuild");
    }

    @Test
    void theTokenGoesAsABearerAuthorization() {
        server.on("GET", "/admin/orders/digest", json(200, RebuildJson.digest()));

        Cli.Run run = Cli.run("digest", "orders", "--token", "t0k3n", "--api-url", server.url());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(server.requests()).extracting(AdminApiServer.Request::authorization).containsExactly("Bearer t0k3n");
    }

    @Test
    void anErrorAnswerIsExitOneWithItsMessage() {
        server.on("GET", "/admin/saga-status/digest?of=rebuild",
                problem(409, "no caught-up rebuild of saga-status to digest", null));

        Cli.Run run = Cli.run("digest", "saga-status", "--of-rebuild", "--api-url", server.url());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("answered 409: no caught-up rebuild of saga-status to digest");
    }
}
