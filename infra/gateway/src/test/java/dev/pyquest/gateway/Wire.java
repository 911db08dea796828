package dev.pyquest.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The gateway tests' client: bytes written to the socket as they are, one response read back. */
final class Wire {
    private Wire() {}

    record Answer(int status, Map<String, String> headers, byte[] body) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Writes {@code request} as it is to the gateway on {@code port} and reads one response (status line, headers, Content-Length body). */
    static Answer exchange(int port, byte[] request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int c = h.indexOf(':');
                headers.put(h.substring(0, c).toLowerCase(Locale.ROOT), h.substring(c + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = request.length >= 4 && new String(request, 0, 4, StandardCharsets.US_ASCII).equals("HEAD")
                    ? new byte[0] : in.readNBytes(length);
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
        }
    }

    /** One line of a response head, without its CR LF. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("connection closed inside a response head: " + b);
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
