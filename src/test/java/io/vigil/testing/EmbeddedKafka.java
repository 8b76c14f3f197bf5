package io.vigil.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft cluster in this JVM (Kafka's own test kit), with single-node settings;
 * its client listener plaintext, or secured as a {@link ListenerSecurity} says.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final ListenerSecurity security;

    private EmbeddedKafka(KafkaClusterTestKit cluster, ListenerSecurity security) {
        this.cluster = cluster;
        this.security = security;
    }

    public static EmbeddedKafka start() throws Exception {
        return start(ListenerSecurity.plaintext());
    }

    public static EmbeddedKafka start(ListenerSecurity security) throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "3")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "3")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false");
        security.brokerProperties().forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new EmbeddedKafka(cluster, security);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The bootstrap servers and the security settings a client needs to get in. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>(security.clientProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    public KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> p = clientProperties();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads {@code topic} from the start as a read_committed consumer until {@code done} holds or the timeout passes. */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, Duration timeout,
                                                              Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        try (CommittedTopic reader = CommittedTopic.open(clientProperties(), topic)) {
            return reader.readUntil(done, timeout);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
