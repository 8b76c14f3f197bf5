package io.vigil.config;

import io.vigil.telemetry.InputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Layers the sources one way — defaults, then the properties file, then {@code VIGIL_*}
 * environment variables — into one sorted map of settings that remember their origin. Unknown keys
 * and variables are not errors (a newer file may meet an older detector) but become warnings.
 */
final class ConfigSources {
    /** The source name of properties given in memory rather than read from a file. */
    static final String UNNAMED_SOURCE = "properties";
    /** Variables the {@code bin/vigil} launcher reads itself; they are not config keys. */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("VIGIL_JAVA_OPTS", "VIGIL_JAVACPP_CACHE", "VIGIL_DEBUG");

    private static final String KAFKA_ENV_PREFIX = ConfigKeys.envName(ConfigKeys.KAFKA_PREFIX);
    private static final Map<String, String> KEY_BY_ENV = keysByEnvName();

    record Merged(SortedMap<String, Setting> settings, List<String> warnings) {
    }

    private ConfigSources() {
    }

    /** Reads a UTF-8 properties file, or explains why it cannot. */
    static Properties readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("config file " + file + (Files.exists(file) ? " is not a file" : " does not exist")
                    + "; deploy/vigil.properties is an example to copy");
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException("cannot read config file " + file + " as UTF-8 properties: " + e, e);
        }
        return props;
    }

    static Merged merge(Properties file, String fileName, Map<String, String> env) {
        SortedMap<String, Setting> settings = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        ConfigKeys.documentedDefaults().forEach((key, value) -> {
            if (value != null) {
                settings.put(key, Setting.ofDefault(ConfigKeys.resolvedDefault(key)));
            }
        });
        for (String name : new TreeSet<>(file.stringPropertyNames())) {
            String key = name.trim();
            if (ConfigKeys.isKnown(key) || ConfigKeys.isKafka(key)) {
                settings.put(key, Setting.fromFile(file.getProperty(name).trim(), fileName));
            } else {
                warnings.add(fileName + ": " + Suggestions.unknownKey(key));
            }
        }
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String variable = e.getKey();
            if (!variable.startsWith(ConfigKeys.ENV_PREFIX) || LAUNCHER_VARIABLES.contains(variable)) {
                continue;
            }
            Optional<String> key = keyForEnv(variable);
            if (key.isPresent()) {
                settings.put(key.get(), Setting.fromEnv(e.getValue().trim(), variable));
            } else {
                warnings.add(unknownVariable(variable));
            }
        }
        return new Merged(settings, warnings);
    }

    /**
     * The key a variable overrides. {@code _} stands for both {@code .} and {@code -}, so own keys
     * are found by matching their variable names; Kafka's keys are all dotted lower case.
     */
    static Optional<String> keyForEnv(String variable) {
        String key = KEY_BY_ENV.get(variable);
        if (key != null) {
            return Optional.of(key);
        }
        if (variable.startsWith(KAFKA_ENV_PREFIX) && variable.length() > KAFKA_ENV_PREFIX.length()) {
            String rest = variable.substring(KAFKA_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            return Optional.of(ConfigKeys.KAFKA_PREFIX + rest);
        }
        return Optional.empty();
    }

    private static String unknownVariable(String variable) {
        String message = "environment variable " + variable + " matches no config key, ignored";
        return Suggestions.closest(variable, KEY_BY_ENV.keySet())
                .map(near -> message + " — did you mean " + near + "?")
                .orElse(message);
    }

    private static Map<String, String> keysByEnvName() {
        Map<String, String> byEnv = new HashMap<>();
        for (String key : ConfigKeys.documentedDefaults().keySet()) {
            byEnv.put(ConfigKeys.envName(key), key);
        }
        return Map.copyOf(byEnv);
    }
}
