package io.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DashboardTest {
    private static final String DATASOURCE_REF = "${datasource}";
    private final JsonNode dashboard = OpsFiles.json(Expressions.DASHBOARD);

    @Test
    void hasAPrometheusDatasourceVariableAndAnInstanceVariable() {
        JsonNode datasource = Dashboards.variable(dashboard, "datasource");
        assertEquals("datasource", datasource.path("type").asText(), "the datasource variable's type");
        assertEquals("prometheus", datasource.path("query").asText(), "the datasource variable's plugin");

        JsonNode instance = Dashboards.variable(dashboard, "instance");
        assertEquals("query", instance.path("type").asText(), "the instance variable's type");
        assertEquals(DATASOURCE_REF, instance.path("datasource").path("uid").asText(), "the instance variable's datasource");
        String query = instance.path("definition").asText();
        assertTrue(query.startsWith("label_values(") && query.contains("job=\"vigil\""), "instance variable query: " + query);
        assertTrue(instance.path("includeAll").asBoolean() && ".*".equals(instance.path("allValue").asText()),
                "the instance variable offers All as .*");
    }

    @Test
    void isAModernDashboardWithAStableUid() {
        int schema = dashboard.path("schemaVersion").asInt();
        assertTrue(schema >= 36 && schema <= 41, "schemaVersion " + schema);
        assertEquals("vigil-overview", dashboard.path("uid").asText());
        assertFalse(dashboard.path("title").asText().isBlank());
    }

    @Test
    void everyPanelHasTheDatasourceVariableAndADescription() {
        List<String> problems = new ArrayList<>();
        for (JsonNode panel : Dashboards.dataPanels(dashboard)) {
            String title = panel.path("title").asText("(untitled)");
            if (!DATASOURCE_REF.equals(panel.path("datasource").path("uid").asText())) {
                problems.add(title + ": panel datasource is not " + DATASOURCE_REF);
            }
            if (panel.path("description").asText("").isBlank()) {
                problems.add(title + ": no description");
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(title + ": no queries");
            }
            for (JsonNode target : panel.path("targets")) {
                if (!DATASOURCE_REF.equals(target.path("datasource").path("uid").asText())) {
                    problems.add(title + " " + target.path("refId").asText() + ": query datasource is not " + DATASOURCE_REF);
                }
                if (!target.path("expr").asText().contains("instance=~\"$instance\"")) {
                    problems.add(title + " " + target.path("refId").asText() + ": does not follow the instance variable");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void panelIdsAreUniqueAndPanelsDoNotOverlap() {
        Set<Integer> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : Dashboards.panels(dashboard)) {
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate panel id " + panel.path("id"));
            JsonNode g = panel.path("gridPos");
            int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
            assertTrue(box[0] + box[2] <= 24, panel.path("title").asText() + " is wider than the grid");
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                assertFalse(overlap, panel.path("title").asText() + " overlaps another panel");
            }
            boxes.add(box);
        }
    }

    @Test
    void scoreDistributionIsAHeatmapOfTheScoreHistogram() {
        JsonNode heatmap = Dashboards.dataPanels(dashboard).stream()
                .filter(p -> "heatmap".equals(p.path("type").asText())).findFirst().orElseThrow();
        JsonNode target = heatmap.path("targets").get(0);
        assertTrue(target.path("expr").asText().contains("vigil_score_bucket"), "heatmap query " + target.path("expr"));
        assertEquals("heatmap", target.path("format").asText(), "the heatmap query's format");
    }

    @Test
    void provisioningLoadsTheDashboardsFolderThatComposeMounts() {
        Map<String, Object> provider = Yamls.map(Yamls.listAt(
                OpsFiles.yamlMap("grafana/provisioning/dashboards/vigil.yml"), "dashboards/vigil.yml", "providers").get(0), "provider");
        String path = Yamls.stringAt(provider, "provider", "options", "path");
        assertTrue(Compose.volumes("grafana").contains("../grafana/dashboards:" + path + ":ro"),
                "docker-compose mounts grafana/dashboards at the provider's path " + path + ": " + Compose.volumes("grafana"));
        assertTrue(Compose.volumes("grafana").contains("../grafana/provisioning:/etc/grafana/provisioning:ro"));

        Map<String, Object> datasource = Yamls.map(Yamls.listAt(
                OpsFiles.yamlMap("grafana/provisioning/datasources/prometheus.yml"), "datasources", "datasources").get(0), "datasource");
        assertEquals("prometheus", datasource.get("type"));
        assertEquals("http://prometheus:9090", datasource.get("url"), "the compose service prometheus");
        assertTrue(Compose.services().containsKey("prometheus"));
    }
}
