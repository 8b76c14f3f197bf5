package io.vigil.config;

import io.vigil.telemetry.Durations;
import io.vigil.telemetry.InputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values out of the merged settings and collects every problem instead of stopping at
 * the first, so a user fixes a config in one pass. Each problem is one line naming the key, the
 * value, where it came from and what was expected:
 * {@code batch.max = "lots" (from vigil.properties): expected a whole number from 1 to 65536}.
 * A getter that finds a bad value records it and returns a harmless placeholder; the caller throws
 * once all keys are read.
 */
final class SettingsReader {
    static final String DURATION = "a duration such as 250ms, 30s, 5m, 1h, 2d or ISO-8601 PT5M";
    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(KiB|MiB|GiB)?");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern KAFKA_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final SortedMap<String, Setting> settings;
    private final List<String> errors = new ArrayList<>();

    SettingsReader(SortedMap<String, Setting> settings) {
        this.settings = settings;
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Throws every problem recorded so far, one per line; call once all keys are read. */
    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InputException(String.join("\n", errors));
        }
    }

    /** Records a problem with {@code key}'s value. */
    void reject(String key, String expected) {
        Setting s = settings.get(key);
        if (s == null) {
            errors.add(key + " is not set: expected " + expected + "; set it in the config file or with "
                    + ConfigKeys.envName(key));
        } else {
            errors.add(key + " = " + quoted(key, s.value()) + " (" + s.origin() + "): expected " + expected);
        }
    }

    /** Records a problem unless {@code ok}; returns {@code ok}. */
    boolean check(String key, boolean ok, String expected) {
        if (!ok) {
            reject(key, expected);
        }
        return ok;
    }

    /** Rejects a key whose (non-empty) value repeats an earlier key's, e.g. two roles on one topic. */
    void distinct(String... keys) {
        Map<String, String> keyByValue = new HashMap<>();
        for (String key : keys) {
            String v = text(key);
            String other = v.isEmpty() ? null : keyByValue.putIfAbsent(v, key);
            if (other != null) {
                reject(key, "a value different from " + other + "'s");
            }
        }
    }

    /** The text of a key, or "" when it has no value at all. */
    String text(String key) {
        Setting s = settings.get(key);
        return s == null ? "" : s.value();
    }

    /** The setting of a key, or null when it has none. */
    Setting setting(String key) {
        return settings.get(key);
    }

    String origin(String key) {
        Setting s = settings.get(key);
        return s == null ? "unset" : s.origin();
    }

    String required(String key, String expected) {
        String v = text(key);
        if (v.isEmpty()) {
            reject(key, expected);
        }
        return v;
    }

    /** Empty text means "not set", the documented meaning of an empty default. */
    Optional<String> optional(String key) {
        String v = text(key);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    int integer(String key, int min, int max) {
        String expected = max == Integer.MAX_VALUE ? "a whole number of at least " + min
                : "a whole number from " + min + " to " + max;
        try {
            int v = Integer.parseInt(text(key));
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below, with the expected range
        }
        reject(key, expected);
        return min;
    }

    /**
     * A size in bytes of at least {@code min}, or empty when unset: a whole number of bytes ({@code 268435456}) or of
     * KiB, MiB or GiB ({@code 256MiB}); binary units only, so that {@code MB} cannot silently mean 10^6 or 2^20.
     */
    OptionalLong optionalBytes(String key, long min, String expected) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        Matcher m = BYTES.matcher(v.get());
        if (m.matches()) {
            try {
                long unit = m.group(2) == null ? 1 : 1L << (10 * (1 + "KMG".indexOf(m.group(2).charAt(0))));
                long n = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
                if (n >= min) {
                    return OptionalLong.of(n);
                }
            } catch (ArithmeticException | NumberFormatException e) {
                // reported below, with the expected range
            }
        }
        reject(key, expected);
        return OptionalLong.empty();
    }

    boolean bool(String key) {
        String v = text(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            reject(key, "true or false");
        }
        return v.equals("true");
    }

    /** A number that {@code accepts}, described to the user as {@code expected}. */
    double decimal(String key, Predicate<Double> accepts, String expected) {
        Optional<Double> d = optionalDecimal(key, accepts, expected);
        if (d.isEmpty() && text(key).isEmpty()) {
            reject(key, expected);
        }
        return d.orElse(Double.NaN);
    }

    /** As {@link #decimal}, but empty text means "not set". */
    Optional<Double> optionalDecimal(String key, Predicate<Double> accepts, String expected) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (DECIMAL.matcher(v.get()).matches()) {
            double d = Double.parseDouble(v.get());
            if (accepts.test(d)) {
                return Optional.of(d);
            }
        }
        reject(key, expected);
        return Optional.empty();
    }

    Duration duration(String key, boolean zeroAllowed) {
        return optionalDuration(key, zeroAllowed).orElseGet(() -> {
            if (text(key).isEmpty()) {
                reject(key, DURATION);
            }
            return Duration.ZERO;
        });
    }

    Optional<Duration> optionalDuration(String key, boolean zeroAllowed) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            Duration d = Durations.parse(v.get());
            if (zeroAllowed || !d.isZero()) {
                return Optional.of(d);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        reject(key, zeroAllowed ? DURATION : DURATION + ", greater than zero");
        return Optional.empty();
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        String v = text(key);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        reject(key, "one of " + String.join(", ", names));
        return fallback;
    }

    /** A path; {@code ${name}} is replaced by the Java system property, as in {@code ${java.io.tmpdir}}. */
    Path path(String key, String expected) {
        return resolvePath(key, expected).orElse(Path.of(""));
    }

    /** A path that must name an existing directory. */
    Path existingDirectory(String key, String expected) {
        return resolvePath(key, expected).filter(dir -> {
            if (!Files.isDirectory(dir)) {
                reject(key, expected + "; " + (Files.exists(dir) ? "it is not a directory" : "it does not exist"));
            }
            return true;
        }).orElse(Path.of(""));
    }

    /** A name Kafka accepts for a topic or an application id. */
    String kafkaName(String key) {
        String v = text(key);
        if (!KAFKA_NAME.matcher(v).matches()) {
            reject(key, "a Kafka name: 1 to 249 letters, digits, '.', '_' or '-'");
        }
        return v;
    }

    private Optional<Path> resolvePath(String key, String expected) {
        String v = text(key);
        if (v.isEmpty()) {
            reject(key, expected);
            return Optional.empty();
        }
        Matcher m = SYSTEM_PROPERTY.matcher(v);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String property = System.getProperty(m.group(1));
            if (property == null) {
                reject(key, expected + "; ${" + m.group(1) + "} is not a Java system property");
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(property));
        }
        m.appendTail(out);
        try {
            return Optional.of(Path.of(out.toString()));
        } catch (InvalidPathException e) {
            reject(key, expected);
            return Optional.empty();
        }
    }

    private static String quoted(String key, String value) {
        return Secrets.isSecret(key) ? Secrets.REDACTED : "\"" + value + "\"";
    }
}
