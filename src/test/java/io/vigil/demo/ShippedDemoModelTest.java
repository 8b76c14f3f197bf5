package io.vigil.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelMetadata;
import io.vigil.score.ScoreBatch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed demo model loads with this release and tells the demo's telemetry apart: windows of
 * normal points from an unseen seed mostly score below its threshold, a window holding a spike far above.
 */
class ShippedDemoModelTest {
    static final Path MODEL = Path.of("models/demo");
    /** Share of normal windows that may exceed the model's threshold (0.995 quantile of validation). */
    static final double MAX_NORMAL_ABOVE = 0.05;

    @Test
    void demoModelScoresNormalWindowsLowAndASpikeHigh() {
        TelemetryGenerator g = new TelemetryGenerator(DemoSettings.DEFAULT_SEED, HostProfile.fleet(6),
                TelemetryGenerator.DEFAULT_PERIOD, TelemetryGenerator.DEFAULT_STEP, 0, AnomalySchedule.NONE);
        try (LoadedModel model = LoadedModel.load(MODEL, null)) {
            ModelMetadata m = model.metadata();
            assertEquals(TelemetryGenerator.FEATURES, m.features());
            int t = m.window();
            int f = m.features().size();
            int perHost = 2 * TelemetryGenerator.DEFAULT_PERIOD;
            int hosts = g.hosts().size();
            float[] windows = new float[hosts * perHost * t * f];
            for (int h = 0; h < hosts; h++) {
                for (int w = 0; w < perHost; w++) {
                    for (int s = 0; s < t; s++) {
                        System.arraycopy(g.normal(h, w + s), 0, windows, (((h * perHost) + w) * t + s) * f, f);
                    }
                }
            }
            ScoreBatch normal = model.scorer().score(windows, hosts * perHost);
            double threshold = m.calibration().thresholdError();
            int above = 0;
            for (int i = 0; i < hosts * perHost; i++) {
                if (normal.windowError(i) > threshold) {
                    above++;
                }
            }
            double share = above / (double) (hosts * perHost);
            assertTrue(share < MAX_NORMAL_ABOVE, share + " of normal windows above the threshold");

            long start = 150;
            InjectedAnomaly spike = new InjectedAnomaly(0, "web-1", AnomalyKind.SPIKE, start, start + AnomalyKind.SPIKE.steps());
            float[] window = new float[t * f];
            for (int s = 0; s < t; s++) {
                long step = start - t / 2 + s;
                System.arraycopy(g.point(0, step, spike.covers(step) ? spike : null), 0, window, s * f, f);
            }
            double error = model.scorer().score(window, 1).windowError(0);
            assertTrue(error > 5 * threshold, "spike window error " + error + " vs threshold " + threshold);
        }
    }
}
