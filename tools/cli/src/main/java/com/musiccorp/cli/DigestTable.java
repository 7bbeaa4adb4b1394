package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A state digest ({@code {sha256, stores: {name: {entries, sha256}}}}) as text: the total sha256, then
 * one row per store. Stores show the first 16 hex characters of their sha256, enough to spot which
 * store differs between two digests while keeping a row on one line.
 */
final class DigestTable {
    static final int SHORT_SHA = 16;

    private DigestTable() {
    }

    static void print(PrintWriter out, JsonNode digest, String indent) {
        out.println(indent + "sha256  " + digest.path("sha256").asText("?"));
        List<Map.Entry<String, JsonNode>> stores = new ArrayList<>(digest.path("stores").properties());
        stores.sort(Map.Entry.comparingByKey()); // the server's order is a map's: sort so runs compare line by line
        int width = "total".length();
        for (var store : stores) width = Math.max(width, store.getKey().length());
        String row = indent + "%-" + width + "s  %,10d  %s%n";
        out.printf(Locale.ROOT, indent + "%-" + width + "s  %10s  %s%n", "STORE", "ENTRIES", "SHA256");
        long total = 0;
        for (var store : stores) {
            long entries = store.getValue().path("entries").asLong();
            total += entries;
            out.printf(Locale.ROOT, row, store.getKey(), entries, shortSha(store.getValue().path("sha256").asText("")));
        }
        out.printf(Locale.ROOT, indent + "%-" + width + "s  %,10d%n", "total", total);
    }

    private static String shortSha(String sha) {
        return sha.length() > SHORT_SHA ? sha.substring(0, SHORT_SHA) : sha;
    }
}
