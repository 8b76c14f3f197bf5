package io.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CiScriptTest {
    private final List<String> commands = OpsFiles.text(".ci/run").lines().map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

    @Test
    void runsTheReadmesTestCommandUnderErrexit() {
        assertTrue(commands.contains("mvn -B verify"), ".ci/run does not run the README's test command");
        assertTrue(commands.contains("set -euo pipefail"), "a failing step must fail CI");
    }

    @Test
    void checksThePrometheusConfigRulesAndRuleTests() {
        for (String check : List.of("promtool check config deploy/prometheus/prometheus.yml",
                "promtool check rules deploy/prometheus/alerts.yml",
                "promtool test rules deploy/prometheus/alerts.test.yml")) {
            assertTrue(commands.stream().anyMatch(c -> c.contains(check)), ".ci/run does not run " + check);
        }
    }
}
