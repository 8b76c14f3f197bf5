package io.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExpressionsFollowMetricContractTest {
    private static final List<Expressions.Expression> ALL = Expressions.all();

    @Test
    void dashboardAndRulesBothShipExpressions() {
        assertFalse(Expressions.dashboard().isEmpty(), "no expressions in " + Expressions.DASHBOARD);
        assertEquals(7, Expressions.rules().size(), "alert rules in " + Expressions.ALERT_RULES);
    }

    @Test
    void everyExpressionSelectsOnlyContractMetrics() {
        List<String> problems = new ArrayList<>();
        for (var e : ALL) {
            Set<String> names = PromQl.metricNames(e.promql());
            if (names.isEmpty()) {
                problems.add(e + " selects no metric");
            }
            names.stream().filter(n -> !MetricContract.isKnown(n))
                    .forEach(n -> problems.add(e.origin() + " uses \"" + n + "\", which the metric contract does not define"));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyExpressionCallsOnlyPromQlFunctions() {
        List<String> problems = new ArrayList<>();
        for (var e : ALL) {
            PromQl.functionNames(e.promql()).stream().filter(f -> !PromQl.FUNCTIONS.contains(f))
                    .forEach(f -> problems.add(e.origin() + " calls " + f + "(), not a PromQL function"));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void vigilSelectorsUseOnlyTheirLabelsAndValues() {
        List<String> problems = new ArrayList<>();
        for (var e : ALL) {
            for (var selector : PromQl.selectors(e.promql())) {
                if (MetricContract.vigilFamilyOf(selector.metric()) == null) {
                    continue;
                }
                var labels = MetricContract.labelsOf(selector.metric());
                for (var m : selector.matchers()) {
                    Set<String> values = labels.get(m.label());
                    if (values == null) {
                        problems.add(e.origin() + ": " + selector.metric() + " has no label " + m.label() + " (has " + labels.keySet() + ")");
                    } else if (m.op().equals("=") && values != MetricContract.ANY && !values.contains(m.value())) {
                        problems.add(e.origin() + ": " + selector.metric() + "{" + m.label() + "} is never \"" + m.value() + "\" (one of " + values + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyExpressionSelectsJobVigil() {
        // Other jobs may expose jvm_* and kafka_* too: every selector must stay on the detector's job.
        List<String> problems = new ArrayList<>();
        for (var e : ALL) {
            for (var selector : PromQl.selectors(e.promql())) {
                boolean job = selector.matchers().stream().anyMatch(m -> m.label().equals("job") && m.op().equals("=") && m.value().equals("vigil"));
                if (!job) {
                    problems.add(e.origin() + ": " + selector.metric() + " without job=\"vigil\"");
                }
            }
            Set<String> withMatchers = PromQl.selectors(e.promql()).stream().map(PromQl.Selector::metric).collect(Collectors.toSet());
            PromQl.metricNames(e.promql()).stream().filter(n -> !withMatchers.contains(n))
                    .forEach(n -> problems.add(e.origin() + ": " + n + " without label matchers"));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void dashboardShowsEveryVigilMetric() {
        Set<String> shown = Expressions.dashboard().stream()
                .flatMap(e -> PromQl.metricNames(e.promql()).stream())
                .map(MetricContract::vigilFamilyOf).filter(f -> f != null).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>(MetricContract.VIGIL_FAMILIES.keySet());
        missing.removeAll(shown);
        assertTrue(missing.isEmpty(), "the dashboard shows none of " + missing);
    }

    @Test
    void dashboardExpressionsHaveNoUnknownGrafanaVariables() {
        for (var e : Expressions.dashboard()) {
            String promql = e.forPrometheus();
            assertFalse(promql.contains("$"), e.origin() + " still holds a variable after substitution: " + promql);
        }
    }
}
