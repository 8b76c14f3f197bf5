package io.vigil.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.testing.LocalAddresses;
import java.net.InetAddress;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The HTTP endpoint on a real socket: scrape, liveness, readiness that flips, nothing else, and only where bound. */
class MetricsServerTest {
    static final String LOCALHOST = "127.0.0.1";
    static final String ANY = "0.0.0.0";
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + LOCALHOST + ":" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheScrapeInPrometheusTextFormatOnAFreePort() throws Exception {
        try (VigilMetrics metrics = new VigilMetrics();
             MetricsServer server = MetricsServer.start(LOCALHOST, 0, metrics)) {
            assertTrue(server.port() > 0);
            metrics.streamListener().recordWindowed(0);
            HttpResponse<String> r = get(server, "/metrics");
            assertEquals(200, r.statusCode());
            assertEquals(MetricsServer.PROMETHEUS_TEXT, r.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(1, new PrometheusText(r.body()).value("vigil_records_in_total{outcome=\"windowed\"}"));
        }
    }

    @Test
    void liveAlwaysAndReadyOnlyWhenTheCheckPasses() throws Exception {
        AtomicReference<Optional<String>> reason = new AtomicReference<>(Optional.of("Kafka Streams is REBALANCING, not RUNNING"));
        try (MetricsServer server = MetricsServer.start(LOCALHOST, 0, () -> "", reason::get)) {
            assertEquals(200, get(server, "/health/live").statusCode());
            HttpResponse<String> notReady = get(server, "/health/ready");
            assertEquals(503, notReady.statusCode());
            assertEquals("not ready: Kafka Streams is REBALANCING, not RUNNING\n", notReady.body());
            reason.set(Optional.empty());
            assertEquals(200, get(server, "/health/ready").statusCode());
            assertEquals(200, get(server, "/health/live").statusCode());
        }
    }

    @Test
    void anyOtherPathIsNotFoundAndOnlyGetIsAllowed() throws Exception {
        try (MetricsServer server = MetricsServer.start(LOCALHOST, 0, () -> "", Optional::empty)) {
            assertEquals(404, get(server, "/").statusCode());
            assertEquals(404, get(server, "/config").statusCode());
            assertEquals(404, get(server, "/metrics/extra").statusCode());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://" + LOCALHOST + ":" + server.port()
                    + "/metrics")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
    }

    @Test
    void aPortInUseIsReportedWithTheConfigKeys() {
        try (MetricsServer first = MetricsServer.start(LOCALHOST, 0, () -> "", Optional::empty)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MetricsServer.start(LOCALHOST, first.port(), () -> "", Optional::empty));
            assertTrue(e.getMessage().contains(LOCALHOST + ":" + first.port() + " (metrics.bind, metrics.port)"), e.getMessage());
        }
    }

    @Test
    void boundToLoopbackItRefusesConnectionsOnTheMachinesOtherAddress() throws Exception {
        InetAddress other = otherAddress();
        try (MetricsServer everywhere = MetricsServer.start(ANY, 0, () -> "", Optional::empty);
             MetricsServer loopback = MetricsServer.start(LOCALHOST, 0, () -> "", Optional::empty)) {
            assertTrue(LocalAddresses.accepts(other, everywhere.port()), "a wildcard bind is reachable on " + other);

            assertFalse(LocalAddresses.accepts(other, loopback.port()), "metrics.bind=" + LOCALHOST + " reachable on " + other);
            assertTrue(LocalAddresses.accepts(InetAddress.getByName(LOCALHOST), loopback.port()));
            assertEquals("http://" + LOCALHOST + ":" + loopback.port() + "/metrics", loopback.url(), "the logged address is the bound one");
        }
    }

    @Test
    void boundToTheMachinesOtherAddressItRefusesConnectionsOnLoopback() throws Exception {
        InetAddress other = otherAddress();
        try (MetricsServer server = MetricsServer.start(other.getHostAddress(), 0, () -> "", Optional::empty)) {
            assertTrue(LocalAddresses.accepts(other, server.port()));
            assertFalse(LocalAddresses.accepts(InetAddress.getByName(LOCALHOST), server.port()));
            assertEquals("http://" + other.getHostAddress() + ":" + server.port() + "/metrics", server.url());
        }
    }

    private static InetAddress otherAddress() {
        InetAddress other = LocalAddresses.nonLoopback().orElse(null);
        assumeTrue(other != null, "this machine has no address besides loopback");
        return other;
    }
}
