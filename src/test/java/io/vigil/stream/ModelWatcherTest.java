package io.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.detect.DetectorConfig;
import io.vigil.registry.LoadedModel;
import io.vigil.registry.ModelDirectory;
import io.vigil.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWatcherTest {
    final List<String> events = new ArrayList<>();
    final ModelWatcher.Listener listener = new ModelWatcher.Listener() {
        @Override
        public void reloaded(String version) {
            events.add("reloaded " + version);
        }

        @Override
        public void rejected(String version, String reason) {
            events.add("rejected " + version + ": " + reason);
        }
    };

    @Test
    void newVersionIsSwappedInAndABrokenOneRejectedWhileTheOldKeepsScoring(@TempDir Path models) throws Exception {
        Path name = models.resolve("hosts");
        Path v1 = TestModels.train(name, 1);
        Thread.sleep(1100); // versions are named by the second
        try (ModelHolder holder = new ModelHolder(LoadedModel.load(v1, null), m -> DetectorConfig.defaults());
             ModelWatcher watcher = new ModelWatcher(name, null, v1, holder, listener)) {
            watcher.check();
            assertTrue(events.isEmpty(), "nothing new: " + events);

            Path v2 = TestModels.train(name, 2);
            watcher.check();
            assertEquals(List.of("reloaded " + v2.getFileName()), events);
            assertEquals(v2.getFileName().toString(), holder.metadata().version());

            Thread.sleep(1100);
            Path v3 = TestModels.train(name, 3);
            Files.write(v3.resolve("variables/variables.index"), new byte[] {42}, StandardOpenOption.APPEND);
            watcher.check();
            watcher.check();
            assertEquals(2, events.size(), "rejected once, not on every poll: " + events);
            assertTrue(events.get(1).startsWith("rejected " + v3.getFileName()) && events.get(1).contains("checksum"), events.get(1));
            assertEquals(v2.getFileName().toString(), holder.metadata().version(), "the previous model keeps scoring");
            float[] window = new float[TestModels.WINDOW * 2];
            assertEquals(1, holder.withModel(a -> a.model().scorer().score(window, 1)).count());
            assertEquals(v3, ModelDirectory.resolve(name, null));
        }
    }
}
