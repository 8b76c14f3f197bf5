package io.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {
    @Test
    void readsMetricNamesPastFunctionsGroupingStringsAndRanges() {
        String expr = "histogram_quantile(0.99, sum by (le, instance) (rate(vigil_score_lag_seconds_bucket"
                + "{job=\"vigil\", instance=~\"$instance\"}[$__rate_interval])))";
        assertEquals(Set.of("vigil_score_lag_seconds_bucket"), PromQl.metricNames(expr));
        assertEquals(Set.of("histogram_quantile", "sum", "rate"), PromQl.functionNames(expr));
        assertEquals(Map.of("by", Set.of("le", "instance")), PromQl.groupingLabels(expr));
    }

    @Test
    void readsBothSidesOfBinaryOperatorsAndBareNames() {
        String expr = "sum(rate(a_total[5m])) / sum(rate(b_total[5m] offset 1h)) > 0.05 and on (instance) up == 1e3";
        assertEquals(Set.of("a_total", "b_total", "up"), PromQl.metricNames(expr));
    }

    @Test
    void ignoresLabelValuesThatLookLikeMetrics() {
        String expr = "count(up{job=\"vigil_records_in_total\"}) or vector(0)";
        assertEquals(Set.of("up"), PromQl.metricNames(expr));
        assertEquals(Set.of("count", "vector"), PromQl.functionNames(expr));
    }

    @Test
    void readsSelectorsWithTheirMatchers() {
        var selectors = PromQl.selectors("rate(vigil_records_in_total{outcome=\"dead_lettered\", instance=~\"a|b\"}[5m])");
        assertEquals(List.of(new PromQl.Selector("vigil_records_in_total", List.of(
                new PromQl.LabelMatcher("outcome", "=", "dead_lettered"),
                new PromQl.LabelMatcher("instance", "=~", "a|b")))), selectors);
    }

    @Test
    void grafanaVariablesAreReplacedForPrometheus() {
        assertEquals("rate(x{instance=~\".*\"}[1m])",
                Expressions.substitute("rate(x{instance=~\"$instance\"}[${__rate_interval}])", Expressions.GRAFANA_DEFAULTS));
    }
}
