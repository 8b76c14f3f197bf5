package io.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class K8sManifestsTest {
    private static final String DIR = "deploy/k8s/";
    private final Map<String, Map<String, Object>> byKindAndName = load();

    private final Map<String, Object> deployment = resource("Deployment", "vigil");
    private final Map<String, Object> pod = Yamls.mapAt(deployment, "Deployment", "spec", "template");
    private final Map<String, Object> container = Yamls.map(Yamls.listAt(pod, "pod", "spec", "containers").get(0), "container");

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Set<String> listed = new TreeSet<>();
        Yamls.listAt(OpsFiles.yamlMap(DIR + "kustomization.yaml"), "kustomization", "resources").forEach(r -> listed.add(r.toString()));
        Set<String> files = new TreeSet<>();
        try (var list = Files.list(OpsFiles.path(DIR))) {
            list.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).forEach(files::add);
        }
        assertEquals(files, listed);
    }

    @Test
    void probesUseTheHealthEndpointsOnTheMetricsPort() {
        assertEquals(List.of(Map.of("name", "metrics", "containerPort", 9400, "protocol", "TCP")), container.get("ports"));
        assertEquals("/health/live", Yamls.stringAt(container, "container", "livenessProbe", "httpGet", "path"));
        assertEquals("/health/ready", Yamls.stringAt(container, "container", "readinessProbe", "httpGet", "path"));
        assertEquals("/health/live", Yamls.stringAt(container, "container", "startupProbe", "httpGet", "path"));
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertEquals("metrics", Yamls.stringAt(container, "container", probe, "httpGet", "port"), probe + " port");
        }
    }

    @Test
    void runsAsNonRootWithResourcesAndALockedDownContainer() {
        Map<String, Object> podSecurity = Yamls.mapAt(pod, "pod", "spec", "securityContext");
        assertEquals(true, podSecurity.get("runAsNonRoot"));
        assertTrue(((Number) podSecurity.get("runAsUser")).intValue() > 0);
        assertEquals(false, Yamls.at(container, "container", "securityContext", "allowPrivilegeEscalation"));
        assertEquals(true, Yamls.at(container, "container", "securityContext", "readOnlyRootFilesystem"));
        for (String kind : List.of("requests", "limits")) {
            assertNotNull(Yamls.at(container, "container", "resources", kind, "memory"), kind + " memory");
        }
    }

    @Test
    void configComesFromTheConfigMapsAndEveryKeyIsKnown() throws IOException {
        assertEquals(List.of("run", "--config", "/etc/vigil/vigil.properties"), container.get("args"));
        Map<String, String> mounts = mounts();
        String configVolume = volumeNamed("config");
        assertEquals("/etc/vigil", mounts.get("config"));
        Map<String, Object> configMap = resource("ConfigMap", configVolume);
        Properties properties = new Properties();
        properties.load(new StringReader(Yamls.stringAt(configMap, "ConfigMap", "data", "vigil.properties")));
        List<String> unknown = properties.stringPropertyNames().stream().filter(k -> !ConfigKeys.isKnown(k)).sorted().toList();
        assertEquals(List.of(), unknown, "keys in the ConfigMap's vigil.properties that Vigil does not know");
        assertTrue(properties.getProperty("model.dir").startsWith(mounts.get("models") + "/"), "model.dir is under the models mount");

        String envMap = Yamls.stringAt(container, "container", "envFrom", 0, "configMapRef", "name");
        Yamls.mapAt(resource("ConfigMap", envMap), "ConfigMap " + envMap, "data").keySet().stream()
                .filter(v -> v.startsWith("VIGIL_"))
                .forEach(v -> assertTrue(ConfigKeys.isKnownVariable(v), v + " overrides no configuration key"));
    }

    @Test
    void modelsAreMountedReadOnlyAndEveryMountHasAVolume() {
        Map<String, String> mounts = mounts();
        Set<String> volumes = new TreeSet<>();
        Yamls.listAt(pod, "pod", "spec", "volumes").forEach(v -> volumes.add(Yamls.stringAt(v, "volume", "name")));
        assertEquals(volumes, mounts.keySet(), "volumes and mounts");
        boolean readOnly = Yamls.listAt(container, "container", "volumeMounts").stream()
                .map(m -> Yamls.map(m, "mount")).anyMatch(m -> "models".equals(m.get("name")) && Boolean.TRUE.equals(m.get("readOnly")));
        assertTrue(readOnly, "models mounted read-only");
        assertEquals("/opt/vigil/models", mounts.get("models"));
        assertEquals("/tmp", mounts.get("tmp"), "a writable /tmp under readOnlyRootFilesystem");
    }

    @Test
    void serviceAndPodMonitorFindThePodsMetricsPortAsJobVigil() {
        Map<String, Object> labels = Yamls.mapAt(pod, "pod", "metadata", "labels");
        Map<String, Object> service = resource("Service", "vigil");
        assertTrue(labels.entrySet().containsAll(Yamls.mapAt(service, "Service", "spec", "selector").entrySet()), "Service selects the pods");
        assertEquals(Map.of("name", "metrics", "port", 9400, "targetPort", "metrics", "protocol", "TCP"),
                Yamls.at(service, "Service", "spec", "ports", 0));

        Map<String, Object> podMonitor = resource("PodMonitor", "vigil");
        assertTrue(labels.entrySet().containsAll(Yamls.mapAt(podMonitor, "PodMonitor", "spec", "selector", "matchLabels").entrySet()),
                "PodMonitor selects the pods");
        assertEquals("metrics", Yamls.stringAt(podMonitor, "PodMonitor", "spec", "podMetricsEndpoints", 0, "port"));
        assertEquals("/metrics", Yamls.stringAt(podMonitor, "PodMonitor", "spec", "podMetricsEndpoints", 0, "path"));
        String jobLabel = Yamls.stringAt(podMonitor, "PodMonitor", "spec", "jobLabel");
        assertEquals("vigil", labels.get(jobLabel), "the pod label " + jobLabel + " names the job the rules select");
    }

    private Map<String, String> mounts() {
        Map<String, String> mounts = new HashMap<>();
        Yamls.listAt(container, "container", "volumeMounts").forEach(m -> mounts.put(
                Yamls.stringAt(m, "mount", "name"), Yamls.stringAt(m, "mount", "mountPath")));
        return mounts;
    }

    private String volumeNamed(String name) {
        return Yamls.listAt(pod, "pod", "spec", "volumes").stream().map(v -> Yamls.map(v, "volume"))
                .filter(v -> name.equals(v.get("name"))).findFirst()
                .map(v -> Yamls.stringAt(v, "volume " + name, "configMap", "name"))
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private Map<String, Object> resource(String kind, String name) {
        Map<String, Object> r = byKindAndName.get(kind + "/" + name);
        assertNotNull(r, "no " + kind + " " + name + " in " + DIR + " (found " + byKindAndName.keySet() + ")");
        return r;
    }

    private static Map<String, Map<String, Object>> load() {
        Map<String, Map<String, Object>> out = new HashMap<>();
        List<String> files = new ArrayList<>(OpsFiles.filesUnder(List.of(DIR), ".yaml"));
        assertFalse(files.isEmpty());
        for (String file : files) {
            for (Object document : OpsFiles.yamlDocuments(file)) {
                Map<String, Object> r = Yamls.map(document, file);
                if (r.containsKey("kind") && r.containsKey("metadata")) {
                    out.put(r.get("kind") + "/" + Yamls.stringAt(r, file, "metadata", "name"), r);
                }
            }
        }
        return out;
    }
}
