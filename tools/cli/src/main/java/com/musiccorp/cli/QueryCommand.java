package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = "GET a view through the one base URL and pretty-print its JSON, e.g. query /orders/<id>, "
                + "query /sagas/<correlation id>.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:2xx", "1:4xx/5xx (the answer's message on stderr) or no answer", "2:bad path"})
final class QueryCommand implements Callable<Integer> {
    private final MusicCorpCli.Io io;

    @Parameters(paramLabel = "PATH", description = "Path (and query string) under the base URL, e.g. /orders/o-1.")
    String path;
    @Mixin
    Options.Api api;

    QueryCommand(MusicCorpCli.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        URI uri;
        try {
            String base = api.url.endsWith("/") ? api.url.substring(0, api.url.length() - 1) : api.url;
            uri = URI.create(base + (path.startsWith("/") ? path : "/" + path));
        } catch (IllegalArgumentException e) {
            throw CliException.invalid("not a valid path: " + path + " (" + e.getMessage() + ")");
        }
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(ApiToken.authorize(HttpRequest.newBuilder(uri), api.token()).timeout(Duration.ofSeconds(60))
                            .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw CliException.failed("no answer from " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
        String body = prettyIfJson(answer.body());
        if (answer.statusCode() / 100 == 2) {
            io.out().println(body);
            return MusicCorpCli.OK;
        }
        io.err().println("GET " + uri + " answered " + answer.statusCode() + (body.isBlank() ? "" : ":\n" + body));
        return MusicCorpCli.FAILED;
    }

    private static String prettyIfJson(String body) {
        if (body == null) return "";
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            return json == null ? body : Json.pretty(json);
        } catch (IOException notJson) {
            return body;
        }
    }
}
