package io.vigil.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scrape in the Prometheus text format, as samples keyed by name and sorted labels
 * ({@code vigil_alerts_total{status="opened"}}), for assertions.
 */
public final class PrometheusText {
    private final Map<String, Double> samples = new LinkedHashMap<>();
    private final String text;

    public PrometheusText(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(normalise(line.substring(0, space)), Double.parseDouble(line.substring(space + 1)));
        }
    }

    /** Orders labels by name, so keys do not depend on the registry's label order. */
    private static String normalise(String series) {
        int brace = series.indexOf('{');
        if (brace < 0) {
            return series;
        }
        Map<String, String> labels = new TreeMap<>();
        for (String pair : series.substring(brace + 1, series.length() - 1).split(",(?=[a-zA-Z_]+=\")")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                labels.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        StringBuilder sb = new StringBuilder(series.substring(0, brace)).append('{');
        labels.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",").append(k).append('=').append(v));
        return sb.append('}').toString();
    }

    /** The value of one series, such as {@code vigil_alerts_total{status="opened"}}; fails when absent. */
    public double value(String series) {
        Double v = samples.get(normalise(series));
        if (v == null) {
            throw new AssertionError("no series " + series + " in the scrape:\n" + text);
        }
        return v;
    }

    /** Whether any series of this metric family name (exact, or with a suffix such as _bucket) exists. */
    public boolean has(String name) {
        return samples.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{"));
    }

    /** Series whose name starts with {@code prefix}. */
    public Map<String, Double> startingWith(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        samples.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    public Map<String, Double> samples() {
        return samples;
    }

    public String text() {
        return text;
    }
}
