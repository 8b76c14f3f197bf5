package io.vigil.cli;

import io.vigil.app.DetectorApp;
import io.vigil.broker.KafkaAccess;
import io.vigil.config.VigilConfig;
import io.vigil.metrics.MetricsServer;
import io.vigil.metrics.VigilMetrics;
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
        // The endpoint comes up before the streams, so liveness answers while state is being restored.
        try (VigilMetrics metrics = new VigilMetrics();
             MetricsServer server = MetricsServer.start(cfg.metricsBind(), cfg.metricsPort(), metrics)) {
            LOG.info("metrics at {} (health: /health/live, /health/ready)", server.url());
            DetectorApp app = DetectorApp.start(cfg, metrics.streamListener(), metrics.modelListener());
            metrics.track(app);
            Thread hook = new Thread(() -> {
                LOG.info("stopping: closing the streams, then the model, then the metrics endpoint");
                app.close();
                server.close();
                metrics.close();
            }, "vigil-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            app.awaitStopped();
            if (app.fatalError() != null) {
                // Credentials the broker refused surface here when Vigil creates no topics itself (topic.create=false).
                KafkaAccess.throwIfRefused(app.fatalError(), cfg.kafkaProperties().get("bootstrap.servers"));
                return Main.EXIT_FAILURE;
            }
            return 0;
        }
    }
}
