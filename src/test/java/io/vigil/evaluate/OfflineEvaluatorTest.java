package io.vigil.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.registry.LoadedModel;
import io.vigil.testing.TestModels;
import io.vigil.train.HistoryOptions;
import io.vigil.train.HistoryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate skips what the stream skips. */
class OfflineEvaluatorTest {
    private static final int POINTS = 40;
    /** This row repeats the previous row's timestamp, with a value far off the cycle. */
    private static final int REPEAT = 20;

    @TempDir
    Path dir;

    @Test
    void aRowRepeatingATimestampIsNotScoredAndEntersNoWindowAsInTheStream() throws Exception {
        double[][] points = TestModels.normalPoints(POINTS, 3);
        StringBuilder csv = new StringBuilder("timestamp,cpu,mem\n");
        for (int i = 0; i < POINTS; i++) {
            long ts = TestModels.START + (i < REPEAT ? i : i - 1) * TestModels.STEP_MS;
            double cpu = i == REPEAT ? 5.0 : points[i][0];
            csv.append(ts).append(',').append(cpu).append(',').append(points[i][1]).append('\n');
        }
        Path file = Files.writeString(dir.resolve("s.csv"), csv.toString());
        Properties props = new Properties();
        props.setProperty("model.dir", TestModels.hostsModel().toString());

        try (LoadedModel model = LoadedModel.load(TestModels.hostsModel(), null)) {
            EvaluationSettings settings = EvaluationSettings.resolve(props, model.metadata());
            List<OfflineEvaluator.RowResult> kept = OfflineEvaluator.evaluate(model,
                    reader(HistoryOptions.Duplicates.KEEP).read(List.of(file)), settings);
            List<OfflineEvaluator.RowResult> first = OfflineEvaluator.evaluate(model,
                    reader(HistoryOptions.Duplicates.FIRST).read(List.of(file)), settings);

            assertEquals(POINTS, kept.size(), "every row is written");
            assertTrue(kept.get(REPEAT - 1).scored());
            assertFalse(kept.get(REPEAT).scored(), "the repeat ends no window");
            // The repeat's far-off value never enters a window: the windows and scores are those without it.
            assertEquals(scores(first), scores(kept));
            assertEquals(POINTS - 1 - (TestModels.WINDOW - 1), scores(kept).size());
        }
    }

    private static HistoryReader reader(HistoryOptions.Duplicates duplicates) {
        return new HistoryReader(new HistoryOptions(List.of("cpu", "mem"), "timestamp", null, duplicates));
    }

    /** The scored rows as "timestamp score". */
    private static List<String> scores(List<OfflineEvaluator.RowResult> rows) {
        return rows.stream().filter(OfflineEvaluator.RowResult::scored)
                .map(r -> r.series().timestamps()[r.row()] + " " + r.score()).toList();
    }
}
