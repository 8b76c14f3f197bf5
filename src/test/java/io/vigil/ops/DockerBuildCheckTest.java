package io.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/docker-build-check.sh must run what deploy/Dockerfile runs, so CI checks the image's build without Docker. */
class DockerBuildCheckTest {
    private static final String SCRIPT = "deploy/docker-build-check.sh";
    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D([\\w.]+)=");

    private final Dockerfile dockerfile = Dockerfile.parse(OpsFiles.text("deploy/Dockerfile"));
    private final List<String> scriptLines = OpsFiles.text(SCRIPT).lines().map(String::strip).toList();

    @Test
    void buildsWithMavenOnJdk17ThenRunsOnAJre17() {
        assertEquals(2, dockerfile.stages().size(), "a build stage and a runtime stage");
        String build = dockerfile.stage(0).image();
        String runtime = dockerfile.stage(1).image();
        assertTrue(build.startsWith("maven:") && build.contains("17"), "build image " + build);
        assertTrue(runtime.contains("17") && runtime.contains("jre"), "runtime image " + runtime);
        assertTrue(dockerfile.stage(0).arguments("RUN").stream().anyMatch(r -> r.endsWith("mvn -B -DskipTests package")),
                "the build stage packages with mvn -B -DskipTests package");
    }

    @Test
    void scriptRunsTheBuildStageCommandsInOrder() {
        List<String> commands = dockerfile.stage(0).arguments("RUN").stream().map(DockerBuildCheckTest::withoutRunOptions).toList();
        int from = 0;
        for (String command : commands) {
            int at = indexOf(scriptLines, command, from);
            assertTrue(at >= 0, SCRIPT + " does not run the Dockerfile's \"" + command + "\" (after line " + from + ")");
            from = at + 1;
        }
    }

    @Test
    void scriptCopiesWhatTheDockerfileCopies() {
        List<String> problems = new ArrayList<>();
        for (String copy : dockerfile.stage(0).arguments("COPY")) {
            String source = copy.split(" ")[0];
            if (scriptLines.stream().noneMatch(l -> l.startsWith("cp ") && l.contains("\"$ROOT/" + source + "\""))) {
                problems.add("build stage COPY " + copy);
            }
        }
        for (String copy : dockerfile.stage(1).arguments("COPY")) {
            String[] parts = copy.split(" ");
            boolean fromBuild = parts[0].startsWith("--from=");
            String source = fromBuild ? parts[1] : parts[0];
            String destination = parts[parts.length - 1];
            String expectedSource = fromBuild ? "\"$WORK" + source + "\"" : "\"$ROOT/" + source + "\"";
            String expectedDestination = "\"$RUNTIME" + destination + "\"";
            if (scriptLines.stream().noneMatch(l -> l.startsWith("cp ") && l.contains(expectedSource) && l.contains(expectedDestination))) {
                problems.add("runtime stage COPY " + copy + " (expected cp " + expectedSource + " " + expectedDestination + ")");
            }
        }
        assertEquals(List.of(), problems, SCRIPT + " does not copy");
    }

    @Test
    void entrypointUsesTheLaunchersJavaFlagsAndTheScriptRunsTheJarWithThem() throws Exception {
        List<String> entrypoint = Arrays.asList(new ObjectMapper().readValue(single("ENTRYPOINT"), String[].class));
        assertEquals("java", entrypoint.get(0));
        assertEquals(List.of("-jar", "/opt/vigil/vigil.jar"), entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
        Set<String> imageFlags = properties(String.join(" ", entrypoint));
        String launcher = OpsFiles.text("bin/vigil");
        int exec = launcher.indexOf("exec \"$JAVA\"");
        assertTrue(exec >= 0, "bin/vigil runs exec \"$JAVA\" ...");
        assertEquals(properties(launcher.substring(exec)), imageFlags, "system properties of bin/vigil's java and the ENTRYPOINT");

        String scriptJava = OpsFiles.text(SCRIPT).replace("\\\n", " ");
        String javaLine = scriptJava.lines().filter(l -> l.contains(" java ") && l.contains("-jar")).findFirst()
                .orElseThrow(() -> new AssertionError(SCRIPT + " never runs the jar"));
        assertEquals(imageFlags, properties(javaLine), "system properties of the ENTRYPOINT and the script's java run");
        assertTrue(javaLine.contains("\"$RUNTIME/opt/vigil/vigil.jar\""), "the script runs the jar from its runtime place");
    }

    @Test
    void runtimeIsNonRootWithTheConfigThePortAndAHealthcheck() throws Exception {
        String user = single("USER");
        assertTrue(user.matches("[1-9]\\d*(:[1-9]\\d*)?"), "USER " + user + " is a numeric non-root user (Kubernetes' runAsNonRoot checks it)");
        assertEquals("9400", single("EXPOSE"));
        assertTrue(single("HEALTHCHECK").contains("http://127.0.0.1:9400/health/live"), "HEALTHCHECK " + single("HEALTHCHECK"));
        List<String> cmd = Arrays.asList(new ObjectMapper().readValue(single("CMD"), String[].class));
        assertEquals(List.of("run", "--config", "/etc/vigil/vigil.properties"), cmd);
        assertTrue(dockerfile.stage(1).arguments("COPY").contains("deploy/vigil.properties /etc/vigil/vigil.properties"),
                "the image carries the default config where CMD reads it");
        assertTrue(Files.isExecutable(OpsFiles.path(SCRIPT)), SCRIPT + " is executable");
    }

    private String single(String keyword) {
        List<String> values = dockerfile.stage(1).arguments(keyword);
        assertEquals(1, values.size(), "runtime stage " + keyword + " instructions");
        return values.get(0);
    }

    /** RUN --mount=... --network=... command → command. */
    private static String withoutRunOptions(String run) {
        return run.replaceAll("^(--\\S+\\s+)+", "");
    }

    private static int indexOf(List<String> lines, String command, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).equals(command)) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> properties(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = SYSTEM_PROPERTY.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
