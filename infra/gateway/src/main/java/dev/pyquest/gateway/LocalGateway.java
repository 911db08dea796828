package dev.pyquest.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local stand-in for an API Gateway HTTP API with a JWT authorizer and Lambda proxy integrations (payload
 * format 2.0), speaking HTTP/1.1 itself ({@link Http1}) on a bounded pool of platform threads: one
 * connection at a time per thread.
 *
 * <p>Every answer is the API's JSON error shape or a function's response: a request the gateway cannot
 * parse (bad request line, malformed percent-encoding, bad header, bad framing) gets 400 (or 408, 431,
 * 501, 505) {@code {"code","message"}}, an unknown path 404 {@code NOT_FOUND}, a known path with
 * another method 405 {@code METHOD_NOT_ALLOWED} with {@code Allow}.
 *
 * <p>Per request: route match (404 {@code NOT_FOUND}; a GET or HEAD no route takes goes to the learner app's
 * files first when there are any, {@link StaticFiles}), then for authorized routes the JWT authorizer (401
 * {@code UNAUTHORIZED} with {@code WWW-Authenticate}; the function is not called), then the body, at most
 * {@link #MAX_BODY_BYTES} (413 {@code PAYLOAD_TOO_LARGE}, decided from {@code Content-Length} when there is one,
 * else by reading one byte past the limit), then the function. A function that throws, returns null or an invalid
 * status gives 500 {@code INTERNAL} naming the request id; the stack trace goes to the log, never to the client.
 * Every response carries {@code apigw-requestid}.
 */
public final class LocalGateway implements AutoCloseable {
    /** Request bodies above this many bytes are refused with 413. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** {@code requestContext.accountId} of every event. */
    public static final String ACCOUNT_ID = "000000000000";
    /** {@code requestContext.apiId} of every event. */
    public static final String API_ID = "local";
    public static final String STAGE = "$default";

    private static final System.Logger LOG = System.getLogger(LocalGateway.class.getName());
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Compiled(Route route, PathTemplate template) {}

