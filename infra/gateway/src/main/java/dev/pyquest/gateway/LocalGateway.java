package dev.pyquest.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
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
 * format 2.0), on the JDK's HTTP server with a bounded pool of platform threads.
 *
 * <p>Per request: route match (404 {@code NOT_FOUND}), then for authorized routes the JWT authorizer (401
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
    private final Clock clock = Clock.systemUTC();
    private HttpServer server;
    private ExecutorService executor;
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
    static {
        // The JDK server leaves Nagle's algorithm on unless told otherwise; with its split writes of
        // headers and body, every small response then waits on the client's delayed ACK (~10 ms
        // measured here). Read once, when the server's config class loads: set before any server exists.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public LocalGateway(InetSocketAddress bind, List<Route> routes, JwtAuthorizer authorizer, TokenIssuer issuer) {
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
            server = HttpServer.create(bind, 128);
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
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.log(System.Logger.Level.INFO, "local API gateway listening on http://{0}:{1,number,#}",
                server.getAddress().getHostString(), server.getAddress().getPort());
    }

    /** The port listened on (the ephemeral one when bound to port 0). */
    public synchronized int port() {
        if (server == null) throw new IllegalStateException("not started");
        return server.getAddress().getPort();
    }

    /** Stops listening at once and interrupts requests still running. */
    @Override
    public synchronized void close() {
        if (server == null) return;
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        executor = null;
    }

    // ---- one request ----

    private void handle(HttpExchange ex) {
        String requestId = requestId();
        Reply reply;
        try {
            reply = process(ex, requestId);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed in the gateway", t);
            reply = Reply.error(500, "INTERNAL", "internal error, request " + requestId);
        }
        send(ex, reply, requestId);
    }

    private Reply process(HttpExchange ex, String requestId) throws IOException {
        Instant received = clock.instant();
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        URI uri = ex.getRequestURI();
        String rawPath = uri.getRawPath();
        List<String> segments = PathTemplate.decodeSegments(rawPath);
        if (segments == null) {
            return rawPath != null && rawPath.startsWith("/")
                    ? Reply.error(400, "VALIDATION", "malformed percent-encoding in the path")
                    : Reply.error(404, "NOT_FOUND", "no route for " + method + " " + rawPath);
        }

        Compiled match = null;
        Map<String, String> pathParams = null;
        for (Compiled c : routes) {
            String m = c.route().method();
            if (!m.equals(method) && !m.equals("ANY")) continue;
            pathParams = c.template().match(segments);
            if (pathParams != null) {
                match = c;
                break;
            }
        }
        if (match == null) return Reply.error(404, "NOT_FOUND", "no route for " + method + " " + rawPath);
        Route route = match.route();

        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
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

        byte[] body;
        String contentLength = ex.getRequestHeaders().getFirst("Content-Length");
        if (contentLength != null) {
            long declared;
            try {
                declared = Long.parseLong(contentLength.strip());
            } catch (NumberFormatException e) {
                return Reply.error(400, "VALIDATION", "malformed Content-Length");
            }
            if (declared > MAX_BODY_BYTES) return tooLarge();
        }
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) return tooLarge();

        APIGatewayV2HTTPEvent event = event(ex, route, method, uri, headers, cookies, pathParams, body, claims,
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

    private APIGatewayV2HTTPEvent event(HttpExchange ex, Route route, String method, URI uri, Map<String, String> headers,
                                        List<String> cookies, Map<String, String> pathParams, byte[] body,
                                        Map<String, Object> claims, String requestId, Instant received) {
        String sourceIp = ex.getRemoteAddress().getAddress().getHostAddress();
        String host = headers.getOrDefault("host", "localhost");
        String domainName = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d*$", "");
        headers.merge("x-forwarded-for", sourceIp, (a, b) -> a + ", " + b);
        headers.putIfAbsent("x-forwarded-port", Integer.toString(ex.getLocalAddress().getPort()));
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", traceId(received));

        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setVersion("2.0");
        e.setRouteKey(route.routeKey());
        e.setRawPath(uri.getRawPath());
        e.setRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        e.setCookies(cookies.isEmpty() ? null : cookies);
        e.setHeaders(headers);
        e.setQueryStringParameters(queryParameters(uri.getRawQuery()));
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
        http.setPath(uri.getRawPath());
        http.setProtocol(ex.getProtocol());
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

    private static void send(HttpExchange ex, Reply reply, String requestId) {
        try (ex) {
            Headers out = ex.getResponseHeaders();
            for (Map.Entry<String, String> h : reply.headers()) out.add(h.getKey(), h.getValue());
            out.set("apigw-requestid", requestId);
            boolean noBody = ex.getRequestMethod().equalsIgnoreCase("HEAD")
                    || reply.status() == 204 || reply.status() == 304 || reply.body().length == 0;
            ex.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
            if (!noBody) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(reply.body());
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send the response to request " + requestId, e);
        }
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
