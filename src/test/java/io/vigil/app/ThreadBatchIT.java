package io.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.VigilConfig;
import io.vigil.stream.ModelWatcher;
import io.vigil.stream.StreamListener;
import io.vigil.testing.DetectorProps;
import io.vigil.testing.EmbeddedKafka;
import io.vigil.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows from all of a stream thread's partitions are scored in one model call, and every task emits its own
 * results: four series on four partitions, one stream thread, one window each, a long linger.
 */
class ThreadBatchIT {
    static final int PARTITIONS = 4;

    @TempDir
    Path dir;

    @Test
    void oneThreadScoresItsPartitionsWindowsInOneCallAndEveryTaskEmitsItsOwn() throws Exception {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        StreamListener listener = new StreamListener() {
            @Override
            public void batchScored(int windows, long nanos) {
                batches.add(windows);
            }
        };
        List<String> hosts = onePerPartition();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Properties props = DetectorProps.of(kafka, dir, "vigil-thread-batch-it");
            props.setProperty("topic.partitions", Integer.toString(PARTITIONS));
            props.setProperty("kafka.num.stream.threads", "1");
            props.setProperty("batch.max", "1000");
            props.setProperty("batch.linger.ms", "1500");
            try (DetectorApp app = DetectorApp.start(VigilConfig.of(props, Map.of()), listener, ModelWatcher.Listener.NONE)) {
                DetectorIT.waitFor(() -> app.state() == KafkaStreams.State.RUNNING, Duration.ofSeconds(60));
                try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                    for (String host : hosts) {
                        Random noise = new Random(host.hashCode());
                        for (int i = 0; i < TestModels.WINDOW; i++) {
                            double[] v = TestModels.normal(i, noise);
                            String json = "{\"ts\":" + (TestModels.START + i * TestModels.STEP_MS) + ",\"values\":{\"cpu\":" + v[0]
                                    + ",\"mem\":" + v[1] + "}}";
                            producer.send(new ProducerRecord<>("telemetry", host.getBytes(StandardCharsets.UTF_8),
                                    json.getBytes(StandardCharsets.UTF_8)));
                        }
                    }
                }
                List<ConsumerRecord<byte[], byte[]>> scores = kafka.readCommitted("anomaly-scores", Duration.ofSeconds(60),
                        got -> got.size() >= PARTITIONS);
                TreeSet<String> scored = new TreeSet<>();
                scores.forEach(r -> scored.add(new String(r.key(), StandardCharsets.UTF_8)));
                assertEquals(new TreeSet<>(hosts), scored, "every partition's window emitted once");
                assertEquals(PARTITIONS, scores.size());
                assertEquals(List.of(PARTITIONS), batches, "one model call for the four partitions' windows");
            }
        }
    }

    /** Four series ids that the default partitioner sends to four different partitions. */
    static List<String> onePerPartition() {
        String[] byPartition = new String[PARTITIONS];
        for (int i = 0; byPartitionMissing(byPartition); i++) {
            String host = "host-" + i;
            int p = Utils.toPositive(Utils.murmur2(host.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (byPartition[p] == null) {
                byPartition[p] = host;
            }
        }
        return new ArrayList<>(List.of(byPartition));
    }

    private static boolean byPartitionMissing(String[] byPartition) {
        for (String s : byPartition) {
            if (s == null) {
                return true;
            }
        }
        return false;
    }
}
