package io.vigil.cli;

import io.vigil.app.DetectorApp;
import io.vigil.config.VigilConfig;
import io.vigil.stream.ModelWatcher;
import io.vigil.stream.StreamListener;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil run}: the streaming detector until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the streaming detector: telemetry topic in, scores, alerts and dead letters out.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "properties file (see deploy/vigil.properties)")
    Path config;

    @Override
    public Integer call() throws Exception {
        VigilConfig cfg = VigilConfig.load(config, System.getenv());
        cfg.warnings().forEach(w -> LOG.warn("config: {}", w));
        LOG.info("configuration:\n{}", cfg.describe());
        DetectorApp app = DetectorApp.start(cfg, StreamListener.NONE, new ModelWatcher.Listener() {
            @Override
            public void reloaded(String version) {
            }

            @Override
            public void rejected(String version, String reason) {
            }
        });
        Thread hook = new Thread(() -> {
            LOG.info("stopping: closing the streams, then the model");
            app.close();
        }, "vigil-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        app.awaitStopped();
        if (app.fatalError() != null) {
            return Main.EXIT_FAILURE;
        }
        return 0;
    }
}
