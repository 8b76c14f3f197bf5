package io.vigil.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.stream.StreamListener;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stream and model events, scraped back from the registry as Prometheus text under the contract's names. */
class VigilMetricsTest {
    @Test
    void everyContractSeriesIsScrapedBeforeTheFirstRecord() {
        try (VigilMetrics metrics = new VigilMetrics()) {
            metrics.modelLoaded("hosts", "20261123T101500Z");
            PrometheusText scrape = new PrometheusText(metrics.scrape());
            for (String series : MetricsContract.SERIES) {
                assertTrue(scrape.has(series), series + " missing from:\n" + scrape.text());
            }
            for (String series : MetricsContract.JVM) {
                assertTrue(scrape.has(series), series + " missing");
            }
            assertEquals(0, scrape.value("vigil_dead_letters_total{reason=\"too_large\"}"), "every reason starts at zero");
        }
    }

    @Test
    void recordsAndDeadLettersAreCountedByOutcomeAndReason() {
        try (VigilMetrics metrics = new VigilMetrics()) {
            StreamListener l = metrics.streamListener();
            l.recordWindowed(0);
            l.recordWindowed(1);
            l.recordWindowed(0);
            l.deadLettered("not_json");
            l.deadLettered("not_json");
            l.deadLettered("late");
            PrometheusText s = new PrometheusText(metrics.scrape());
            assertEquals(3, s.value("vigil_records_in_total{outcome=\"windowed\"}"));
            assertEquals(3, s.value("vigil_records_in_total{outcome=\"dead_lettered\"}"));
            assertEquals(2, s.value("vigil_dead_letters_total{reason=\"not_json\"}"));
            assertEquals(1, s.value("vigil_dead_letters_total{reason=\"late\"}"));
        }
    }

    @Test
    void batchesGiveLatencyAndBatchSizeHistograms() {
        try (VigilMetrics metrics = new VigilMetrics()) {
            metrics.streamListener().batchScored(4, 3_000_000);
            metrics.streamListener().batchScored(256, 20_000_000);
            PrometheusText s = new PrometheusText(metrics.scrape());
            assertEquals(2, s.value("vigil_inference_latency_seconds_count"));
            assertEquals(0.023, s.value("vigil_inference_latency_seconds_sum"), 1e-9);
            assertEquals(0.02, s.value("vigil_inference_latency_seconds_max"), 1e-9);
            assertEquals(2, s.value("vigil_inference_batch_size_windows_count"));
            assertEquals(260, s.value("vigil_inference_batch_size_windows_sum"));
            assertEquals(2, s.value("vigil_inference_batch_size_windows_bucket{le=\"+Inf\"}"));
        }
    }

    @Test
    void scoresFallInTheContractBucketsAndAnomaliesAreCounted() {
        try (VigilMetrics metrics = new VigilMetrics()) {
            long now = System.currentTimeMillis();
            metrics.streamListener().windowScored(0.05, false, now - 2_000);
            metrics.streamListener().windowScored(0.5, false, now - 2_000);
            metrics.streamListener().windowScored(0.995, true, now - 2_000);
            PrometheusText s = new PrometheusText(metrics.scrape());
            assertEquals(3, s.value("vigil_windows_scored_total"));
            assertEquals(1, s.value("vigil_windows_anomalous_total"));
            assertEquals(1, s.value("vigil_score_bucket{le=\"0.1\"}"));
            assertEquals(2, s.value("vigil_score_bucket{le=\"0.5\"}"), "a score of exactly 0.5 is in le=0.5");
            assertEquals(2, s.value("vigil_score_bucket{le=\"0.99\"}"));
            assertEquals(3, s.value("vigil_score_bucket{le=\"0.999\"}"));
            assertEquals(3, s.value("vigil_score_bucket{le=\"1.0\"}"));
            assertEquals(1.545, s.value("vigil_score_sum"), 1e-9);
            assertEquals(3, s.value("vigil_score_lag_seconds_count"));
            double lag = s.value("vigil_score_lag_seconds_max");
            assertTrue(lag >= 2.0 && lag < 60, "lag from the window end to now: " + lag);
        }
    }

    @Test
    void alertEventsAreCountedAndOpenAlertsAndSeriesAreSummedOverTasks() {
        try (VigilMetrics metrics = new VigilMetrics()) {
            StreamListener l = metrics.streamListener();
            l.alert("OPEN");
            l.alert("OPEN");
            l.alert("RESOLVED");
            l.taskGauges("0_0", 5, 1);
            l.taskGauges("0_1", 2, 1);
            l.taskGauges("0_0", 6, 0); // a later report replaces the earlier one
            PrometheusText s = new PrometheusText(metrics.scrape());
            assertEquals(2, s.value("vigil_alerts_total{status=\"opened\"}"));
            assertEquals(1, s.value("vigil_alerts_total{status=\"resolved\"}"));
            assertEquals(8, s.value("vigil_series_active"));
            assertEquals(1, s.value("vigil_alerts_open"));
            l.taskClosed("0_1");
            PrometheusText after = new PrometheusText(metrics.scrape());
            assertEquals(6, after.value("vigil_series_active"), "a task that left no longer counts");
            assertEquals(0, after.value("vigil_alerts_open"));
        }
    }

    @Test
    void modelInfoShowsOnlyTheCurrentVersionAfterASwap() {
        try (VigilMetrics metrics = new VigilMetrics()) {
            metrics.modelLoaded("hosts", "20261123T101500Z");
            metrics.modelListener().rejected("20261124T000000Z", "checksum mismatch");
            metrics.modelListener().reloaded("20261125T000000Z");
            PrometheusText s = new PrometheusText(metrics.scrape());
            Map<String, Double> info = s.startingWith("vigil_model_info");
            assertEquals(Map.of("vigil_model_info{name=\"hosts\",version=\"20261125T000000Z\"}", 1.0), info);
            assertEquals(1, s.value("vigil_model_reloads_total{outcome=\"loaded\"}"));
            assertEquals(1, s.value("vigil_model_reloads_total{outcome=\"rejected\"}"));
        }
    }

    @Test
    void notReadyUntilADetectorIsTracked() {
        try (VigilMetrics metrics = new VigilMetrics()) {
            assertFalse(metrics.isReady());
            assertEquals(VigilMetrics.NOT_STARTED, metrics.notReadyReason().orElseThrow());
            assertEquals(0, new PrometheusText(metrics.scrape()).value("vigil_ready"));
        }
    }
}
