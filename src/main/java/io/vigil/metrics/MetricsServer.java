package io.vigil.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP endpoint on the JDK's built-in server: {@code GET /metrics} (Prometheus text),
 * {@code GET /health/live} (200 while the process runs) and {@code GET /health/ready} (200 when ready,
 * else 503 with a one-line reason); anything else is 404. It serves only these three answers, never
 * configuration. Start it before the detector so liveness answers while state is being restored.
 */
public final class MetricsServer implements AutoCloseable {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String PLAIN_TEXT = "text/plain; charset=utf-8";
    /** Requests waiting for a connection; scrapes and probes are few. */
    static final int BACKLOG = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<String> scrape;
    private final Supplier<Optional<String>> notReadyReason;
    private boolean closed;

    private MetricsServer(HttpServer server, ExecutorService executor, Supplier<String> scrape,
                          Supplier<Optional<String>> notReadyReason) {
        this.server = server;
        this.executor = executor;
        this.scrape = scrape;
        this.notReadyReason = notReadyReason;
    }

    /** Serves {@code metrics} on {@code bind:port} (port 0 = any free port; see {@link #port()}). */
    public static MetricsServer start(String bind, int port, VigilMetrics metrics) {
        return start(bind, port, metrics::scrape, metrics::notReadyReason);
    }

    /**
     * Serves {@code scrape} and {@code notReadyReason} (empty = ready) on {@code bind:port}. Throws
     * {@link IllegalArgumentException} naming the address when it cannot listen there.
     */
    static MetricsServer start(String bind, int port, Supplier<String> scrape, Supplier<Optional<String>> notReadyReason) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), BACKLOG);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve metrics on " + bind + ":" + port + " (metrics.bind, metrics.port): "
                    + e.getMessage() + "; choose a free port, or 0 for any", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vigil-metrics-http");
            t.setDaemon(true);
            return t;
        });
        MetricsServer s = new MetricsServer(server, executor, scrape, notReadyReason);
        server.createContext("/", s::handle);
        server.setExecutor(executor);
        server.start();
        return s;
    }

    /** The port actually listened on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port/metrics}, for the log. */
    public String url() {
        java.net.InetAddress address = server.getAddress().getAddress();
        // A wildcard bind listens everywhere: name a reachable host; IPv6 literals need brackets in a URL.
        String host = address.isAnyLocalAddress() ? "localhost"
                : address instanceof java.net.Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return "http://" + host + ":" + port() + "/metrics";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, PLAIN_TEXT, "method not allowed\n");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> respond(exchange, 200, PROMETHEUS_TEXT, scrape.get());
                case "/health/live" -> respond(exchange, 200, PLAIN_TEXT, "live\n");
                case "/health/ready" -> {
                    Optional<String> reason = notReadyReason.get();
                    if (reason.isEmpty()) {
                        respond(exchange, 200, PLAIN_TEXT, "ready\n");
                    } else {
                        respond(exchange, 503, PLAIN_TEXT, "not ready: " + reason.get() + "\n");
                    }
                }
                default -> respond(exchange, 404, PLAIN_TEXT, "not found; try /metrics, /health/live or /health/ready\n");
            }
        } catch (RuntimeException e) {
            // a failing scrape must not kill the server thread; the client sees 500
            respond(exchange, 500, PLAIN_TEXT, "error: " + e.getClass().getSimpleName() + "\n");
        } finally {
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops listening; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
