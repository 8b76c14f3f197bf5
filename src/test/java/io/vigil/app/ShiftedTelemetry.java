package io.vigil.app;

import io.vigil.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A fixed data set for the recovery tests: series of the test model's normal pattern (by default
 * three), one of them ({@link #SHIFTED}) with a level shift long enough that a test can stop the
 * detector while its alert is open. The same points go to Kafka step by step and to a CSV for the
 * offline evaluator.
 */
final class ShiftedTelemetry {
    static final String TOPIC = "telemetry";
    static final List<String> SERIES = List.of("web-1", "web-2", "web-3");
    static final String SHIFTED = "web-2";
    static final int POINTS = 300;
    /** The shift covers steps [SHIFT_FROM, SHIFT_TO): an alert opens a few steps in and cannot resolve before the end. */
    static final int SHIFT_FROM = 80;
    static final int SHIFT_TO = 100;
    static final double SHIFT = 2.0;

    private final Map<String, double[][]> values = new LinkedHashMap<>();

    ShiftedTelemetry() {
        this(SERIES);
    }

    /** The data set for other series ids; {@link #SHIFTED}, when among them, gets the shift. */
    ShiftedTelemetry(List<String> seriesIds) {
        for (String series : seriesIds) {
            Random noise = new Random(series.hashCode());
            double[][] v = new double[POINTS][];
            for (int i = 0; i < POINTS; i++) {
                v[i] = TestModels.normal(i, noise);
                if (series.equals(SHIFTED) && i >= SHIFT_FROM && i < SHIFT_TO) {
                    v[i][0] += SHIFT;
                }
            }
            values.put(series, v);
        }
    }

    /** The series ids, in the order they are sent. */
    List<String> series() {
        return List.copyOf(values.keySet());
    }

    /** Every series × (points − window + 1): the number of scores the detector owes. */
    int expectedWindows() {
        return values.size() * windowsUpTo(POINTS);
    }

    /** Windows a series has once steps [0, steps) are in: those ending at a step ≥ window − 1. */
    static int windowsUpTo(int steps) {
        return Math.max(0, steps - TestModels.WINDOW + 1);
    }

    static long timestamp(int step) {
        return TestModels.START + step * TestModels.STEP_MS;
    }

    /** The earliest an alert for the shift can say it opened: the first window that reaches into it. */
    static long shiftStart() {
        return timestamp(SHIFT_FROM - TestModels.WINDOW + 1);
    }

    /** Sends steps [from, to) of every series, then flushes. */
    void send(KafkaProducer<byte[], byte[]> producer, int from, int to) {
        for (int i = from; i < to; i++) {
            for (String series : values.keySet()) {
                double[] v = values.get(series)[i];
                String json = "{\"ts\":" + timestamp(i) + ",\"values\":{\"cpu\":" + v[0] + ",\"mem\":" + v[1] + "}}";
                producer.send(new ProducerRecord<>(TOPIC, series.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
            }
        }
        producer.flush();
    }

    /** The whole data set as the CSV {@code vigil evaluate} reads: timestamp, host, cpu, mem. */
    String csv() {
        StringBuilder csv = new StringBuilder("timestamp,host,cpu,mem\n");
        values.forEach((series, v) -> {
            for (int i = 0; i < POINTS; i++) {
                csv.append(timestamp(i)).append(',').append(series).append(',').append(v[i][0]).append(',').append(v[i][1]).append('\n');
            }
        });
        return csv.toString();
    }
}
