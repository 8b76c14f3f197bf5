package io.vigil.broker;

import io.vigil.telemetry.InputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the broker about a topic before a tool uses it, so that "no broker there" and "no such
 * topic" get their own clear messages instead of one generic metadata time-out.
 */
final class TopicProbe {
    private TopicProbe() {
    }

    /** The topic's partitions; {@link BrokerUnreachableException} or {@link InputException} when it cannot be used. */
    static List<TopicPartition> partitions(Properties clients, String topic) {
        Properties p = new Properties();
        p.putAll(clients);
        int timeoutMs = (int) ClientSettings.CONNECT_TIMEOUT.toMillis();
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        String bootstrap = ClientSettings.bootstrap(clients);
        requireListening(bootstrap);
        try (Admin admin = Admin.create(p)) {
            try {
                admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                KafkaAccess.throwIfRefused(e.getCause(), bootstrap);
                throw new BrokerUnreachableException("cannot reach Kafka at " + bootstrap + " within "
                        + ClientSettings.CONNECT_TIMEOUT.toSeconds() + " s; is the broker running (start one with: vigil broker),"
                        + " and does kafka.security.protocol in --config match its listener?", e);
            }
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeoutMs, TimeUnit.MILLISECONDS).get(topic);
                return d.partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            } catch (ExecutionException e) {
                KafkaAccess.throwIfRefused(e.getCause(), bootstrap);
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new InputException("topic \"" + topic + "\" does not exist at " + bootstrap
                            + "; create it first, e.g. vigil broker --topic " + topic + ":3 (topics are not created automatically)");
                }
                throw new IllegalStateException("cannot describe topic \"" + topic + "\" at " + bootstrap + ": "
                        + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new BrokerUnreachableException("Kafka at " + bootstrap + " did not describe topic \"" + topic
                        + "\" within " + ClientSettings.CONNECT_TIMEOUT.toSeconds() + " s", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while contacting Kafka at " + bootstrap, e);
        }
    }

    /**
     * Fails at once when nothing listens at any bootstrap address: the Kafka clients would retry
     * for the whole time-out and log a warning per attempt. Whether what listens is a Kafka
     * broker, and whether it lets us in, is then the Admin client's to find out.
     */
    static void requireListening(String bootstrap) {
        IOException last = null;
        for (String server : bootstrap.split(",")) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0) {
                throw new InputException("bootstrap server \"" + s + "\" is not HOST:PORT, e.g. localhost:9092");
            }
            String host = s.substring(0, colon).replace("[", "").replace("]", "");
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InputException("bootstrap server \"" + s + "\" has no port number, e.g. localhost:9092");
            }
            try {
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, port), (int) ClientSettings.CONNECT_TIMEOUT.toMillis());
                        return;
                    } catch (IOException e) {
                        last = e;
                    }
                }
            } catch (UnknownHostException e) {
                last = e;
            }
        }
        throw new BrokerUnreachableException("cannot reach Kafka at " + bootstrap + " (" + last.getMessage()
                + "); is the broker running? (start one with: vigil broker)", last);
    }
}
