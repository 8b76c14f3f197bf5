package io.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detect.AlertEvent;
import io.vigil.detect.ErrorDistribution;
import io.vigil.evaluate.EvaluationSettings;
import io.vigil.evaluate.OfflineEvaluator;
import io.vigil.registry.LoadedModel;
import io.vigil.train.History;
import io.vigil.train.HistoryOptions;
import io.vigil.train.HistoryReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the detector owes for a data set, computed by the offline evaluator with the same alert
 * settings, and the checks that the streamed output is exactly that: every window scored once, with
 * the same numbers, and the same alert events.
 */
final class OfflineReference {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int ALERT_OPEN_AFTER = 3;
    static final int ALERT_CLOSE_AFTER = 3;
    /** Relative: float32 inference in batches of other sizes differs in the last bits. */
    static final double ERROR_TOLERANCE = 1e-5;
    /**
     * Absolute. The calibration can be steep where validation errors crowd together (a quantile moves
     * by their density times the error's change), so it magnifies the error's tolerance severalfold.
     */
    static final double SCORE_TOLERANCE = 1e-4;

    /** Offline results of the scored windows, by {@code series@windowEnd}, in series then time order. */
    private final Map<String, OfflineEvaluator.RowResult> windows = new TreeMap<>();
    /** Offline alert events, in series then time order. */
    private final List<AlertEvent> alerts = new ArrayList<>();
    /** The model's validation errors, which turn an error into its score. */
    private ErrorDistribution validation;

    private OfflineReference() {
    }

    static OfflineReference compute(Path model, ShiftedTelemetry data, Path workDir) {
        OfflineReference ref = new OfflineReference();
        try (LoadedModel loaded = LoadedModel.load(model, null)) {
            ref.validation = loaded.metadata().validationErrors();
            Path file = Files.writeString(workDir.resolve("same-data.csv"), data.csv());
            History h = new HistoryReader(new HistoryOptions(List.of("cpu", "mem"), "timestamp", "host")).read(List.of(file));
            Properties settings = new Properties();
            settings.setProperty("alert.open.after", Integer.toString(ALERT_OPEN_AFTER));
            settings.setProperty("alert.close.after", Integer.toString(ALERT_CLOSE_AFTER));
            for (OfflineEvaluator.RowResult row : OfflineEvaluator.evaluate(loaded, h, EvaluationSettings.resolve(settings, loaded.metadata()))) {
                if (row.scored()) {
                    ref.windows.put(row.series().id() + "@" + row.series().timestamps()[row.row()], row);
                }
                if (row.alert() != null) {
                    ref.alerts.add(row.alert());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ref;
    }

    /** Every window exactly once (no duplicates, none missing), each with the offline error, score and verdict. */
    void assertEveryWindowScoredOnce(List<ConsumerRecord<byte[], byte[]>> scores, Supplier<String> context) {
        Map<String, List<JsonNode>> streamed = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : scores) {
            JsonNode n = json(r);
            streamed.computeIfAbsent(n.get("series").asText() + "@" + n.get("windowEnd").asLong(), k -> new ArrayList<>()).add(n);
        }
        List<String> duplicated = streamed.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " ×" + e.getValue().size()).toList();
        List<String> missing = windows.keySet().stream().filter(k -> !streamed.containsKey(k)).toList();
        List<String> unexpected = streamed.keySet().stream().filter(k -> !windows.containsKey(k)).toList();
        if (!duplicated.isEmpty() || !missing.isEmpty() || !unexpected.isEmpty()) {
            fail(scores.size() + " scores for " + windows.size() + " windows; duplicated " + head(duplicated) + ", missing "
                    + head(missing) + ", unexpected " + head(unexpected) + "\n" + context.get());
        }
        windows.forEach((key, row) -> {
            JsonNode s = streamed.get(key).get(0);
            assertEquals(row.error(), s.get("error").asDouble(), ERROR_TOLERANCE * Math.max(1e-3, row.error()), key + " error");
            // Batches of other sizes sum in another order, so the errors differ in the last bits, and the score
            // (a step function of the error) may step between them. The streamed score must be exactly its own
            // error's, and may differ from the offline one only by the steps between the two errors.
            double error = s.get("error").asDouble();
            double score = s.get("score").asDouble();
            assertEquals(validation.quantileOf(error), score, 1e-12, key + " score of the streamed error");
            double steps = Math.abs(validation.quantileOf(Math.max(error, row.error())) - validation.quantileOf(Math.min(error, row.error())));
            assertEquals(row.score(), score, SCORE_TOLERANCE + steps, key + " score");
            double threshold = s.get("threshold").asDouble();
            assertEquals(score > threshold, s.get("anomalous").asBoolean(), key + " anomalous");
            if (steps == 0) {
                assertEquals(row.anomalous(), s.get("anomalous").asBoolean(), key + " anomalous");
            }
        });
    }

    /** The streamed alert events, as {@code alertId status}, are the offline ones: none lost, none repeated. */
    void assertSameAlerts(List<ConsumerRecord<byte[], byte[]>> streamed, Supplier<String> context) {
        List<String> got = streamed.stream().map(OfflineReference::json)
                .map(n -> n.get("alertId").asText() + " " + n.get("status").asText()).toList();
        List<String> want = alerts.stream().map(a -> a.alertId() + " " + a.status()).toList();
        assertEquals(sorted(want), sorted(got), () -> "alert events differ from the offline evaluation\n" + context.get());
    }

    /** The offline events, as {@code alertId status}, of the series' alerts opened in [from, to) epoch ms. */
    List<String> alertsOpened(String series, long from, long to) {
        return alerts.stream().filter(a -> a.series().equals(series) && a.openedAt() >= from && a.openedAt() < to)
                .map(a -> a.alertId() + " " + a.status()).toList();
    }

    int windowCount() {
        return windows.size();
    }

    static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON at " + r.topic() + "-" + r.partition() + "@" + r.offset(), e);
        }
    }

    static boolean isAlert(ConsumerRecord<byte[], byte[]> r, String series, String status) {
        JsonNode n = json(r);
        return n.get("series").asText().equals(series) && n.get("status").asText().equals(status);
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().collect(Collectors.toList());
    }

    private static String head(List<String> keys) {
        return keys.size() <= 10 ? keys.toString() : keys.subList(0, 10) + " and " + (keys.size() - 10) + " more";
    }
}
