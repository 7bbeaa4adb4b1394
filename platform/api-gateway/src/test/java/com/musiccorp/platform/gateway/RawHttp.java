package com.musiccorp.platform.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes a well-behaved client would never send, over a plain socket, and reads the answer up
 * to the end of the connection: a server that keeps the connection open past {@link #CLOSE_WITHIN}
 * fails the test.
 */
final class RawHttp {

    static final Duration CLOSE_WITHIN = Duration.ofSeconds(2);

    /** An answer as it came on the wire; {@code headers} are keyed in lower case. */
    record Answer(String statusLine, Map<String, String> headers, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private RawHttp() {
    }

    /** An operator's {@code Authorization} value: what {@link #exchange} adds to a request that names none. */
    static final String OPERATOR = com.musiccorp.platform.http.security.TestTokens.bearer(
            com.musiccorp.platform.http.security.TestTokens.operator());

    /**
     * Writes {@code request} (with an operator's token after its request line, unless it has an
     * {@code Authorization} of its own) and reads until the server closes the connection.
     */
    static Answer exchange(int port, String request) throws IOException {
        return exchangeAsIs(port, request.toLowerCase(Locale.ROOT).contains("\r\nauthorization:") ? request
                : request.replaceFirst("\r\n", "\r\nAuthorization: " + OPERATOR + "\r\n"));
    }

    /** Writes exactly {@code request} and reads until the server closes the connection. */
    static Answer exchangeAsIs(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) CLOSE_WITHIN.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(readToEnd(socket.getInputStream()));
        }
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open " + CLOSE_WITHIN.toMillis()
                    + " ms after answering: " + all.toString(StandardCharsets.ISO_8859_1), e);
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static Answer parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("not an HTTP answer: '" + raw + "'");
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        String body = raw.substring(end + 4);
        return new Answer(lines[0], headers, "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(body) : body);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
