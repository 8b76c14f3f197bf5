package io.vigil.config;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Collects the {@code kafka.*} keys into the map handed to Kafka, prefix stripped, and checks the
 * few Vigil depends on: the bootstrap servers, the processing guarantee, and the two Streams
 * settings Vigil owns through its own keys ({@code application.id}, {@code state.dir}).
 */
final class KafkaSettings {
    private static final Pattern HOST_PORT = Pattern.compile("\\S+:\\d{1,5}");
    private static final Map<String, String> OWNED_BY_VIGIL = Map.of(
            ConfigKeys.KAFKA_PREFIX + StreamsConfig.APPLICATION_ID_CONFIG, ConfigKeys.APPLICATION_ID,
            ConfigKeys.KAFKA_PREFIX + StreamsConfig.STATE_DIR_CONFIG, ConfigKeys.STATE_DIR);

    private KafkaSettings() {
    }

    /** The Kafka properties, prefix stripped and sorted; problems go to {@code reader}. */
    static SortedMap<String, String> read(SortedMap<String, Setting> settings, SettingsReader reader) {
        SortedMap<String, String> kafka = new TreeMap<>();
        settings.forEach((key, setting) -> {
            if (ConfigKeys.isKafka(key)) {
                kafka.put(key.substring(ConfigKeys.KAFKA_PREFIX.length()), setting.value());
            }
            if (OWNED_BY_VIGIL.containsKey(key)) {
                reader.reject(key, "no value: Vigil sets it from " + OWNED_BY_VIGIL.get(key) + "; set that instead");
            }
        });
        String servers = reader.required(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, "host:port[,host:port...]");
        if (!servers.isEmpty()) {
            for (String server : servers.split(",")) {
                if (!HOST_PORT.matcher(server.trim()).matches()) {
                    reader.reject(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, "host:port[,host:port...]");
                    break;
                }
            }
        }
        String guarantee = reader.text(ConfigKeys.KAFKA_PROCESSING_GUARANTEE);
        if (!guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2) && !guarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
            reader.reject(ConfigKeys.KAFKA_PROCESSING_GUARANTEE,
                    StreamsConfig.EXACTLY_ONCE_V2 + " or " + StreamsConfig.AT_LEAST_ONCE);
        }
        return kafka;
    }
}
