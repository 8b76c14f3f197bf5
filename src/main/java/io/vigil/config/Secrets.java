package io.vigil.config;

import java.util.Locale;
import java.util.Set;

/**
 * Decides which keys hold secrets, so that {@link VigilConfig#describe()}, {@code toString()} and
 * error messages never print them. Only the last dotted segments count: {@code ssl.key.password}
 * and {@code sasl.jaas.config} are secret, while {@code key.serializer} (a class name),
 * {@code ssl.keystore.location} (a path) and {@code alert.top.features} are not.
 */
final class Secrets {
    static final String REDACTED = "[redacted]";

    /** A key whose last segment is one of these holds a secret ({@code ssl.keystore.key}). */
    private static final Set<String> LAST = Set.of("password", "passphrase", "secret", "key", "token",
            "credentials", "jaas");
    /** A key whose last or second-to-last segment is one of these does too ({@code sasl.jaas.config}). */
    private static final Set<String> LAST_TWO = Set.of("password", "passphrase", "secret", "jaas", "token");
    /** Whole trailing segments that are secret although no single word says so (user:password). */
    private static final String USER_INFO = ".user.info";

    private Secrets() {
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(USER_INFO)) {
            return true;
        }
        String[] parts = k.split("[._-]");
        int last = parts.length - 1;
        return LAST.contains(parts[last]) || (last > 0 && LAST_TWO.contains(parts[last - 1]));
    }

    /** The value as it may be shown for this key. */
    static String shown(String key, String value) {
        return isSecret(key) ? REDACTED : value;
    }
}
