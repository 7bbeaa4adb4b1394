package com.musiccorp.systemtests;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 spoken by hand on a socket, so that a test can send what no well-behaved client sends:
 * {@code %zz} and NUL in a request target, another protocol version, a garbage request line, a
 * body far over the limit (declared or chunked). The answer is read by its own framing
 * (Content-Length, chunked, or up to the end of the connection), never by a client that would
 * hide what the server sent.
 */
final class RawHttp {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int PIECE = 64 * 1024;

    /** What came back: {@code status} -1 when nothing readable came back ({@code failure} says why). */
    record Response(int status, String statusLine, Map<String, String> headers, String body, Boolean closedPromptly,
                    String failure) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** One line for a failure message. */
        String summary() {
            String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
            return status == -1 ? "no answer (" + failure + ")" : statusLine + " " + shown.replace("\n", " ");
        }
    }

    /** A request as bytes: the head (request line, headers, blank line) and an optional body. */
    record Request(byte[] head, byte[] body, boolean chunked, boolean checkClosed) {
        String firstLine() {
            String text = new String(head, StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\r');
            String line = end < 0 ? text : text.substring(0, end);
            return line.length() > 160 ? line.substring(0, 160) + "… (" + line.length() + " chars)" : line;
        }
    }

    private RawHttp() {
    }

    static Response exchange(String host, int port, Request request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            try {
                out.write(request.head());
                out.flush();
                if (request.body() != null) writeBody(out, in, request.body(), request.chunked());
            } catch (IOException stoppedReading) {
                // The server stopped reading (e.g. it answered 413 and closed): its answer may be there.
            }
            return read(socket, in, request.checkClosed());
        } catch (IOException e) {
            return new Response(-1, null, Map.of(), null, null, e.toString());
        }
    }

    private static void writeBody(OutputStream out, InputStream in, byte[] body, boolean chunked) throws IOException {
        for (int offset = 0; offset < body.length; offset += PIECE) {
            if (in.available() > 0) return; // answered before the body was sent whole
            int n = Math.min(PIECE, body.length - offset);
            if (chunked) out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, offset, n);
            if (chunked) out.write(CRLF);
        }
        if (chunked) out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static Response read(Socket socket, InputStream in, boolean checkClosed) {
        String statusLine;
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            statusLine = line(in);
            if (statusLine == null) return new Response(-1, null, headers, null, true, "connection closed without an answer");
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon > 0) headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
        } catch (IOException e) {
            return new Response(-1, null, headers, null, null, e.toString());
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        } catch (RuntimeException e) {
            return new Response(-1, statusLine, headers, null, null, "not an HTTP status line: " + statusLine);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean atEnd = false;
        try {
            String length = headers.get("content-length");
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
                line(in);
            } else if (length != null) {
                body.write(in.readNBytes(Integer.parseInt(length)));
            } else if (status >= 200 && status != 204 && status != 304) {
                body.write(in.readAllBytes()); // framed by the end of the connection
                atEnd = true;
            }
        } catch (IOException | RuntimeException e) {
            return new Response(status, statusLine, headers, body.toString(StandardCharsets.UTF_8), null,
                    "body unreadable: " + e);
        }
        Boolean closed = atEnd ? Boolean.TRUE : null;
        if (checkClosed && !atEnd) {
            try {
                socket.setSoTimeout(2_000);
                closed = in.read() == -1;
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
        }
        return new Response(status, statusLine, headers, body.toString(StandardCharsets.UTF_8), closed, null);
    }

    /** A line up to CRLF (or LF), without it; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b == -1) return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            if (b == '\n') break;
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
