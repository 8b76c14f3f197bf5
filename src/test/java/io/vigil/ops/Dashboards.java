package io.vigil.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Walks a Grafana dashboard's panels, including those nested in collapsed rows. */
final class Dashboards {
    private Dashboards() {}

    /** Every panel, rows included, in dashboard order. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            out.add(panel);
            panel.path("panels").forEach(out::add);
        }
        return out;
    }

    /** Panels that show data (every panel but rows). */
    static List<JsonNode> dataPanels(JsonNode dashboard) {
        return panels(dashboard).stream().filter(p -> !"row".equals(p.path("type").asText())).toList();
    }

    /** A template variable by name, or a missing node. */
    static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        return dashboard.path("templating").path("no such variable " + name);
    }
}
