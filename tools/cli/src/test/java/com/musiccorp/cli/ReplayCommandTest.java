package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static com.musiccorp.cli.AdminApiServer.json;
import static com.musiccorp.cli.AdminApiServer.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** `replay` against a real HTTP server playing the admin API: polling, summaries, errors and exit codes. */
class ReplayCommandTest {
    private static final String REBUILD = "/admin/saga-status/rebuild";

    private AdminApiServer server;

    @BeforeEach
    void start() throws IOException {
        server = new AdminApiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The command against the test server, polling without pause. */
    private Cli.Run replay(String... args) {
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(List.of(args));
        all.addAll(List.of("--api-url", server.url(), "--poll-interval", "0"));
        return Cli.run(all.toArray(String[]::new));
    }

    private List<String> requestLines() {
        return server.requests().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    @Test
    void pollsUntilSwitchedShowingProgressThenTheSummary() {
        server.on("POST", REBUILD, json(202, RebuildJson.rebuilding(0, 0.0, -1)))
                .on("GET", REBUILD, json(200, RebuildJson.rebuilding(1200, 600.0, 4430)),
                        json(200, RebuildJson.rebuilding(4000, 1333.3, 1630)), json(200, RebuildJson.switched()));

        Cli.Run run = replay("saga-status");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(requestLines()).containsExactly("POST " + REBUILD, "GET " + REBUILD, "GET " + REBUILD, "GET " + REBUILD);
        assertThat(server.requests().get(0).json()).as("no --as-of: an empty body").isEqualTo(Json.object());
        assertThat(run.err().lines().toList()).containsExactly(
                "saga-status generation 3 REBUILDING: 0 events, 0.0 events/s, lag not measured yet",
                "saga-status generation 3 REBUILDING: 1,200 events, 600.0 events/s, lag 4,430",
                "saga-status generation 3 REBUILDING: 4,000 events, 1,333.3 events/s, lag 1,630",
                "saga-status generation 3 SWITCHED: 5,630 events, 2,815.0 events/s, lag 0");
        assertThat(run.out()).contains(
                "saga-status rebuild, generation 3: SWITCHED",
                "serving now     musiccorp-saga-status-g3",
                "as of           every event",
                "events          5,630 (2,815.0 events/s), lag 0",
                "sha256  " + RebuildJson.SHA,
                "message         caught up and serving; generation musiccorp-saga-status-g2 deleted");
        assertThat(run.out()).containsPattern("sagas-store +1,250  0123456789abcdef\n")
                .containsPattern("transitions-store +17  aaaabbbbccccdddd\n")
                .containsPattern("total +2,517\n")
                .doesNotContain(RebuildJson.SAGAS_SHA);
    }

    @Test
    void asOfIsSentInThePostBodyAndCaughtUpSucceeds() {
        server.on("POST", REBUILD, json(202, RebuildJson.rebuilding(0, 0.0, -1).put("asOf", "2026-11-23T10:02:00Z")))
                .on("GET", REBUILD, json(200, RebuildJson.caughtUpAsOf("2026-11-23T10:02:00Z")));

        Cli.Run run = replay("saga-status", "--as-of", "2026-11-23T10:02:00Z");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(server.requests().get(0).json()).isEqualTo(Json.object().put("asOf", "2026-11-23T10:02:00Z"));
        assertThat(run.out()).contains("CAUGHT_UP", "as of           2026-11-23T10:02:00Z",
                "serving now     musiccorp-saga-status-g2");
    }

    @Test
    void jsonPrintsOnlyTheFinalStatus() throws IOException {
        server.on("POST", REBUILD, json(202, RebuildJson.rebuilding(0, 0.0, -1)))
                .on("GET", REBUILD, json(200, RebuildJson.rebuilding(1200, 600.0, 4430)), json(200, RebuildJson.switched()));

        Cli.Run run = replay("saga-status", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode printed = Json.MAPPER.readTree(run.out());
        // As the server sent it, read back: numbers compare by their parsed node types.
        assertThat(printed).isEqualTo(Json.MAPPER.readTree(Json.compact(RebuildJson.switched())));
        assertThat(Json.MAPPER.readerFor(JsonNode.class).readValues(run.out()).readAll()).as("one document").hasSize(1);
        assertThat(run.err()).contains("events/s", "lag 4,430");
    }

    @Test
    void aFailedRebuildIsExitOneWithItsMessageOnStderr() {
        server.on("POST", REBUILD, json(202, RebuildJson.rebuilding(0, 0.0, -1)))
                .on("GET", REBUILD, json(200, RebuildJson.rebuilding(800, 400.0, 4830)), json(200, RebuildJson.failed()));

        Cli.Run run = replay("saga-status");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED", "digest          none (the rebuild did not catch up)");
        assertThat(run.err()).contains("rebuild of saga-status ended FAILED: "
                + "Kafka Streams of the rebuild stopped (ERROR); the live state serves on");
    }

    @Test
    void aConflictIsExitOneWithTheServersReasonAndNoPolling() {
        server.on("POST", REBUILD, problem(409, "rebuild of generation 3 is still running; discard it first (DELETE) "
                + "or wait for it", null));

        Cli.Run run = replay("saga-status");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("answered 409: rebuild of generation 3 is still running");
        assertThat(requestLines()).containsExactly("POST " + REBUILD);
    }

    @Test
    void aBadRequestNamesTheField() {
        server.on("POST", REBUILD, problem(400, "asOf must be an ISO-8601 instant such as 2026-11-23T10:02:00Z, "
                + "not '+1000000-01-01T00:00:00Z'", "asOf"));

        Cli.Run run = replay("saga-status", "--as-of", "2026-11-23T10:02:00Z");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("answered 400: asOf must be an ISO-8601 instant", "(field asOf)");
    }

    @Test
    void aContextTheServiceDoesNotOwnIsExitOneWithThe404Message() {
        server.on("POST", "/admin/payments/rebuild", problem(404, "this service does not own 'payments'", null));

        Cli.Run owned = replay("payments");
        assertThat(owned.exitCode()).isEqualTo(1);
        assertThat(owned.err()).contains("POST " + server.url() + "/admin/payments/rebuild answered 404: "
                + "this service does not own 'payments'");

        Cli.Run unrouted = replay("nowhere");
        assertThat(unrouted.exitCode()).isEqualTo(1);
        assertThat(unrouted.err()).contains("answered 404: no service serves /admin/nowhere/rebuild");
    }

    @Test
    void aBadAsOfIsRefusedBeforeAnyRequestNamingTheOption() {
        Cli.Run run = replay("saga-status", "--as-of", "ten past ten");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--as-of", "'ten past ten' is not an ISO-8601 instant such as 2026-11-23T10:02:00Z");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void discardDeletesTheRebuildAndPrintsItsFinalStatus() {
        server.on("DELETE", REBUILD, json(200, RebuildJson.discarded()));

        Cli.Run run = replay("saga-status", "--discard");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(requestLines()).containsExactly("DELETE " + REBUILD);
        assertThat(run.out()).contains("DISCARDED", "message         discarded; the live state serves on");

        Cli.Run json = replay("saga-status", "--discard", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"phase\" : \"DISCARDED\"");
    }

    @Test
    void discardWithoutARebuildIsExitOne() {
        server.on("DELETE", REBUILD, problem(404, "no rebuild of saga-status since this instance started", null));

        Cli.Run run = replay("saga-status", "--discard");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no rebuild of saga-status since this instance started");
    }

    @Test
    void noWaitStartsAndReturnsWithoutPolling() {
        server.on("POST", REBUILD, json(202, RebuildJson.rebuilding(0, 0.0, -1)));

        Cli.Run run = replay("saga-status", "--no-wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(requestLines()).containsExactly("POST " + REBUILD);
        assertThat(run.out()).contains("REBUILDING");
        assertThat(run.err()).contains("query /admin/saga-status/rebuild");
    }

    @Test
    void viewPrintsOneKeyAsTheRebuildKnowsIt() throws IOException {
        JsonNode saga = Json.object().put("correlationId", "5b962fca-0a5e-4b8e-9a53-1f6f0c0b7d11")
                .put("orderId", "o-1").put("status", "AWAITING_PAYMENT");
        server.on("GET", REBUILD + "/view/5b962fca-0a5e-4b8e-9a53-1f6f0c0b7d11", json(200, saga))
                .on("GET", REBUILD + "/view/o%202", problem(404, "the rebuild of saga-status has no 'o 2'", null));

        Cli.Run run = replay("saga-status", "--view", "5b962fca-0a5e-4b8e-9a53-1f6f0c0b7d11");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Json.MAPPER.readTree(run.out())).isEqualTo(saga);

        Cli.Run missing = replay("saga-status", "--view", "o 2");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("the rebuild of saga-status has no 'o 2'");
    }

    @Test
    void actionsThatStartNothingRefuseStartOptions() {
        assertThat(replay("saga-status", "--discard", "--as-of", "2026-11-23T10:02:00Z").exitCode()).isEqualTo(2);
        assertThat(replay("saga-status", "--discard", "--view", "o-1").exitCode()).isEqualTo(2);
        Cli.Run run = replay("saga-status", "--view", "o-1", "--no-wait");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--view starts no rebuild, so --no-wait does not apply");
        assertThat(replay("../orders").err()).contains("not a context name");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anUnreachableUrlIsExitOne() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Cli.Run run = Cli.run("replay", "saga-status", "--api-url", "http://127.0.0.1:" + closedPort);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no answer from http://127.0.0.1:" + closedPort + "/admin/saga-status/rebuild");
    }
}
