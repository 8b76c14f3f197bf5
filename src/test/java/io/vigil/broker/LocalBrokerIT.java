package io.vigil.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBrokerIT {
    private static final String TOPIC = "events";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void readCommittedSeesCommittedTransactionsOnlyAndDataSurvivesRestart() throws Exception {
        Path data = dir.resolve("kafka");
        try (LocalBroker broker = LocalBroker.builder().port(0).controllerPort(0).dataDir(data).build().start()) {
            int port = broker.port();
            broker.createTopics(Map.of(TOPIC, 2));
            try (KafkaProducer<String, String> producer = transactionalProducer(broker.bootstrapServers())) {
                producer.initTransactions();
                sendInTransaction(producer, "committed-1", "committed-2");
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "k", "aborted")).get();
                producer.abortTransaction();
                sendInTransaction(producer, "committed-3");
            }
            assertEquals(List.of("committed-1", "committed-2", "committed-3"), readAll(broker.bootstrapServers(), 3));

            broker.stop();
            assertFalse(broker.isRunning());
            broker.start();
            assertEquals(port, broker.port(), "the port stays the same across a restart");
            assertEquals(List.of("committed-1", "committed-2", "committed-3"), readAll(broker.bootstrapServers(), 3));
        }
        assertTrue(Files.exists(data.resolve("meta.properties")), "a given data directory is kept on close");
    }

    @Test
    void temporaryDataDirectoryIsDeletedOnClose() {
        Path data;
        try (LocalBroker broker = LocalBroker.builder().port(0).build().start()) {
            data = broker.dataDir();
            assertTrue(Files.isDirectory(data));
        }
        assertFalse(Files.exists(data));
    }

    private static void sendInTransaction(KafkaProducer<String, String> producer, String... values) throws Exception {
        producer.beginTransaction();
        for (String v : values) {
            producer.send(new ProducerRecord<>(TOPIC, 0, "k", v)).get();
        }
        producer.commitTransaction();
    }

    private static KafkaProducer<String, String> transactionalProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-broker-it");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Reads partition 0 from the start with read_committed until {@code expected} records or the time limit. */
    private static List<String> readAll(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                    values.add(r.value());
                }
            }
            // one more poll: an aborted record that slipped through would show up here
            consumer.poll(POLL).forEach(r -> values.add(r.value()));
        }
        return values;
    }
}
