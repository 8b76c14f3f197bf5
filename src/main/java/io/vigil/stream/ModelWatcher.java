package io.vigil.stream;

import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelDirectory;
import io.vigil.registry.ModelMetadataMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the model directory and swaps in a new version when one appears (or the pin changes what
 * resolves). A version is loaded and checked — checksums, signature, a finite warm-up, same features and
 * window — before it replaces the running one; a bad version is logged once and the old model keeps
 * scoring. Outcomes go to a {@link Listener} (metrics).
 */
public final class ModelWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

    /** Reload outcomes, for metrics. */
    public interface Listener {
        /** Ignores reload outcomes. */
        Listener NONE = new Listener() {
            @Override
            public void reloaded(String version) {
            }

            @Override
            public void rejected(String version, String reason) {
            }
        };

        void reloaded(String version);

        void rejected(String version, String reason);
    }

    private final Path dir;
    private final String pin;
    private final ModelHolder holder;
    private final Listener listener;
    private final Set<String> rejected = new HashSet<>();
    private final ScheduledExecutorService executor;
    private Path current;

    public ModelWatcher(Path dir, String pin, Path current, ModelHolder holder, Listener listener) {
        this.dir = dir;
        this.pin = pin;
        this.current = current;
        this.holder = holder;
        this.listener = listener;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-model-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    public void start(Duration interval) {
        if (!interval.isZero()) {
            executor.scheduleWithFixedDelay(this::checkSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One poll: loads and swaps in the version the directory now resolves to, if it changed. */
    public void check() {
        Path candidate;
        try {
            candidate = ModelDirectory.resolve(dir, pin);
        } catch (RuntimeException e) {
            return; // the directory is being changed; try again next poll
        }
        if (candidate.equals(current)) {
            return;
        }
        String id = candidate.getFileName() + "@" + stamp(candidate);
        if (rejected.contains(id)) {
            return;
        }
        try {
            LoadedModel next = LoadedModel.load(candidate, null);
            holder.swap(next);
            current = candidate;
            LOG.info("model {} {} loaded and swapped in", next.metadata().name(), next.metadata().version());
            listener.reloaded(candidate.getFileName().toString());
        } catch (RuntimeException e) {
            rejected.add(id);
            LOG.error("model version {} rejected, the previous model keeps scoring: {}", candidate, e.getMessage());
            listener.rejected(candidate.getFileName().toString(), e.getMessage());
        }
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.error("model directory check failed: {}", e.toString());
        }
    }

    private static long stamp(Path version) {
        try {
            return Files.getLastModifiedTime(version.resolve(ModelMetadataMapper.FILE_NAME)).toMillis();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
