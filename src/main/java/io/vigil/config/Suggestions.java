package io.vigil.config;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Turns an unknown key into a helpful warning: the nearest known key by edit distance
 * ({@code treshold} → {@code threshold}), or the {@code kafka.} prefix a bare Kafka setting lacks.
 */
final class Suggestions {
    /** Typos of up to this many edits, or a quarter of the key's length, get a suggestion. */
    private static final int MIN_EDITS = 2;
    private static final int LENGTH_PER_EDIT = 4;

    private Suggestions() {
    }

    /** {@code unknown key "treshold" — did you mean "threshold"?} */
    static String unknownKey(String key) {
        Optional<String> near = closest(key, ConfigKeys.documentedDefaults().keySet());
        if (near.isPresent()) {
            return "unknown key \"" + key + "\" — did you mean \"" + near.get() + "\"?";
        }
        if (KafkaNames.ALL.contains(key)) {
            return "unknown key \"" + key + "\" — Kafka settings take the prefix \"" + ConfigKeys.KAFKA_PREFIX
                    + "\": did you mean \"" + ConfigKeys.KAFKA_PREFIX + key + "\"?";
        }
        return "unknown key \"" + key + "\", ignored (Vigil's keys are listed in docs/configuration.md)";
    }

    /** The candidate nearest to {@code word}, if it is close enough to be a typo of it. */
    static Optional<String> closest(String word, Collection<String> candidates) {
        int limit = Math.max(MIN_EDITS, word.length() / LENGTH_PER_EDIT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(word, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each costing one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /** Names Kafka's clients and Streams know, loaded only when a warning needs them. */
    private static final class KafkaNames {
        static final Set<String> ALL = load();

        private static Set<String> load() {
            Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
            names.addAll(ProducerConfig.configNames());
            names.addAll(ConsumerConfig.configNames());
            names.addAll(AdminClientConfig.configNames());
            return names;
        }
    }
}
