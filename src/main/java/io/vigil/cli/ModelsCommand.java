package io.vigil.cli;

import io.vigil.registry.ModelDirectory;
import io.vigil.registry.ModelException;
import io.vigil.registry.ModelMetadata;
import io.vigil.registry.ModelMetadataMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code vigil models list DIR}: the versions under a model name directory with their key figures. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Inspect model directories.",
        subcommands = {ModelsCommand.ListVersions.class})
final class ModelsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the versions under a model name directory (or the names under a models/ directory).")
    static final class ListVersions implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "e.g. models/demo, or models/ for every model")
        Path dir;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isDirectory(dir)) {
                throw new ModelException(dir + " is not a directory");
            }
            List<Path> names = ModelDirectory.versions(dir).isEmpty()
                    ? Files.list(dir).filter(Files::isDirectory).sorted().toList() : List.of(dir);
            out.printf("%-16s %-18s %-8s %6s %9s %9s %9s  %-14s %s%n", "NAME", "VERSION", "WINDOW", "EPOCH", "VAL_LOSS",
                    "ERR_P50", "ERR_P99", "TIME", "FEATURES");
            int shown = 0;
            for (Path name : names) {
                for (Path v : ModelDirectory.versions(name)) {
                    shown++;
                    try {
                        ModelMetadata m = ModelMetadataMapper.read(v);
                        ModelMetadata.Training t = m.training();
                        Double best = t.history().isEmpty() ? null : t.history().get(t.bestEpoch() - 1).valLoss();
                        out.printf(Locale.ROOT, "%-16s %-18s %-8d %6d %9s %9.4g %9.4g  %-14s %s%n", m.name(), m.version(),
                                m.window(), t.bestEpoch(), best == null ? "-" : String.format(Locale.ROOT, "%.4g", best),
                                m.validationErrors().quantiles().get("p50"), m.validationErrors().quantiles().get("p99"),
                                m.timeEncoding(), String.join(",", m.features()));
                    } catch (ModelException e) {
                        out.printf("%-16s %-18s unreadable: %s%n", name.getFileName(), v.getFileName(), e.getMessage());
                    }
                }
            }
            if (shown == 0) {
                out.println("(no model versions under " + dir + ")");
            }
            return 0;
        }
    }
}
