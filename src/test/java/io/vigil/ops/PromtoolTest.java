package io.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prometheus' own checks of the config, the rules and the rules' unit tests; skipped without promtool (.ci/run installs it). */
class PromtoolTest {
    private static final long TIMEOUT_SECONDS = 60;

    @BeforeAll
    static void needsPromtool() {
        assumeTrue(promtool() != null, "promtool is not on the PATH (apt-get install prometheus)");
    }

    @Test
    void configIsValid() throws Exception {
        run("check", "config", "deploy/prometheus/prometheus.yml");
    }

    @Test
    void rulesAreValid() throws Exception {
        run("check", "rules", Expressions.ALERT_RULES);
    }

    @Test
    void rulesPassTheirUnitTests() throws Exception {
        run("test", "rules", "deploy/prometheus/alerts.test.yml");
    }

    @Test
    void everyDashboardExpressionIsValidPromQl(@TempDir Path dir) throws Exception {
        // promtool has no query linter offline: wrap each expression in a recording rule and check those.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (var e : Expressions.dashboard()) {
            rules.append("      - record: dashboard:check\n        expr: '")
                    .append(e.forPrometheus().replace("'", "''")).append("'\n");
        }
        Path file = dir.resolve("dashboard-rules.yml");
        Files.writeString(file, rules, StandardCharsets.UTF_8);
        run("check", "rules", file.toString());
    }

    private static void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtool().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(OpsFiles.root().toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        assertEquals(0, done ? process.exitValue() : -1, String.join(" ", command) + " failed:\n" + output);
    }

    private static Path promtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
