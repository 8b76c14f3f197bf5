package io.vigil.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;

/**
 * A real single-node Kafka (KRaft broker and controller in one) running inside this JVM, for
 * {@code vigil broker}, the demo and integration tests. Storage is formatted on first start only,
 * so a persistent data directory keeps its topics across restarts; without one, a temporary
 * directory is used and deleted on {@link #close()}. Ports chosen as 0 are resolved once, when the
 * broker is built, so {@link #stop()} then {@link #start()} comes back at the same address.
 * Transactions (exactly-once) work: the transaction state log needs only this one replica.
 */
public final class LocalBroker implements AutoCloseable {
    /** The listener host: the broker is for this machine only. */
    public static final String HOST = "localhost";
    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    /** How long a start may take before it is a failure; a healthy start takes a few seconds. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** Admin calls against our own broker: it is local, so anything slower is a failure. */
    static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final String FORMATTED_MARKER = "meta.properties";

    private final Path dataDir;
    private final boolean temporary;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;

    private LocalBroker(Builder b) throws IOException {
        this.temporary = b.dataDir == null;
        this.dataDir = temporary ? Files.createTempDirectory("vigil-broker-") : b.dataDir.toAbsolutePath();
        this.port = b.port == 0 ? freePort() : b.port;
        int cp = b.controllerPort == 0 ? freePort() : b.controllerPort;
        this.controllerPort = cp == port ? freePort() : cp;
        this.overrides = Map.copyOf(b.overrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the data directory if it is new, starts the broker and waits until it takes requests. */
    public synchronized LocalBroker start() {
        if (server != null) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Map<String, String> settings = BrokerSettings.of(HOST, port, controllerPort, dataDir, overrides);
            if (!isFormatted()) {
                format(settings);
            }
            KafkaConfig config = new KafkaConfig(settings, false);
            KafkaRaftServer s = new KafkaRaftServer(config, Time.SYSTEM);
            server = s;
            s.startup();
            awaitReady();
            return this;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("the local Kafka broker did not start on " + bootstrapServers()
                    + " (data " + dataDir + "): " + e.getMessage(), e);
        }
    }

    /** Shuts the broker down cleanly, keeping its data; {@link #start()} brings it back. */
    public synchronized void stop() {
        KafkaRaftServer s = server;
        server = null;
        if (s != null) {
            s.shutdown();
            s.awaitShutdown();
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code localhost:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates the topics (name → partitions) with replication factor 1; topics that exist are left as they are. */
    public void createTopics(Map<String, Integer> partitions) {
        List<NewTopic> topics = partitions.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList();
        try (Admin admin = admin()) {
            var results = admin.createTopics(topics).values();
            for (var result : results.entrySet()) {
                try {
                    result.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + partitions.keySet(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topics " + partitions.keySet() + " took longer than " + ADMIN_TIMEOUT, e);
        }
    }

    /** Stops the broker and, when the data directory was temporary, deletes it. */
    @Override
    public synchronized void close() {
        stop();
        if (temporary) {
            try {
                Utils.delete(dataDir.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the broker's temporary data " + dataDir, e);
            }
        }
    }

    private boolean isFormatted() {
        return Files.exists(dataDir.resolve(FORMATTED_MARKER));
    }

    /** What {@code kafka-storage.sh format -t ID -c server.properties} does, without its console output. */
    private void format(Map<String, String> settings) throws IOException {
        Path file = Files.createTempFile("vigil-broker-", ".properties");
        try {
            Properties props = new Properties();
            props.putAll(settings);
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "vigil local broker");
            }
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            String[] args = {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", file.toString(), "--ignore-formatted"};
            int code = StorageTool.execute(args, new PrintStream(console, true, StandardCharsets.UTF_8));
            if (code != 0) {
                throw new IOException("formatting " + dataDir + " failed (exit " + code + "): "
                        + console.toString(StandardCharsets.UTF_8).strip());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void awaitReady() throws Exception {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return Admin.create(p);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    /** Options of a {@link LocalBroker}; {@link #build()} resolves free ports and the data directory. */
    public static final class Builder {
        private Path dataDir;
        private int port = DEFAULT_PORT;
        private int controllerPort;
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** A directory kept across runs (formatted on first use); default: a temporary one deleted on close. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** The client port; 0 picks a free one. Default {@value LocalBroker#DEFAULT_PORT}. */
        public Builder port(int port) {
            this.port = checkPort(port, "port");
            return this;
        }

        /** The controller (KRaft quorum) port; 0, the default, picks a free one. */
        public Builder controllerPort(int port) {
            this.controllerPort = checkPort(port, "controller port");
            return this;
        }

        /** A broker property to set or override, e.g. {@code transaction.max.timeout.ms}. */
        public Builder config(String key, String value) {
            overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public LocalBroker build() {
            if (port != 0 && port == controllerPort) {
                throw new IllegalArgumentException("the broker and controller ports are both " + port + "; give two different ports");
            }
            try {
                return new LocalBroker(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the local broker: " + e.getMessage(), e);
            }
        }

        private static int checkPort(int port, String what) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(what + " " + port + " is out of range; expected 0 (any free port) to 65535");
            }
            return port;
        }
    }
}
