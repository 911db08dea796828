package dev.pyquest.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 on one connection, parsed by the gateway itself. The JDK's HttpServer answered some
 * requests before any handler or filter ran, in HTML ({@code <h1>400 Bad Request</h1>} for a
 * malformed percent-encoding, a raw {@code |} in the path, a bad header name, a bad
 * {@code Content-Length}...), and closed a connection with an unread body under the client's feet,
 * which the client saw as a reset instead of our 413. Here every answer is the gateway's, in the
 * API's JSON error shape, and a refused body is drained before the connection closes.
 *
 * <p>Requests: origin-form targets, {@code Content-Length} or {@code Transfer-Encoding: chunked}
 * bodies, {@code Expect: 100-continue}, keep-alive. No pipelining beyond what arrives in order, no
 * HTTP/2 (an {@code Upgrade: h2c} offer is ignored, as the JDK server did).
 */
final class Http1 {
    /** The request line and headers together; more is refused with 431. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** A refused body is read and thrown away up to this much, so the client reads our answer instead of a reset. */
    static final long DRAIN_BYTES = 64L << 20;
    static final int DRAIN_MILLIS = 10_000;
    /** A keep-alive connection waits this long for its next request (holding its thread: kept short). */
    static final int IDLE_MILLIS = 10_000;
    /** Once a request has begun, its head must arrive within this (slow-header clients hold a thread). */
    static final int HEAD_MILLIS = 10_000;

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    /** A request the client got wrong at the HTTP level: answered, then the connection closes. */
    static final class BadRequest extends IOException {
        final int status;
        final String code;

        BadRequest(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    /** One parsed request head; {@code headers} keys are lower-case, values in arrival order. */
    record Head(String method, String rawPath, String rawQuery, String protocol, Map<String, List<String>> headers) {
        String first(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        boolean keepAlive() {
            String c = first("connection");
            boolean close = c != null && tokens(c).contains("close");
            if (protocol.equals("HTTP/1.0")) return !close && c != null && tokens(c).contains("keep-alive");
            return !close;
        }

        private static List<String> tokens(String v) {
            List<String> out = new ArrayList<>();
            for (String t : v.split(",")) out.add(t.strip().toLowerCase(Locale.ROOT));
            return out;
        }
    }

    private Http1() {}

    /**
     * Reads one request head. Null when the connection ends (or idles out) before a request begins;
     * {@link BadRequest} when what arrived is not an HTTP/1.x request head we accept.
     */
    static Head readHead(Socket socket, InputStream in) throws IOException {
        socket.setSoTimeout(IDLE_MILLIS);
        int b;
        try {
            b = in.read();
            // Tolerate the empty lines some clients send between requests (RFC 9112 2.2).
            while (b == '\r' || b == '\n') b = in.read();
        } catch (SocketTimeoutException idle) {
            return null;
        }
        if (b < 0) return null;
        socket.setSoTimeout(HEAD_MILLIS);
        byte[] buf = new byte[1024];
        int n = 0;
        List<String> lines = new ArrayList<>();
        try {
            while (true) {
                if (b < 0) throw new BadRequest(400, "VALIDATION", "the request ended inside its head");
                if (b == '\n') {
                    int len = n > 0 && buf[n - 1] == '\r' ? n - 1 : n;
                    String line = line(buf, len);
                    if (line.isEmpty()) break;
                    lines.add(line);
                    n = 0;
                } else {
                    if (buf.length == n) buf = java.util.Arrays.copyOf(buf, n * 2);
                    buf[n++] = (byte) b;
                }
                if (lines.stream().mapToInt(String::length).sum() + n > MAX_HEAD_BYTES) {
                    throw new BadRequest(431, "HEADERS_TOO_LARGE", "the request line and headers are over " + MAX_HEAD_BYTES + " bytes");
                }
                b = in.read();
            }
        } catch (SocketTimeoutException slow) {
            throw new BadRequest(408, "REQUEST_TIMEOUT", "the request head did not arrive within " + HEAD_MILLIS / 1000 + " s");
        }
        return parse(lines);
    }

    /** Bytes above 0x7F become %XX: a raw UTF-8 path decodes like its percent-encoded form, and stays strict. */
    private static String line(byte[] buf, int len) throws BadRequest {
        StringBuilder s = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int c = buf[i] & 0xff;
            if (c >= 0x80) s.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            else if (c < 0x20 && c != '\t' || c == 0x7f) throw new BadRequest(400, "VALIDATION", "control character in the request head");
            else s.append((char) c);
        }
        return s.toString();
    }

    private static Head parse(List<String> lines) throws BadRequest {
        String[] rl = lines.get(0).split(" ", -1);
        if (rl.length != 3) throw new BadRequest(400, "VALIDATION", "malformed request line");
        String method = rl[0], target = rl[1], protocol = rl[2];
        if (!method.matches(TOKEN)) throw new BadRequest(400, "VALIDATION", "malformed request method");
        if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
            throw new BadRequest(505, "HTTP_VERSION_NOT_SUPPORTED", "only HTTP/1.0 and HTTP/1.1 are served here");
        }
        if (target.startsWith("http://") || target.startsWith("https://")) { // absolute-form: keep path and query
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        if (!target.startsWith("/")) throw new BadRequest(404, "NOT_FOUND", "no route for " + method + " " + clip(target));
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? null : target.substring(q + 1);

        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h : lines.subList(1, lines.size())) {
            if (h.startsWith(" ") || h.startsWith("\t")) throw new BadRequest(400, "VALIDATION", "folded header lines are not accepted");
            int colon = h.indexOf(':');
            if (colon <= 0 || !h.substring(0, colon).matches(TOKEN)) {
                throw new BadRequest(400, "VALIDATION", "malformed header line: " + clip(h));
            }
            headers.computeIfAbsent(h.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).strip());
        }
        return new Head(method, rawPath, rawQuery, protocol, headers);
    }

