package io.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComposeTest {
    @Test
    void runsKafkaVigilPrometheusAndGrafana() {
        assertTrue(Compose.services().keySet().containsAll(Set.of("kafka", "vigil", "prometheus", "grafana")),
                "services " + Compose.services().keySet());
        String kafka = String.valueOf(Compose.service("kafka").get("image"));
        assertTrue(kafka.startsWith("apache/kafka:4."), "kafka image " + kafka);
        Map<String, Object> env = Yamls.mapAt(Compose.service("kafka"), "kafka", "environment");
        assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"), "a single KRaft node");
    }

    @Test
    void vigilIsBuiltFromTheDockerfileAndConfiguredThroughKnownVariables() {
        Map<String, Object> vigil = Compose.service("vigil");
        String context = Yamls.stringAt(vigil, "vigil", "build", "context");
        String dockerfile = Yamls.stringAt(vigil, "vigil", "build", "dockerfile");
        assertTrue(Files.isRegularFile(OpsFiles.path("deploy").resolve(context).resolve(dockerfile).normalize()),
                "build context " + context + " + " + dockerfile);
        Map<String, Object> env = Yamls.mapAt(vigil, "vigil", "environment");
        assertEquals("kafka:9092", env.get("VIGIL_KAFKA_BOOTSTRAP_SERVERS"));
        env.keySet().forEach(v -> assertTrue(ConfigKeys.isKnownVariable(v), v + " overrides no configuration key"));
        assertTrue(Compose.volumes("vigil").contains("../models:/opt/vigil/models:ro"), "models mounted read-only");
        String modelDir = String.valueOf(env.get("VIGIL_MODEL_DIR"));
        String shipped = modelDir.replace("/opt/vigil/models/", "models/");
        assertTrue(Files.isDirectory(OpsFiles.path(shipped)), "VIGIL_MODEL_DIR " + modelDir + " is a shipped model");
    }

    @Test
    void everyBindMountExists() {
        List<String> missing = new ArrayList<>();
        for (String service : Compose.services().keySet()) {
            Object volumes = Compose.service(service).get("volumes");
            if (volumes == null) {
                continue;
            }
            for (Object volume : Yamls.list(volumes, service)) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".") && !Files.exists(OpsFiles.path("deploy").resolve(source).normalize())) {
                    missing.add(service + ": " + volume);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void prometheusGetsItsRulesBesideItsConfig() {
        List<String> volumes = Compose.volumes("prometheus");
        assertTrue(volumes.contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro"));
        for (Object ruleFile : Yamls.listAt(OpsFiles.yamlMap("deploy/prometheus/prometheus.yml"), "prometheus.yml", "rule_files")) {
            assertTrue(volumes.contains("./prometheus/" + ruleFile + ":/etc/prometheus/" + ruleFile + ":ro"),
                    "rule file " + ruleFile + " is mounted beside the config");
        }
    }
}
