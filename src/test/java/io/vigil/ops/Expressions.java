package io.vigil.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every PromQL expression the repository ships: the Grafana dashboard's panel queries and the alert
 * rules. Tests check them against the metric contract; a live test can run each
 * {@link Expression#forPrometheus()} against a Prometheus scraping a real detector.
 */
public final class Expressions {
    public static final String DASHBOARD = "grafana/dashboards/vigil.json";
    public static final String ALERT_RULES = "deploy/prometheus/alerts.yml";

    /**
     * Values for Grafana's variables when an expression runs outside Grafana: every instance, and a
     * rate window of four 15 s scrapes.
     */
    public static final Map<String, String> GRAFANA_DEFAULTS = Map.of(
            "instance", ".*",
            "__rate_interval", "1m",
            "__interval", "15s",
            "__range", "1h",
            "datasource", "prometheus");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-zA-Z_]\\w*)(?::[^}]*)?}|\\$([a-zA-Z_]\\w*)");

    /** Where an expression comes from. */
    public enum Kind { DASHBOARD_PANEL, ALERT_RULE }

    /**
     * One shipped expression.
     *
     * @param origin  file and panel title / rule name, for messages
     * @param name    the panel title (with the query's refId) or the alert name
     * @param promql  the expression as written (dashboard ones may hold Grafana variables)
     * @param instant whether Grafana runs it as an instant query (stat and table panels)
     */
    public record Expression(Kind kind, String origin, String name, String promql, boolean instant) {
        /** The expression with Grafana variables replaced by {@link #GRAFANA_DEFAULTS}. */
        public String forPrometheus() {
            return substitute(promql, GRAFANA_DEFAULTS);
        }

        @Override
        public String toString() {
            return origin + ": " + promql;
        }
    }

    private Expressions() {}

    /** The dashboard's queries, then the alert rules'. */
    public static List<Expression> all() {
        List<Expression> all = new ArrayList<>(dashboard());
        all.addAll(rules());
        return all;
    }

    /** Every panel target of the dashboard, rows' nested panels included. */
    public static List<Expression> dashboard() {
        List<Expression> out = new ArrayList<>();
        for (JsonNode panel : Dashboards.panels(OpsFiles.json(DASHBOARD))) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isBlank()) {
                    String name = panel.path("title").asText() + " " + target.path("refId").asText();
                    boolean instant = target.path("instant").asBoolean(false) && !target.path("range").asBoolean(false);
                    out.add(new Expression(Kind.DASHBOARD_PANEL, DASHBOARD + " panel \"" + name + "\"", name, expr, instant));
                }
            }
        }
        return out;
    }

    /** Every alert (and recording) rule of deploy/prometheus/alerts.yml. */
    public static List<Expression> rules() {
        List<Expression> out = new ArrayList<>();
        for (Object group : Yamls.listAt(OpsFiles.yamlMap(ALERT_RULES), ALERT_RULES, "groups")) {
            for (Object rule : Yamls.listAt(group, ALERT_RULES, "rules")) {
                Map<String, Object> r = Yamls.map(rule, ALERT_RULES);
                String name = String.valueOf(r.getOrDefault("alert", r.get("record")));
                String expr = Yamls.stringAt(r, ALERT_RULES + " " + name, "expr").strip();
                out.add(new Expression(Kind.ALERT_RULE, ALERT_RULES + " rule " + name, name, expr, true));
            }
        }
        return out;
    }

    /** Replaces $var, ${var} and ${var:format} by the given values; an unknown variable is an error. */
    public static String substitute(String expr, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1) != null ? m.group(1) : m.group(2);
            String value = values.get(variable);
            if (value == null) {
                throw new IllegalArgumentException("no value for Grafana variable $" + variable + " in " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
