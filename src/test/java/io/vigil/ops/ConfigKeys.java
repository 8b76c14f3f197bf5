package io.vigil.ops;

import java.util.Locale;
import java.util.Set;

/** Vigil's configuration keys, as deploy/vigil.properties lists them, and their VIGIL_* variables. */
final class ConfigKeys {
    static final Set<String> KEYS = OpsFiles.properties("deploy/vigil.properties").keySet();

    private ConfigKeys() {}

    /** Whether a key is Vigil's own or passes to the Kafka clients (kafka.*). */
    static boolean isKnown(String key) {
        return KEYS.contains(key) || key.startsWith("kafka.");
    }

    /** Whether an environment variable overrides some known key (VIGIL_ + upper case, . and - as _). */
    static boolean isKnownVariable(String variable) {
        return variable.startsWith("VIGIL_") && (variable.startsWith("VIGIL_KAFKA_")
                || KEYS.stream().anyMatch(k -> variable.equals("VIGIL_" + k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'))));
    }
}
