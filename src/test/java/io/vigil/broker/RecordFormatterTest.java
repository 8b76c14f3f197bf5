package io.vigil.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordFormatterTest {
    private static final long T = 1_795_428_900_000L; // 2026-11-23T10:15:00Z

    private static String format(String key, String value) {
        return RecordFormatter.format(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), "out", 0, 5);
    }

    @Test
    void scoreShowsWindowEndSeriesScoreAndThreshold() {
        assertEquals("2026-11-23T10:15:00Z web-1 score 0.42 (threshold 0.99)", format("web-1",
                "{\"series\":\"web-1\",\"windowStart\":0,\"windowEnd\":" + T + ",\"score\":0.42,\"threshold\":0.99,\"anomalous\":false}"));
    }

    @Test
    void anomalousScoreIsMarked() {
        assertEquals("2026-11-23T10:15:00Z web-1 score 0.999 (threshold 0.99) ANOMALOUS", format("web-1",
                "{\"series\":\"web-1\",\"windowEnd\":" + T + ",\"score\":0.9993,\"threshold\":0.99,\"anomalous\":true}"));
    }

    @Test
    void alertShowsStatusSeverityPeakAndFeatureShares() {
        assertEquals("2026-11-23T10:15:00Z web-1 ALERT OPEN critical peak 0.999 cpu↑ 71% mem↓ 20%", format("web-1",
                "{\"alertId\":\"a1\",\"series\":\"web-1\",\"status\":\"OPEN\",\"openedAt\":" + T
                        + ",\"lastAnomalousAt\":" + T + ",\"resolvedAt\":null,\"peakScore\":0.999,\"severity\":\"critical\","
                        + "\"features\":[{\"name\":\"cpu\",\"share\":0.71,\"direction\":\"above\"},"
                        + "{\"name\":\"mem\",\"share\":0.2,\"direction\":\"below\"}]}"));
    }

    @Test
    void resolvedAlertIsTimedAtItsResolution() {
        assertEquals("2026-11-23T10:15:00Z web-1 ALERT RESOLVED warning peak 0.97", format("web-1",
                "{\"alertId\":\"a1\",\"series\":\"web-1\",\"status\":\"RESOLVED\",\"openedAt\":0,\"resolvedAt\":" + T
                        + ",\"peakScore\":0.97,\"severity\":\"warning\",\"features\":[]}"));
    }

    @Test
    void deadLetterShowsReasonDetailAndWhereTheRecordCameFrom() {
        assertEquals("DLQ bad_type: value of \"cpu\" is a string (telemetry-0@17)", format("web-1",
                "{\"reason\":\"bad_type\",\"detail\":\"value of \\\"cpu\\\" is a string\",\"topic\":\"telemetry\","
                        + "\"partition\":0,\"offset\":17,\"key\":\"web-1\",\"value\":\"{}\",\"truncated\":false}"));
    }

    @Test
    void telemetryShowsTimeSeriesAndValues() {
        assertEquals("2026-11-23T10:15:00Z web-1 cpu=0.52 mem=0.71",
                format("web-1", "{\"ts\":" + T + ",\"values\":{\"cpu\":0.52,\"mem\":0.71}}"));
    }

    @Test
    void anythingElseIsPrintedRawAfterItsKey() {
        assertEquals("k hello", format("k", "hello"));
        assertEquals("{\"a\":1}", format(null, "{\"a\":1}"));
        assertEquals("k (tombstone)", format("k", null));
    }
}
