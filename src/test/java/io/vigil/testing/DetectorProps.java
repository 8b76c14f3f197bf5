package io.vigil.testing;

import java.nio.file.Path;
import java.util.Properties;

/** The config every in-process detector test starts from: the embedded broker, the hosts model, a fast commit. */
public final class DetectorProps {
    private DetectorProps() {
    }

    /**
     * {@code kafka.bootstrap.servers}, {@code model.dir} ({@link TestModels#hostsModel()}), {@code state.dir} under {@code dir},
     * {@code application.id} and a 200 ms commit interval, so that scores and state appear within a test's patience.
     */
    public static Properties of(EmbeddedKafka kafka, Path dir, String applicationId) {
        Properties props = new Properties();
        props.setProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.setProperty("model.dir", TestModels.hostsModel().toString());
        props.setProperty("state.dir", dir.resolve("state").toString());
        props.setProperty("application.id", applicationId);
        props.setProperty("kafka.commit.interval.ms", "200");
        return props;
    }
}
