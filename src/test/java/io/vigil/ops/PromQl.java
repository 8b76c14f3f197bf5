package io.vigil.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading to check expressions against the metric contract: the metric names an
 * expression selects, the functions it calls, and the label matchers of each selector. Not a parser:
 * it strips strings, label-list clauses and range brackets, then reads the identifiers left.
 */
public final class PromQl {
    /** A vector selector: the metric name and its label matchers. */
    public record Selector(String metric, List<LabelMatcher> matchers) {}

    /** One label matcher, e.g. {@code outcome="windowed"} (op is =, !=, =~ or !~). */
    public record LabelMatcher(String label, String op, String value) {}

    /** PromQL's aggregation operators and functions (Prometheus 2.x / 3.x). */
    static final Set<String> FUNCTIONS = Set.of(
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio",
            "abs", "absent", "absent_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min",
            "day_of_month", "day_of_week", "day_of_year", "days_in_month", "delta", "deriv", "exp", "floor",
            "histogram_avg", "histogram_count", "histogram_sum", "histogram_fraction", "histogram_quantile",
            "histogram_stddev", "histogram_stdvar", "holt_winters", "double_exponential_smoothing", "hour", "idelta",
            "increase", "irate", "label_join", "label_replace", "ln", "log2", "log10", "minute", "month",
            "predict_linear", "rate", "resets", "round", "scalar", "sgn", "sort", "sort_desc", "sort_by_label",
            "sort_by_label_desc", "sqrt", "time", "timestamp", "vector", "year",
            "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
            "quantile_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time",
            "mad_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan",
            "tanh", "deg", "rad", "pi");

    private static final Set<String> KEYWORDS = Set.of(
            "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
            "offset", "atan2", "inf", "nan", "start", "end");

    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");
    private static final Pattern BRACES = Pattern.compile("\\{[^{}]*}");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^\\[\\]]*]");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$:])[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SELECTOR = Pattern.compile("(?<![\\w.$:])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^{}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!=|!~|=)\\s*\"((?:\\\\.|[^\"\\\\])*)\"");

    private PromQl() {}

    /** Metric names the expression selects, in order of appearance. */
    public static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        for (Token token : identifiers(expr)) {
            if (!token.call() && !KEYWORDS.contains(token.name().toLowerCase(Locale.ROOT))) {
                names.add(token.name());
            }
        }
        return names;
    }

    /** Names the expression calls as functions or aggregations. */
    public static Set<String> functionNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        for (Token token : identifiers(expr)) {
            if (token.call() && !KEYWORDS.contains(token.name().toLowerCase(Locale.ROOT))) {
                names.add(token.name());
            }
        }
        return names;
    }

    /** Selectors written with braces ({@code name{label="v"}}), with their matchers. */
    public static List<Selector> selectors(String expr) {
        List<Selector> selectors = new ArrayList<>();
        Matcher m = SELECTOR.matcher(expr);
        while (m.find()) {
            List<LabelMatcher> matchers = new ArrayList<>();
            Matcher lm = MATCHER.matcher(m.group(2));
            while (lm.find()) {
                matchers.add(new LabelMatcher(lm.group(1), lm.group(2), lm.group(3)));
            }
            selectors.add(new Selector(m.group(1), matchers));
        }
        return selectors;
    }

    /** Label names of by/without/on/ignoring clauses, e.g. {@code sum by (le, outcome)} gives le and outcome. */
    public static Map<String, Set<String>> groupingLabels(String expr) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Matcher m = LABEL_LIST.matcher(STRING.matcher(expr).replaceAll("\"\""));
        while (m.find()) {
            String inside = m.group().substring(m.group().indexOf('(') + 1, m.group().length() - 1);
            for (String label : inside.split(",")) {
                if (!label.isBlank()) {
                    out.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>()).add(label.trim());
                }
            }
        }
        return out;
    }

    private record Token(String name, boolean call) {}

    private static List<Token> identifiers(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        s = LABEL_LIST.matcher(s).replaceAll(" ");
        s = BRACES.matcher(s).replaceAll("{}");
        s = BRACKETS.matcher(s).replaceAll("[]");
        List<Token> tokens = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            tokens.add(new Token(m.group(), next < s.length() && s.charAt(next) == '('));
        }
        return tokens;
    }
}
