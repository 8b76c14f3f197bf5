package io.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final String RULE_CR = "deploy/k8s/prometheusrule.yaml";

    @Test
    void theRulesAreTheOnesOnCallExpects() {
        assertEquals(Set.of("VigilDown", "VigilNotReady", "VigilDeadLetterRateHigh", "VigilModelReloadFailed",
                        "VigilConsumerLagGrowing", "VigilNoInput", "VigilAlertsOpen"),
                new TreeSet<>(rulesByName().keySet()));
    }

    @Test
    void everyAlertHasASeverityASummaryAndADescription() {
        List<String> problems = new ArrayList<>();
        rulesByName().forEach((name, rule) -> {
            Object labels = rule.get("labels");
            Object severity = labels instanceof Map<?, ?> m ? m.get("severity") : null;
            if (!SEVERITIES.contains(String.valueOf(severity))) {
                problems.add(name + ": severity " + severity + ", expected one of " + SEVERITIES);
            }
            Object annotations = rule.get("annotations");
            for (String key : List.of("summary", "description")) {
                Object text = annotations instanceof Map<?, ?> m ? m.get(key) : null;
                if (text == null || text.toString().isBlank()) {
                    problems.add(name + ": no " + key + " annotation");
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void alertmanagerExampleRoutesEverySeverity() {
        Map<String, Object> config = OpsFiles.yamlMap("deploy/prometheus/alertmanager.example.yml");
        Set<String> receivers = new TreeSet<>();
        Yamls.listAt(config, "alertmanager", "receivers").forEach(r -> receivers.add(Yamls.stringAt(r, "receiver", "name")));
        assertTrue(receivers.contains(Yamls.stringAt(config, "alertmanager", "route", "receiver")), "the default receiver exists");
        Set<String> routed = new TreeSet<>();
        for (Object route : Yamls.listAt(config, "alertmanager", "route", "routes")) {
            String receiver = Yamls.stringAt(route, "route", "receiver");
            assertTrue(receivers.contains(receiver), "route to undefined receiver " + receiver);
            for (Object matcher : Yamls.listAt(route, "route", "matchers")) {
                var m = java.util.regex.Pattern.compile("severity\\s*=\\s*\"?(\\w+)\"?").matcher(matcher.toString());
                if (m.matches()) {
                    routed.add(m.group(1));
                }
            }
        }
        assertEquals(new TreeSet<>(SEVERITIES), routed, "severities with a route");
    }

    @Test
    void prometheusRuleResourceHoldsExactlyTheRulesOfAlertsYml() {
        Object expected = Yamls.at(OpsFiles.yamlMap(Expressions.ALERT_RULES), Expressions.ALERT_RULES, "groups");
        Map<String, Object> resource = OpsFiles.yamlMap(RULE_CR);
        assertEquals("PrometheusRule", resource.get("kind"));
        assertEquals("monitoring.coreos.com/v1", resource.get("apiVersion"));
        assertEquals(expected, Yamls.at(resource, RULE_CR, "spec", "groups"),
                RULE_CR + " differs from " + Expressions.ALERT_RULES + ": run deploy/k8s/gen-prometheusrule.sh");
    }

    @Test
    void prometheusScrapesJobVigilEvery15sAndLoadsTheRules() {
        Map<String, Object> config = OpsFiles.yamlMap("deploy/prometheus/prometheus.yml");
        Map<String, Object> job = Yamls.listAt(config, "prometheus.yml", "scrape_configs").stream()
                .map(j -> Yamls.map(j, "scrape_configs")).filter(j -> "vigil".equals(j.get("job_name")))
                .findFirst().orElseThrow(() -> new AssertionError("no scrape job vigil"));
        assertEquals("15s", String.valueOf(job.getOrDefault("scrape_interval", Yamls.at(config, "prometheus.yml", "global", "scrape_interval"))));
        assertEquals("/metrics", job.getOrDefault("metrics_path", "/metrics"));
        assertTrue(Yamls.listAt(config, "prometheus.yml", "rule_files").contains("alerts.yml"));
        String target = Yamls.stringAt(job, "vigil job", "static_configs", 0, "targets", 0);
        assertTrue(target.endsWith(":9400") && Compose.services().containsKey(target.substring(0, target.indexOf(':'))),
                "the vigil target " + target + " is the compose service on port 9400");
    }

    private static Map<String, Map<String, Object>> rulesByName() {
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        for (Object group : Yamls.listAt(OpsFiles.yamlMap(Expressions.ALERT_RULES), "alerts.yml", "groups")) {
            for (Object rule : Yamls.listAt(group, "alerts.yml group", "rules")) {
                Map<String, Object> r = Yamls.map(rule, "rule");
                rules.put(String.valueOf(r.get("alert")), r);
            }
        }
        return rules;
    }
}