    private record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        /** The gateway's own answers that end the connection say so with {@code Connection: close}. */
        boolean closes() {
            return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase("connection") && h.getValue().equalsIgnoreCase("close"));
        }

        static Reply error(int status, String code, String message, String... extraHeaders) {
            List<Map.Entry<String, String>> h = new ArrayList<>();
            h.add(Map.entry("Content-Type", Json.CONTENT_TYPE));
            for (int i = 0; i + 1 < extraHeaders.length; i += 2) h.add(Map.entry(extraHeaders[i], extraHeaders[i + 1]));
            return new Reply(status, h, Json.error(code, message).getBytes(StandardCharsets.UTF_8));
        }
    }

    private final InetSocketAddress bind;
    private final List<Compiled> routes;
    private final JwtAuthorizer authorizer;
    private final StaticFiles web;
    private final Clock clock = Clock.systemUTC();
    private ServerSocket server;
    private java.util.concurrent.ThreadPoolExecutor executor;
    private Thread acceptor;
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Requests handled at once (more wait in line). Long polls ({@code ?wait=}) hold one for up to
     * 20 s, so this is well above what the 2-core machine computes at once.
     */
    static final int HANDLER_THREADS = 256;
    private static final java.util.concurrent.atomic.AtomicLong HANDLER_SEQ = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param bind       where to listen, e.g. {@code new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)}
     * @param routes     the API's routes; the most specific template wins (literal before {@code {param}} before
     *                   {@code {param+}}), then an exact method before {@code ANY}
     * @param authorizer checks tokens on {@code authorized} routes; may be null only if no route is authorized
     * @param issuer     null for no {@code /dev} routes; else {@code POST /dev/token} and
     *                   {@code GET /.well-known/jwks.json} are added (local stack only)
     */
    public LocalGateway(InetSocketAddress bind, List<Route> routes, JwtAuthorizer authorizer, TokenIssuer issuer) {
        this(bind, routes, authorizer, issuer, null);
    }

    /**
     * As above, and {@code web} (null for none) serves the learner app's files for GET and HEAD requests that no
     * route takes ({@link StaticFiles}).
     */
    public LocalGateway(InetSocketAddress bind, List<Route> routes, JwtAuthorizer authorizer, TokenIssuer issuer,
                        StaticFiles web) {
        this.web = web;
        this.bind = Objects.requireNonNull(bind, "bind");
        List<Route> all = new ArrayList<>(Objects.requireNonNull(routes, "routes"));
        if (issuer != null) all.addAll(DevRoutes.routes(issuer));
        List<Compiled> compiled = new ArrayList<>();
        for (Route r : all) {
            Objects.requireNonNull(r, "route");
            if (r.authorized() && authorizer == null) {
                throw new IllegalArgumentException("route " + r.routeKey() + " is authorized but there is no authorizer");
            }
            PathTemplate t = PathTemplate.parse(r.path());
            for (Compiled c : compiled) {
                if (c.route().method().equals(r.method()) && sameShape(c.template(), t)) {
                    throw new IllegalArgumentException("routes " + c.route().routeKey() + " and " + r.routeKey() + " overlap");
                }
            }
            compiled.add(new Compiled(r, t));
        }
        compiled.sort((a, b) -> {
            int c = PathTemplate.SPECIFIC_FIRST.compare(a.template(), b.template());
            if (c != 0) return c;
            return Boolean.compare(a.route().method().equals("ANY"), b.route().method().equals("ANY"));
        });
        this.routes = List.copyOf(compiled);
        this.authorizer = authorizer;
    }

    private static boolean sameShape(PathTemplate a, PathTemplate b) {
        if (a.segments.size() != b.segments.size()) return false;
        for (int i = 0; i < a.segments.size(); i++) {
            PathTemplate.Segment x = a.segments.get(i), y = b.segments.get(i);
            if (x.kind() != y.kind()) return false;
            if (x.kind() == PathTemplate.Kind.LITERAL && !x.text().equals(y.text())) return false;
        }
        return true;
    }

    /** Binds and starts serving. */
    public synchronized void start() {
        if (server != null) throw new IllegalStateException("already started");
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(bind, 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bind, e);
        }
        // Platform threads, not virtual ones: a handler reaches DynamoDB Local in-process (SQLite
        // through JNI) and other native calls, and a virtual thread blocked in native code pins its
        // carrier; with every carrier pinned, the stack stopped answering (issue 11). Bounded, so a
        // flood queues instead of creating threads without end; idle threads retire.
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(
                HANDLER_THREADS, HANDLER_THREADS, 30, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "gateway-" + HANDLER_SEQ.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        executor = pool;
        ServerSocket listening = server;
        acceptor = new Thread(() -> accept(listening, pool), "gateway-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.log(System.Logger.Level.INFO, "local API gateway listening on http://{0}:{1,number,#}",
                server.getInetAddress().getHostAddress(), server.getLocalPort());
    }

    private void accept(ServerSocket listening, java.util.concurrent.ThreadPoolExecutor pool) {
        while (!listening.isClosed()) {
            Socket s;
            try {
                s = listening.accept();
            } catch (IOException e) {
                if (listening.isClosed()) return;
                LOG.log(System.Logger.Level.WARNING, "accept failed: " + e);
                continue;
            }
            open.add(s);
            try {
                pool.execute(() -> serve(s, pool));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                open.remove(s);
                closeQuietly(s);
            }
        }
    }

    /** The port listened on (the ephemeral one when bound to port 0). */
    public synchronized int port() {
        if (server == null) throw new IllegalStateException("not started");
        return server.getLocalPort();
    }

    /** Stops listening at once and interrupts requests still running. */
    @Override
    public synchronized void close() {
        if (server == null) return;
        closeQuietly(server);
        for (Socket s : open) closeQuietly(s);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        executor = null;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    // ---- one connection, one request at a time ----

    private void serve(Socket socket, java.util.concurrent.ThreadPoolExecutor pool) {
        try {
            socket.setTcpNoDelay(true); // headers and body go out in one write; no waiting on delayed ACKs
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (true) {
                String requestId = requestId();
                Http1.Head head;
                long length;
                try {
                    head = Http1.readHead(socket, in);
                    if (head == null) return;
                    length = Http1.bodyLength(head);
                } catch (Http1.BadRequest bad) {
                    Reply r = Reply.error(bad.status, bad.code, bad.getMessage());
                    writeReply(out, r, requestId, true, false, false);
                    Http1.drainAndClose(socket, in);
                    return;
                }
                InputStream body = length < 0 ? new Http1.ChunkedBody(in) : new Http1.FixedBody(in, length);
                String expect = head.first("expect");
                Http1.ContinueOnRead asking = expect != null && expect.equalsIgnoreCase("100-continue") && length != 0
                        ? new Http1.ContinueOnRead(body, out) : null;
                Reply reply;
                try {
                    reply = process(head, asking != null ? asking : body, socket, requestId);
                } catch (Http1.BadRequest bad) {
                    reply = Reply.error(bad.status, bad.code, bad.getMessage(), "Connection", "close");
                } catch (java.net.SocketTimeoutException slow) {
                    reply = Reply.error(408, "REQUEST_TIMEOUT", "the request body stalled for " + Http1.HEAD_MILLIS / 1000 + " s",
                            "Connection", "close");
                } catch (IOException gone) {
                    return; // the client went away while sending its body: nobody to answer
                } catch (Throwable t) {
                    LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed in the gateway", t);
                    reply = Reply.error(500, "INTERNAL", "internal error, request " + requestId);
                }
                // A body left unread is drained for keep-alive when it is small and its end is known;
                // otherwise the connection closes (after draining what the client still sends).
                boolean unread = body instanceof Http1.FixedBody f ? f.left() > MAX_BODY_BYTES
                        : !((Http1.ChunkedBody) body).finished();
                // A client that sent Expect: 100-continue and got a final answer instead may send its body or not:
                // only closing keeps the next request from being read as that body.
                boolean neverAsked = asking != null && !asking.asked();
                boolean close = reply.closes() || unread || neverAsked || !head.keepAlive()
                        || pool.getActiveCount() >= HANDLER_THREADS * 3 / 4; // a busy pool is not held by idle connections
                writeReply(out, reply, requestId, close, head.method().equals("HEAD"), head.protocol().equals("HTTP/1.0"));
                if (close) {
                    Http1.drainAndClose(socket, in);
                    return;
                }
                body.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection from " + socket.getRemoteSocketAddress() + " ended: " + e);
        } finally {
            open.remove(socket);
            closeQuietly(socket);
        }
    }

    private Reply process(Http1.Head head, InputStream requestBody, Socket socket, String requestId) throws IOException {
        Instant received = clock.instant();
        String method = head.method();
        String rawPath = head.rawPath();
        List<String> segments = PathTemplate.decodeSegments(rawPath);
        if (segments == null) return Reply.error(400, "VALIDATION", "malformed percent-encoding in the path");

        Compiled match = null;
        Map<String, String> pathParams = null;
        java.util.Set<String> allowed = new java.util.TreeSet<>();
        for (Compiled c : routes) {
            Map<String, String> params = c.template().match(segments);
            if (params == null) continue;
            String m = c.route().method();
            if (!m.equals(method) && !m.equals("ANY")) {
                allowed.add(m);
                continue;
            }
            match = c;
            pathParams = params;
            break;
        }
        if (match == null && !allowed.isEmpty()) {
            return Reply.error(405, "METHOD_NOT_ALLOWED", method + " is not served on " + clip(rawPath) + "; allowed: "
                    + String.join(", ", allowed), "Allow", String.join(", ", allowed));
        }
        if (match == null && web != null && (method.equals("GET") || method.equals("HEAD"))) {
            StaticFiles.Served file = web.serve(segments, head.first("accept"));
            if (file != null) return new Reply(file.status(), file.headers(), file.body());
        }
        if (match == null) return Reply.error(404, "NOT_FOUND", "no route for " + method + " " + clip(rawPath));
        Route route = match.route();

        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : head.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String v : h.getValue()) {
                    for (String c : v.split(";")) if (!c.isBlank()) cookies.add(c.strip());
                }
            } else {
                headers.merge(name, String.join(",", h.getValue()), (a, b) -> a + "," + b);
            }
        }

        Map<String, Object> claims = null;
        if (route.authorized()) {
            try {
                claims = authorizer.authorize(headers.get("authorization"));
            } catch (Unauthorized u) {
                String challenge = u.credentialsPresent()
                        ? "Bearer error=\"invalid_token\", error_description=\"" + u.getMessage().replace("\"", "'") + "\""
                        : "Bearer";
                return Reply.error(401, "UNAUTHORIZED", u.getMessage(), "WWW-Authenticate", challenge);
            }
        }

        // Decided from Content-Length before reading when there is one (framing is already checked), else by
        // reading one byte past the limit; either way the connection then closes after a bounded drain.
        if (Http1.bodyLength(head) > MAX_BODY_BYTES) return tooLarge();
        byte[] body = requestBody.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) return tooLarge();

        APIGatewayV2HTTPEvent event = event(head, socket, route, headers, cookies, pathParams, body, claims,
                requestId, received);
        APIGatewayV2HTTPResponse response;
        try {
            response = route.function().handle(event);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "function for " + route.routeKey() + " threw, request " + requestId, t);
            return Reply.error(500, "INTERNAL", "internal error, request " + requestId);
        }
        try {
            return reply(response);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "function for " + route.routeKey() + " returned an unusable response, request "
                    + requestId, e);
            return Reply.error(500, "INTERNAL", "internal error, request " + requestId);
        }
    }

    private static Reply tooLarge() {
        return Reply.error(413, "PAYLOAD_TOO_LARGE", "request body is over " + MAX_BODY_BYTES + " bytes",
                "Connection", "close");
    }

    private APIGatewayV2HTTPEvent event(Http1.Head head, Socket socket, Route route, Map<String, String> headers,
                                        List<String> cookies, Map<String, String> pathParams, byte[] body,
                                        Map<String, Object> claims, String requestId, Instant received) {
        String method = head.method();
        String sourceIp = socket.getInetAddress().getHostAddress();
        String host = headers.getOrDefault("host", "localhost");
        String domainName = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d*$", "");
        headers.merge("x-forwarded-for", sourceIp, (a, b) -> a + ", " + b);
        headers.putIfAbsent("x-forwarded-port", Integer.toString(socket.getLocalPort()));
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", traceId(received));

        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setVersion("2.0");
        e.setRouteKey(route.routeKey());
        e.setRawPath(head.rawPath());
        e.setRawQueryString(head.rawQuery() == null ? "" : head.rawQuery());
        e.setCookies(cookies.isEmpty() ? null : cookies);
        e.setHeaders(headers);
        e.setQueryStringParameters(queryParameters(head.rawQuery()));
        e.setPathParameters(pathParams.isEmpty() ? null : pathParams);
        if (body.length > 0) {
            String text = PathTemplate.strictUtf8(body);
            e.setBody(text != null ? text : Base64.getEncoder().encodeToString(body));
            e.setIsBase64Encoded(text == null);
        }

        RequestContext rc = new RequestContext();
        rc.setAccountId(ACCOUNT_ID);
        rc.setApiId(API_ID);
        rc.setDomainName(domainName);
        rc.setDomainPrefix(domainName.contains(".") && !domainName.startsWith("[")
                ? domainName.substring(0, domainName.indexOf('.')) : domainName);
        RequestContext.Http http = new RequestContext.Http();
        http.setMethod(method);
        http.setPath(head.rawPath());
        http.setProtocol(head.protocol());
        http.setSourceIp(sourceIp);
        http.setUserAgent(headers.getOrDefault("user-agent", ""));
        rc.setHttp(http);
        rc.setRequestId(requestId);
        rc.setRouteKey(route.routeKey());
        rc.setStage(STAGE);
        rc.setTime(REQUEST_TIME.format(received));
        rc.setTimeEpoch(received.toEpochMilli());
        if (claims != null) {
            RequestContext.Authorizer auth = new RequestContext.Authorizer();
            RequestContext.Authorizer.JWT jwt = new RequestContext.Authorizer.JWT();
            jwt.setClaims(JwtAuthorizer.eventClaims(claims));
            jwt.setScopes(JwtAuthorizer.scopes(claims));
            auth.setJwt(jwt);
            rc.setAuthorizer(auth);
        }
        e.setRequestContext(rc);
        return e;
    }

    /** Payload 2.0 query parameters: decoded, repeated names joined with commas; null when there are none. */
    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
            if (name.isEmpty()) continue;
            out.merge(name, value, (a, b) -> a + "," + b);
        }
        return out.isEmpty() ? null : out;
    }

    private static String formDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    private static Reply reply(APIGatewayV2HTTPResponse r) {
        if (r == null) throw new IllegalStateException("the function returned null");
        int status = r.getStatusCode();
        if (status < 200 || status > 599) throw new IllegalStateException("the function returned status " + status);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (r.getHeaders() != null) {
            r.getHeaders().forEach((k, v) -> {
                if (k != null && v != null) headers.add(Map.entry(k, v));
            });
        }
        if (r.getMultiValueHeaders() != null) {
            r.getMultiValueHeaders().forEach((k, vs) -> {
                if (k != null && vs != null) for (String v : vs) if (v != null) headers.add(Map.entry(k, v));
            });
        }
        if (r.getCookies() != null) {
            for (String c : r.getCookies()) if (c != null) headers.add(Map.entry("Set-Cookie", c));
        }
        headers.removeIf(h -> {
            String n = h.getKey().toLowerCase(Locale.ROOT);
            return n.equals("content-length") || n.equals("transfer-encoding") || n.equals("connection");
        });
        for (Map.Entry<String, String> h : headers) {
            if (!h.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new IllegalStateException("bad response header name " + h.getKey());
            }
            if (h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0) {
                throw new IllegalStateException("line break in response header " + h.getKey());
            }
        }
        byte[] body = r.getBody() == null ? new byte[0]
                : r.getIsBase64Encoded() ? Base64.getDecoder().decode(r.getBody())
                : r.getBody().getBytes(StandardCharsets.UTF_8);
        return new Reply(status, headers, body);
    }

    private static void writeReply(OutputStream out, Reply reply, String requestId, boolean close, boolean head,
                                   boolean http10) throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> h : reply.headers()) {
            if (!h.getKey().equalsIgnoreCase("connection")) headers.add(h);
        }
        headers.add(Map.entry("apigw-requestid", requestId));
        if (http10 && !close) headers.add(Map.entry("Connection", "keep-alive")); // 1.0 closes unless told otherwise
        Http1.write(out, reply.status(), headers, reply.body(), close, head);
    }

    private static String clip(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    private static String requestId() {
        byte[] b = new byte[10];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b); // the shape of API Gateway's ids, e.g. "Mc7UVioPPHcEKPA="
    }

    private static String traceId(Instant at) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "Root=1-" + Long.toHexString(at.getEpochSecond()) + "-" + HexFormat.of().formatHex(b);
    }
}
