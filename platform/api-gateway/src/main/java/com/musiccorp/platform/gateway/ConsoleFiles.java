package com.musiccorp.platform.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's static files, from the classpath folder {@code console/}. A name is looked up only
 * when it is a plain file name of a known type ({@code app.js}, {@code saga-page.js}): no folders, no
 * dots but the extension's, so no name can reach outside the folder, whatever its encoding was.
 */
final class ConsoleFiles {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    /** A file's bytes, its content type and a strong validator for conditional requests. */
    record File(byte[] bytes, String contentType, String etag) {
    }

    /** Only files that exist: a name asked for in vain is not kept (any caller can ask for any name). */
    private final Map<String, File> loaded = new ConcurrentHashMap<>();

    Optional<File> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(loaded.computeIfAbsent(name, ConsoleFiles::load));
    }

    int kept() {
        return loaded.size();
    }

    private static File load(String name) {
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream("console/" + name)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return new File(bytes, type, "\"" + sha256(bytes).substring(0, 32) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