    private static String clip(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    /**
     * The body's framing: -1 for chunked, else its length (0 without one). RFC 9112 6.3: both
     * headers, several different lengths or an unknown coding are refused, never guessed.
     */
    static long bodyLength(Head head) throws BadRequest {
        List<String> te = head.headers().get("transfer-encoding");
        List<String> cl = head.headers().get("content-length");
        if (te != null) {
            if (cl != null) throw new BadRequest(400, "VALIDATION", "both Transfer-Encoding and Content-Length");
            if (te.size() != 1 || !te.get(0).equalsIgnoreCase("chunked")) {
                throw new BadRequest(501, "NOT_IMPLEMENTED", "Transfer-Encoding other than chunked is not supported");
            }
            return -1;
        }
        if (cl == null) return 0;
        String v = null;
        for (String each : cl) {
            for (String part : each.split(",")) {
                String p = part.strip();
                if (v != null && !v.equals(p)) throw new BadRequest(400, "VALIDATION", "conflicting Content-Length values");
                v = p;
            }
        }
        if (v == null || !v.matches("[0-9]{1,18}")) throw new BadRequest(400, "VALIDATION", "malformed Content-Length");
        return Long.parseLong(v);
    }

    /** A body of known length; reads never go past it (the next request's bytes follow). */
    static final class FixedBody extends InputStream {
        private final InputStream in;
        private long left;

        FixedBody(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int r = in.read(b, off, (int) Math.min(len, left));
            if (r < 0) throw new BadRequest(400, "VALIDATION", "the body ended before its Content-Length");
            left -= r;
            return r;
        }

        boolean finished() { return left <= 0; }
        long left() { return left; }
    }

    /** A chunked body (RFC 9112 7.1), extensions and trailers read and ignored. */
    static final class ChunkedBody extends InputStream {
        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) return -1;
            if (chunkLeft == 0) {
                String size = crlfLine();
                int semi = size.indexOf(';');
                String hex = (semi < 0 ? size : size.substring(0, semi)).strip();
                if (!hex.matches("[0-9A-Fa-f]{1,15}")) throw new BadRequest(400, "VALIDATION", "malformed chunk size");
                chunkLeft = Long.parseLong(hex, 16);
                if (chunkLeft == 0) {
                    while (!crlfLine().isEmpty()) { /* trailers: ignored */ }
                    done = true;
                    return -1;
                }
            }
            int r = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (r < 0) throw new BadRequest(400, "VALIDATION", "the body ended inside a chunk");
            chunkLeft -= r;
            if (chunkLeft == 0 && !crlfLine().isEmpty()) throw new BadRequest(400, "VALIDATION", "malformed chunk end");
            return r;
        }

        private String crlfLine() throws IOException {
            StringBuilder s = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) throw new BadRequest(400, "VALIDATION", "the body ended inside a chunk header");
                if (s.length() > 4096) throw new BadRequest(400, "VALIDATION", "chunk header line too long");
                s.append((char) c);
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) == '\r') s.setLength(s.length() - 1);
            return s.toString();
        }

        boolean finished() { return done; }
    }

    /** Sends {@code 100 Continue} the first time the body is read: a body we refuse unread is never asked for. */
    static final class ContinueOnRead extends InputStream {
        private final InputStream body;
        private final OutputStream out;
        private boolean asked;

        ContinueOnRead(InputStream body, OutputStream out) {
            this.body = body;
            this.out = out;
        }

        boolean asked() { return asked; }

        private void ask() throws IOException {
            if (asked) return;
            asked = true;
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public int read() throws IOException {
            ask();
            return body.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            ask();
            return body.read(b, off, len);
        }
    }

    /** Writes one response: status line, headers, Content-Length, the body unless {@code head}. */
    static void write(OutputStream out, int status, List<Map.Entry<String, String>> headers, byte[] body,
                      boolean close, boolean head) throws IOException {
        StringBuilder s = new StringBuilder(256);
        s.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        for (Map.Entry<String, String> h : headers) s.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        s.append("Date: ").append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))).append("\r\n");
        if (status != 204 && status != 304) s.append("Content-Length: ").append(body.length).append("\r\n");
        if (close) s.append("Connection: close\r\n");
        s.append("\r\n");
        out.write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!head && status != 204 && status != 304) out.write(body);
        out.flush();
    }

    /**
     * After a final answer on a connection that closes: tell the client we are done writing, then
     * read what it still sends (up to {@link #DRAIN_BYTES} or {@link #DRAIN_MILLIS}). Closing with
     * unread bytes makes the kernel send a reset, and a client still sending its body then loses
     * our 413 before reading it.
     */
    static void drainAndClose(Socket socket, InputStream in) {
        try (socket) {
            socket.shutdownOutput();
            socket.setSoTimeout(1000);
            long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000L;
            byte[] sink = new byte[64 * 1024];
            long total = 0;
            while (total < DRAIN_BYTES && System.nanoTime() < deadline) {
                int r;
                try {
                    r = in.read(sink);
                } catch (SocketTimeoutException quiet) {
                    continue;
                }
                if (r < 0) break;
                total += r;
            }
        } catch (IOException | RuntimeException gone) {
            // The client hung up first: nothing left to protect.
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }


}
