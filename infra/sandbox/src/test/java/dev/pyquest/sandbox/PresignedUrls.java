package dev.pyquest.sandbox;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server standing in for S3's presigned URLs, for fargate_entry.py: a GET of
 * {@link #jobUrl()} serves {@link #job} (404 while it is null), a PUT to {@link #resultUrl()} is
 * recorded in {@link #uploads}, after {@link #onUpload} has run (to look at the world as the upload
 * arrives).
 */
final class PresignedUrls implements AutoCloseable {
    volatile byte[] job;
    final List<byte[]> uploads = new CopyOnWriteArrayList<>();
    volatile Runnable onUpload = () -> {};
    private final HttpServer server;
    private final String base;

    PresignedUrls() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/job", ex -> {
            byte[] body = job;
            if (body == null || !ex.getRequestMethod().equals("GET")) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.createContext("/result", ex -> {
            if (ex.getRequestMethod().equals("PUT")) {
                onUpload.run();
                uploads.add(ex.getRequestBody().readAllBytes());
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String jobUrl() {
        return base + "/job";
    }

    String resultUrl() {
        return base + "/result";
    }

    /** A URL on this server that accepts no upload. */
    String nowhereUrl() {
        return base + "/nowhere";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
