package io.vigil.train.report;

import io.vigil.train.report.ReportData.Epoch;
import java.util.List;
import java.util.Map;

/** The report's {@code index.html}: self-contained (inline CSS, no scripts), every text escaped. */
final class IndexPage {
    private static final String CSS = """
            body { font-family: sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; }
            table { border-collapse: collapse; margin: 0.5em 0; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.75em; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.best { background: #fff3c4; font-weight: bold; }
            figure { margin: 1.5em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
            figcaption { color: #555; font-size: 0.95em; margin-top: 0.3em; }
            """;

    /** An image in the report and its caption. */
    record Figure(String file, String caption) {
    }

    private IndexPage() {
    }

    static String render(ReportData data, List<Figure> figures) {
        StringBuilder html = new StringBuilder();
        String title = "Vigil training report: " + data.modelName() + " " + data.version();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        summary(html, data);
        html.append("<h2>Plots</h2>\n");
        for (Figure figure : figures) {
            html.append("<figure><img src=\"").append(escape(figure.file())).append("\" alt=\"")
                    .append(escape(figure.caption())).append("\"><figcaption>")
                    .append(escape(figure.caption())).append("</figcaption></figure>\n");
        }
        if (data.examples().isEmpty()) {
            html.append("<p>No example windows were recorded.</p>\n");
        }
        history(html, data);
        return html.append("</body>\n</html>\n").toString();
    }

    private static void summary(StringBuilder html, ReportData data) {
        html.append("<h2>Summary</h2>\n<table>\n");
        row(html, "model", data.modelName());
        row(html, "version", data.version());
        row(html, "features", String.join(", ", data.featureNames()));
        row(html, "best epoch", String.valueOf(data.bestEpoch()));
        row(html, "default threshold", Charts.percentile(data.thresholdQuantile()) + " of "
                + data.errorSplit().label() + " window errors = " + Charts.format(data.thresholdError()));
        for (Map.Entry<String, String> entry : data.summary().entrySet()) {
            row(html, entry.getKey(), entry.getValue());
        }
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String key, String value) {
        html.append("<tr><th>").append(escape(key)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    private static void history(StringBuilder html, ReportData data) {
        html.append("<h2>Training history</h2>\n<table>\n")
                .append("<tr><th>epoch</th><th>loss</th><th>val_loss</th><th>seconds</th><th></th></tr>\n");
        for (Epoch e : data.history()) {
            boolean best = e.epoch() == data.bestEpoch();
            html.append(best ? "<tr class=\"best\">" : "<tr>")
                    .append("<td class=\"num\">").append(e.epoch()).append("</td>")
                    .append("<td class=\"num\">").append(escape(Charts.format(e.loss()))).append("</td>")
                    .append("<td class=\"num\">").append(escape(Charts.format(e.valLoss()))).append("</td>")
                    .append("<td class=\"num\">").append(escape(Charts.format(e.seconds()))).append("</td>")
                    .append("<td>").append(best ? "best" : "").append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** Escapes text for HTML element content and double- or single-quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
